import { readdir, readFile, writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import type { TempDirectory } from "@twauth/store-testkit";
import { createTempDirectory, runUpdatesInChildProcesses } from "@twauth/store-testkit";
import { afterEach, beforeEach, expect, it } from "vitest";
import { yamlStore } from "../src/yaml-store.js";

// Real child processes on one real file: update() is one step across processes, or increments get lost.

const built = fileURLToPath(new URL("../dist/index.js", import.meta.url));
let temp: TempDirectory;
beforeEach(async () => {
  temp = await createTempDirectory("twauth-yaml-update-");
});
afterEach(async () => {
  await temp.cleanup();
});

it("four processes each making 25 updates of a counter in one yaml profile end with exactly 100", async () => {
  const path = temp.file("twitter.yaml");
  const text = `app:\n  twitter:\n    # the bot\n    bot2:\n      consumer_key: ck\n      oauth2_access_token: "0"\n`;
  await writeFile(path, text, { mode: 0o600 });
  const codes = await runUpdatesInChildProcesses({
    module: built,
    factory: "yamlStore",
    storeOptions: { path, key: "app.twitter" },
    key: "oauth2_access_token",
    profile: "bot2",
  });
  expect(codes).toEqual([0, 0, 0, 0]);
  const store = yamlStore({ path, key: "app.twitter", onWarning: () => {} });
  expect(await store.load({ profile: "bot2" })).toEqual({ consumer_key: "ck", oauth2_access_token: "100" });
  expect(await readFile(path, "utf8")).toContain("# the bot");
  expect(await readdir(temp.path)).toEqual(["twitter.yaml"]);
});
