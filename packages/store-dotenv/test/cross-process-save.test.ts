import { spawn } from "node:child_process";
import { readdir, readFile, writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import type { TempDirectory } from "@twauth/store-testkit";
import { createTempDirectory } from "@twauth/store-testkit";
import { afterEach, beforeEach, expect, it } from "vitest";
import { dotenvStore } from "../src/dotenv-store.js";

// Regression (issue 11, item 4): the save lock was in-process only, so two processes saving to one
// .env lost each other's keys (28 and 14 of 80 survived). Real child processes, real files.

const bundle = fileURLToPath(new URL("../dist/bundle/index.js", import.meta.url));
let temp: TempDirectory;

beforeEach(async () => {
  temp = await createTempDirectory("twauth-dotenv-lock-");
});
afterEach(async () => {
  await temp.cleanup();
});

function saver(file: string, name: string, count: number): Promise<number | null> {
  const script = `
    const { dotenvStore } = await import(${JSON.stringify(bundle)});
    const store = dotenvStore({ path: ${JSON.stringify(file)} });
    for (let index = 0; index < ${count}; index += 1) {
      await store.save({ [${JSON.stringify(name)} + "_KEY_" + index]: "value-" + index });
    }`;
  const child = spawn(process.execPath, ["--input-type=module", "-e", script], { stdio: "inherit" });
  const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
  return new Promise((resolve) =>
    child.once("close", (code) => {
      clearTimeout(timer);
      resolve(code);
    }),
  );
}

it("two processes each saving 40 keys to one .env end with all 80, and no lock or temp file left", async () => {
  const file = temp.file(".env");
  await writeFile(file, "CONSUMER_KEY=ck\n", { mode: 0o600 });
  expect(await Promise.all([saver(file, "FIRST", 40), saver(file, "SECOND", 40)])).toEqual([0, 0]);
  const record = await dotenvStore({ path: file }).load();
  const text = await readFile(file, "utf8");
  const saved = text.split("\n").filter((line) => /^(FIRST|SECOND)_KEY_\d+=value-\d+$/.test(line));
  expect(saved).toHaveLength(80);
  expect(record).toEqual({ CONSUMER_KEY: "ck" });
  expect(await readdir(temp.path)).toEqual([".env"]);
});
