import type { Emulator } from "@twauth/emulator";
import { defaultApp, startEmulator } from "@twauth/emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  dotenvConfig,
  dotenvText,
  emulatorUserCredentials,
  expectNoSecrets,
  jsonOutput,
  tempProject,
} from "./support/project.js";
import { runTwauth } from "./support/run-twauth.js";

let emulator: Emulator;
const secrets = Object.values(emulatorUserCredentials);

beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(() => emulator.stop());

function lines(stdout: string): string[] {
  return stdout.trimEnd().split("\n");
}

describe("twauth doctor", () => {
  it("all ok: a valid config, a 0600 .env ignored by git, the clock in sync, a read-write token", async () => {
    const project = tempProject(
      {
        "twauth.config.yaml": dotenvConfig(emulator.url),
        ".env": dotenvText(emulatorUserCredentials),
        ".gitignore": ".env\n",
      },
      { git: true },
    );
    try {
      const run = await runTwauth(["doctor"], { cwd: project.dir });
      expect(run.exitCode).toBe(0);
      const env = project.path(".env");
      expect(lines(run.stdout)).toEqual([
        `ok    config: ${project.path("twauth.config.yaml")} is valid (store dotenv, profile "default")`,
        `ok    store readable: dotenv store ${env}, profile "default": 4 keys`,
        "ok    keys present: user credentials from CONSUMER_KEY, CONSUMER_SECRET, ACCESS_TOKEN, ACCESS_TOKEN_SECRET",
        `ok    file permissions: ${env}: readable by the owner only`,
        `ok    git ignore: ${env}: ignored by git, or outside a git work tree`,
        // The date header has whole seconds: a clock in sync reads as up to a second off.
        expect.stringMatching(
          /^ok {4}clock: (within a second of|this machine is 1s (behind|ahead of)) 127\.0\.0\.1:\d+'s date header$/,
        ),
        "ok    credentials verified: X accepted the user token of @twauth_emulator (id 1460000000000000001)",
        "ok    app permissions: the access token is read and write (x-access-level: read-write)",
      ]);
      expectNoSecrets(run, secrets);
    } finally {
      project.remove();
    }
  });

  it("warns about a 0644 .env that git does not ignore, with chmod 600 and .gitignore as the fixes, and still exits 0", async () => {
    const project = tempProject({ "twauth.config.yaml": dotenvConfig(emulator.url) }, { git: true });
    const env = project.write(".env", dotenvText(emulatorUserCredentials), 0o644);
    try {
      const run = await runTwauth(["doctor", "--json"], { cwd: project.dir });
      expect(run.exitCode).toBe(0);
      const { ok, checks } = jsonOutput(run) as {
        ok: boolean;
        checks: { status: string; check: string; detail: string; fix?: string }[];
      };
      expect(ok).toBe(true);
      expect(checks.find((check) => check.check === "file permissions")).toEqual({
        status: "warn",
        check: "file permissions",
        detail: `${env} holds secrets but can be read by group and others (mode 644)`,
        fix: `run: chmod 600 ${env}`,
      });
      expect(checks.find((check) => check.check === "git ignore")).toEqual({
        status: "warn",
        check: "git ignore",
        detail: `${env} holds secrets and is inside a git work tree but not ignored`,
        fix: `add .env to .gitignore (and "git rm --cached ${env}" if it was committed).`,
      });
      expect(checks.filter((check) => check.status === "ok").map((check) => check.check)).toEqual([
        "config",
        "store readable",
        "keys present",
        "clock",
        "credentials verified",
        "app permissions",
      ]);
      expectNoSecrets(run, secrets);
    } finally {
      project.remove();
    }
  });

  it("fails the clock ten minutes off (and the credentials X then refuses with code 135), exiting 3", async () => {
    await using skewed = await startEmulator({ now: () => Date.now() + 10 * 60_000 });
    const project = tempProject({
      "twauth.config.yaml": dotenvConfig(skewed.url),
      ".env": dotenvText(emulatorUserCredentials),
    });
    try {
      const run = await runTwauth(["doctor"], { cwd: project.dir });
      expect(run.exitCode).toBe(3);
      const [clock, credentials, permissions] = lines(run.stdout).slice(-3);
      expect(clock).toMatch(
        /^fail {2}clock: this machine is (9m 59s|10m 0s|10m 1s) behind 127\.0\.0\.1:\d+'s date header; X refuses OAuth 1\.0a timestamps more than 5 minutes off \(401, code 135\) — sync the clock \(NTP: timedatectl set-ntp true, or your OS's date settings\)$/,
      );
      expect(credentials).toMatch(/^fail {2}credentials verified: .*135/);
      expect(permissions).toBe("skip  app permissions: needs verified credentials");
      expectNoSecrets(run, secrets);
    } finally {
      project.remove();
    }
  });

  it("warns about a clock a minute off and a read-only access token", async () => {
    await using skewed = await startEmulator({ now: () => Date.now() - 60_000 });
    const readOnly = skewed.issueAccessToken("twauth_second", {
      consumerKey: defaultApp.consumerKey,
      accessLevel: "read",
    });
    const credentials = { ...emulatorUserCredentials, ...readOnly };
    const project = tempProject({
      "twauth.config.yaml": dotenvConfig(skewed.url),
      ".env": dotenvText(credentials),
    });
    try {
      const run = await runTwauth(["doctor"], { cwd: project.dir });
      expect(run.exitCode).toBe(0);
      const output = lines(run.stdout);
      expect(output).toContainEqual(
        expect.stringMatching(
          /^warn {2}clock: this machine is (59s|1m 0s|1m 1s) ahead of 127\.0\.0\.1:\d+'s date header; X refuses beyond 5 minutes — sync the clock \(NTP\) before it drifts further$/,
        ),
      );
      expect(output.at(-1)).toBe(
        "warn  app permissions: the access token is read only (x-access-level: read): posting will get 403 — set the app to Read and write in the developer portal, then sign in again (twauth login): a token keeps the permission it was made with",
      );
      expectNoSecrets(run, Object.values(credentials));
    } finally {
      project.remove();
    }
  });

  it("without a config: the config fails, the checks that need it are skipped, exit 2", async () => {
    const project = tempProject();
    try {
      // The clock is still checked against the API given on the command line.
      const run = await runTwauth(["doctor", "--base-url", emulator.url], { cwd: project.dir });
      expect(run.exitCode).toBe(2);
      const output = lines(run.stdout);
      expect(output[0]).toMatch(/^fail {2}config: No twauth config found\. Searched /);
      expect(output.slice(1)).toEqual([
        "skip  store readable: needs a valid config",
        "skip  keys present: needs a readable store",
        "skip  file permissions: needs a valid config",
        "skip  git ignore: needs a valid config",
        expect.stringMatching(/^ok {4}clock: /),
        "skip  credentials verified: needs the keys",
        "skip  app permissions: needs verified credentials",
      ]);
    } finally {
      project.remove();
    }
  });
});
