import type { Emulator } from "@twauth/emulator";
import type { SampleDirectory } from "@twauth/example-test-harness";
import { copySamples, leakedSecrets, runExample, startExampleEmulator } from "@twauth/example-test-harness";
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from "vitest";

const program = new URL("../index.js", import.meta.url);
let emulator: Emulator;
let samples: SampleDirectory;

beforeAll(async () => {
  samples = await copySamples(new URL("..", import.meta.url), {
    "credentials.ini.example": "credentials.ini",
  });
});
afterAll(() => samples?.remove());

// A fresh emulator per test, so every test sees full rate-limit windows.
beforeEach(async () => {
  emulator = await startExampleEmulator();
});
afterEach(() => emulator?.stop());

const run = (args: string[], env: Record<string, string> = {}) =>
  runExample(program, { baseUrl: emulator.url, cwd: samples.path, args, env });

it("signs in as the default profile's account when no profile is named", async () => {
  const result = await run([]);
  expect(result).toEqual({
    exit: 0,
    stdout:
      "profile default of credentials.ini: @twauth_emulator (twauth Emulator), token type user\n" +
      "GET /2/users/me: 74 of 75 requests left\n",
    stderr: "",
  });
});

it("signs in as the bot2 account with --profile bot2", async () => {
  const result = await run(["--profile", "bot2"]);
  expect(result.stdout).toBe(
    "profile bot2 of credentials.ini: @twauth_second (twauth Second User), token type user\n" +
      "GET /2/users/me: 74 of 75 requests left\n",
  );
  expect(result.stderr).toBe("");
});

it("takes the profile from TWAUTH_PROFILE, and --profile wins over it", async () => {
  const fromEnv = await run([], { TWAUTH_PROFILE: "bot2" });
  expect(fromEnv.stdout).toMatch(/^profile bot2 of credentials\.ini: @twauth_second /);
  const fromFlag = await run(["--profile", "default"], { TWAUTH_PROFILE: "bot2" });
  expect(fromFlag.stdout).toMatch(/^profile default of credentials\.ini: @twauth_emulator /);
});

it("names the profiles that exist when asked for one that does not, and exits 1", async () => {
  const result = await run(["--profile", "bot3"]);
  expect(result.exit).toBe(1);
  expect(result.stdout).toBe("");
  expect(result.stderr).toBe(
    'PROFILE_NOT_FOUND: credentials.ini has no profile "bot3" (profiles found: default, bot2); add a [bot3] section, or pick one of those.\n',
  );
});

it("prints no credential value, whatever the outcome", async () => {
  const runs = await Promise.all([run([]), run(["--profile", "bot2"]), run(["--profile", "bot3"])]);
  for (const { stdout, stderr } of runs) expect(leakedSecrets(stdout + stderr)).toEqual([]);
});
