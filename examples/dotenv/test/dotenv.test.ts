import type { Emulator } from "@twauth/emulator";
import type { SampleDirectory } from "@twauth/example-test-harness";
import { copySamples, leakedSecrets, runExample, startExampleEmulator } from "@twauth/example-test-harness";
import { afterEach, beforeEach, expect, it } from "vitest";

const program = new URL("../index.js", import.meta.url);
const exampleDir = new URL("..", import.meta.url);
let emulator: Emulator;
let samples: SampleDirectory | undefined;

// A fresh emulator per test, so every test sees full rate-limit windows.
beforeEach(async () => {
  emulator = await startExampleEmulator();
});
afterEach(async () => {
  await emulator?.stop();
  await samples?.remove();
  samples = undefined;
});

async function runWith(files: Record<string, string>, args: string[] = []) {
  samples = await copySamples(exampleDir, files);
  return runExample(program, { baseUrl: emulator.url, cwd: samples.path, args });
}

it("signs in as the shared bot with .env alone", async () => {
  expect(await runWith({ ".env.example": ".env" })).toEqual({
    exit: 0,
    stdout:
      ".env: @twauth_emulator (twauth Emulator), token type user\n" +
      "GET /2/users/me: 74 of 75 requests left\n",
    stderr: "",
  });
});

it("signs in as your own account when .env.local overrides the access token of .env", async () => {
  expect(await runWith({ ".env.example": ".env", ".env.local.example": ".env.local" })).toEqual({
    exit: 0,
    stdout:
      ".env + .env.local: @twauth_second (twauth Second User), token type user\n" +
      "GET /2/users/me: 74 of 75 requests left\n",
    stderr: "",
  });
});

it("reads the files in the order given: the last one wins", async () => {
  const files = { ".env.example": ".env", ".env.local.example": ".env.local" };
  const result = await runWith(files, [".env.local", ".env"]);
  expect(result.stdout).toMatch(/^\.env\.local \+ \.env: @twauth_emulator /);
});

it("names the files it looked for when none exists, and exits 1", async () => {
  const result = await runWith({});
  expect(result.exit).toBe(1);
  expect(result.stderr).toBe(
    "STORE_NOT_FOUND: None of .env, .env.local exists; create .env.local or pass the path of your .env file.\n",
  );
});

it("prints no credential value", async () => {
  const result = await runWith({ ".env.example": ".env", ".env.local.example": ".env.local" });
  expect(leakedSecrets(result.stdout + result.stderr)).toEqual([]);
});
