import { execFileSync } from "node:child_process";
import { access, chmod, copyFile, mkdtemp, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Emulator } from "@twauth/emulator";
import { runExample, startExampleEmulator } from "@twauth/example-test-harness";
import { afterEach, beforeEach, expect, it } from "vitest";

// Regression (issue 11, item 1): a load ran `git check-ignore` in the .env's folder, and git ran the
// command a hostile `.git/config` names in core.fsmonitor. A load must start no process; the git
// check is `twauth doctor`'s, and there git runs with every repository-configured command off.

const program = fileURLToPath(new URL("../index.js", import.meta.url));
const twauthBin = join(
  dirname(createRequire(import.meta.url).resolve("twauth/package.json")),
  "dist/bin/twauth.js",
);
const envExample = fileURLToPath(new URL("../.env.example", import.meta.url));

let emulator: Emulator;
let folder: string;
let marker: string;

beforeEach(async () => {
  emulator = await startExampleEmulator();
  folder = await mkdtemp(join(tmpdir(), "twauth-fsmonitor-"));
  marker = join(folder, "fsmonitor-ran");
  const hook = join(folder, "fsmonitor.sh");
  await writeFile(hook, `#!/bin/sh\ntouch '${marker}'\n`, { mode: 0o755 });
  execFileSync("git", ["init", "-q", folder]);
  execFileSync("git", ["-C", folder, "config", "core.fsmonitor", hook]);
  await copyFile(envExample, join(folder, ".env"));
  await chmod(join(folder, ".env"), 0o600);
  await writeFile(
    join(folder, "twauth.config.yaml"),
    `store:\n  type: dotenv\n  path: .env\nbaseUrl: ${emulator.url}\n`,
  );
});
afterEach(async () => {
  await emulator?.stop();
  await rm(folder, { recursive: true, force: true });
});

async function markerExists(): Promise<boolean> {
  return access(marker).then(
    () => true,
    () => false,
  );
}

it("the planted core.fsmonitor command runs for plain git, so the checks below can fail", async () => {
  execFileSync("git", ["-C", folder, "status", "--short"]);
  expect(await markerExists()).toBe(true);
});

it("dotenvStore(...).load() through getApiConnection runs no command a .git/config names", async () => {
  const run = await runExample(program, { baseUrl: emulator.url, cwd: folder, args: [".env"] });
  expect(run).toMatchObject({ exit: 0, stderr: "" });
  expect(run.stdout).toMatch(/^\.env: @twauth_emulator /);
  expect(await markerExists()).toBe(false);
});

it("twauth verify runs no command a .git/config names", async () => {
  const run = await runExample(twauthBin, { baseUrl: emulator.url, cwd: folder, args: ["verify"] });
  expect(run.exit, run.stderr).toBe(0);
  expect(await markerExists()).toBe(false);
});

it("twauth doctor checks git-ignore with git, and git runs no command a .git/config names", async () => {
  const run = await runExample(twauthBin, { baseUrl: emulator.url, cwd: folder, args: ["doctor"] });
  expect(`${run.stdout}${run.stderr}`).toMatch(
    /git ignore.*\.env holds secrets and is inside a git work tree but not ignored/,
  );
  expect(await markerExists()).toBe(false);
});
