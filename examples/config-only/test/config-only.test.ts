import { execFile } from "node:child_process";
import { chmodSync, copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import type { Emulator } from "@twauth/emulator";
import { defaultApp, defaultUser, startEmulator } from "@twauth/emulator";
import { afterAll, beforeAll, expect, it } from "vitest";

const run = promisify(execFile);
const exampleFolder = fileURLToPath(new URL("..", import.meta.url));
let emulator: Emulator;
let folder: string;

beforeAll(async () => {
  emulator = await startEmulator();
  // The example as a user would have it: its files in a folder of their own, .env made from the sample.
  folder = mkdtempSync(join(tmpdir(), "twauth-config-only-"));
  for (const file of ["index.js", "twauth.config.yaml", "package.json"]) {
    copyFileSync(join(exampleFolder, file), join(folder, file));
  }
  copyFileSync(join(exampleFolder, ".env.example"), join(folder, ".env"));
  chmodSync(join(folder, ".env"), 0o600);
});
afterAll(async () => {
  rmSync(folder, { recursive: true, force: true });
  await emulator.stop();
});

it("runs the five-line program from its config file against the emulator", async () => {
  // The copied program resolves @twauth/* from the example's own node_modules.
  const { stdout, stderr } = await run(process.execPath, [join(exampleFolder, "index.js")], {
    cwd: folder,
    env: { ...process.env, TWAUTH_BASE_URL: emulator.url },
    timeout: 15_000,
  });
  expect(stdout).toBe(`authenticated as @${defaultUser.username} with a user token\n`);
  expect(stderr).toBe("");
  for (const secret of [defaultApp.consumerSecret, defaultUser.accessTokenSecret]) {
    expect(stdout + stderr).not.toContain(secret);
  }
});
