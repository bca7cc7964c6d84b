import { readdir, readFile, writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import type { TempDirectory } from "@twauth/store-testkit";
import { createTempDirectory, runUpdatesInChildProcesses } from "@twauth/store-testkit";
import { afterEach, beforeEach, expect, it } from "vitest";
import { dotenvStore } from "../src/dotenv-store.js";

// Real child processes on real files: update() is one step across processes, or increments get lost.

const bundle = fileURLToPath(new URL("../dist/bundle/index.js", import.meta.url));
let temp: TempDirectory;
beforeEach(async () => {
  temp = await createTempDirectory("twauth-dotenv-update-");
});
afterEach(async () => {
  await temp.cleanup();
});

it("four processes each making 25 updates of a counter in one .env end with exactly 100", async () => {
  const path = temp.file(".env");
  await writeFile(path, "# bot\nCONSUMER_KEY=ck\nOAUTH2_ACCESS_TOKEN=0\n", { mode: 0o600 });
  const codes = await runUpdatesInChildProcesses({
    module: bundle,
    factory: "dotenvStore",
    storeOptions: { path },
    key: "OAUTH2_ACCESS_TOKEN",
  });
  expect(codes).toEqual([0, 0, 0, 0]);
  expect(await dotenvStore({ path, onWarning: () => {} }).load()).toEqual({
    CONSUMER_KEY: "ck",
    OAUTH2_ACCESS_TOKEN: "100",
  });
  expect(await readdir(temp.path)).toEqual([".env"]);
});

it("four processes each making 25 updates over .env and .env.local end with 100 in .env.local, .env untouched", async () => {
  const shared = temp.file(".env");
  const local = temp.file(".env.local");
  const sharedText = "CONSUMER_KEY=ck\nOAUTH2_ACCESS_TOKEN=0\n";
  await writeFile(shared, sharedText, { mode: 0o600 });
  await writeFile(local, "# this machine\nCONSUMER_SECRET=cs\n", { mode: 0o600 });
  // The first update reads the counter from .env (the only file that has it) and writes it to
  // .env.local, which wins from then on: both files are read inside the lock every time.
  const codes = await runUpdatesInChildProcesses({
    module: bundle,
    factory: "dotenvStore",
    storeOptions: { paths: [shared, local] },
    key: "OAUTH2_ACCESS_TOKEN",
  });
  expect(codes).toEqual([0, 0, 0, 0]);
  const store = dotenvStore({ paths: [shared, local], onWarning: () => {} });
  expect(await store.load()).toEqual({
    CONSUMER_KEY: "ck",
    CONSUMER_SECRET: "cs",
    OAUTH2_ACCESS_TOKEN: "100",
  });
  expect(await readFile(shared, "utf8")).toBe(sharedText);
  expect(await readFile(local, "utf8")).toBe("# this machine\nCONSUMER_SECRET=cs\nOAUTH2_ACCESS_TOKEN=100\n");
  expect((await readdir(temp.path)).sort()).toEqual([".env", ".env.local"]);
});
