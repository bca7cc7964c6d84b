import { readFile } from "node:fs/promises";
import type { Emulator } from "@twauth/emulator";
import { leakedSecrets, runExample, startExampleEmulator } from "@twauth/example-test-harness";
import { afterEach, beforeAll, beforeEach, expect, it } from "vitest";

const program = new URL("../index.js", import.meta.url);
let emulator: Emulator;
/** What `. ./env.sh` would put in the environment: the sample's `export NAME=value` lines. */
let sampleVariables: Record<string, string>;

beforeAll(async () => {
  const script = await readFile(new URL("../env.sh.example", import.meta.url), "utf8");
  sampleVariables = Object.fromEntries(
    [...script.matchAll(/^export (\w+)=(\S+)$/gm)].map(([, name, value]) => [name!, value!]),
  );
});

// A fresh emulator per test, so every test sees full rate-limit windows.
beforeEach(async () => {
  emulator = await startExampleEmulator();
});
afterEach(() => emulator?.stop());

const run = (args: string[], env: Record<string, string> = sampleVariables) =>
  runExample(program, { baseUrl: emulator.url, args, env });

it("the sample sets eight variables: two profiles of four keys", () => {
  expect(Object.keys(sampleVariables)).toHaveLength(8);
});

it("signs in with the bare TWAUTH_ names as the default profile", async () => {
  expect(await run([])).toEqual({
    exit: 0,
    stdout:
      "profiles in the environment: default, bot2\n" +
      "profile default: @twauth_emulator (twauth Emulator), token type user\n" +
      "GET /2/users/me: 74 of 75 requests left\n",
    stderr: "",
  });
});

it("signs in with the TWAUTH_BOT2_ names for --profile bot2 or TWAUTH_PROFILE=bot2", async () => {
  const fromFlag = await run(["--profile", "bot2"]);
  expect(fromFlag.stdout).toBe(
    "profiles in the environment: default, bot2\n" +
      "profile bot2: @twauth_second (twauth Second User), token type user\n" +
      "GET /2/users/me: 74 of 75 requests left\n",
  );
  expect(fromFlag.stderr).toBe("");
  const fromEnv = await run([], { ...sampleVariables, TWAUTH_PROFILE: "bot2" });
  expect(fromEnv.stdout).toContain("profile bot2: @twauth_second ");
});

it("names the missing key of a profile with one variable unset, and exits 1", async () => {
  const { TWAUTH_BOT2_ACCESS_TOKEN_SECRET: _unset, ...rest } = sampleVariables;
  const result = await run(["--profile", "bot2"], rest);
  expect(result.exit).toBe(1);
  expect(result.stderr).toBe(
    'CREDENTIALS_MISSING: environment variables (profile "bot2"): missing access token secret (ACCESS_TOKEN_SECRET). It has CONSUMER_KEY, CONSUMER_SECRET, ACCESS_TOKEN. Add the missing keys; a half pair is never used as app-only auth.\n',
  );
});

it("prints no credential value, whatever the outcome", async () => {
  const { TWAUTH_ACCESS_TOKEN_SECRET: _unset, ...rest } = sampleVariables;
  const runs = await Promise.all([run([]), run(["--profile", "bot2"]), run([], rest)]);
  expect(runs.map((result) => result.exit)).toEqual([0, 0, 1]);
  for (const { stdout, stderr } of runs) expect(leakedSecrets(stdout + stderr)).toEqual([]);
});
