import { readdir, writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import type { TempDirectory } from "@twauth/store-testkit";
import { createTempDirectory, runUpdatesInChildProcesses } from "@twauth/store-testkit";
import { afterEach, beforeEach, expect, it } from "vitest";
import { iniStore } from "../src/ini-store.js";

// Real child processes on one real file: update() is one step across processes, or increments get lost.

const built = fileURLToPath(new URL("../dist/index.js", import.meta.url));
let temp: TempDirectory;
beforeEach(async () => {
  temp = await createTempDirectory("twauth-ini-update-");
});
afterEach(async () => {
  await temp.cleanup();
});

it("four processes each making 25 updates of a counter in one ini section end with exactly 100", async () => {
  const path = temp.file("credentials.ini");
  await writeFile(
    path,
    "; twauth\n[bot2]\nconsumer_key = ck\noauth2_access_token = 0\n[other]\nkey = kept\n",
    {
      mode: 0o600,
    },
  );
  const codes = await runUpdatesInChildProcesses({
    module: built,
    factory: "iniStore",
    storeOptions: { path },
    key: "oauth2_access_token",
    profile: "bot2",
  });
  expect(codes).toEqual([0, 0, 0, 0]);
  const store = iniStore({ path, onWarning: () => {} });
  expect(await store.load({ profile: "bot2" })).toEqual({ consumer_key: "ck", oauth2_access_token: "100" });
  expect(await store.load({ profile: "other" })).toEqual({ key: "kept" });
  expect(await readdir(temp.path)).toEqual(["credentials.ini"]);
});
