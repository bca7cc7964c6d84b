import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import type { Emulator } from "@twauth/emulator";
import { startEmulator } from "@twauth/emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RedisServer, startRedisServer } from "../../ratelimit-redis/test/support/redis-server.js";
import {
  dotenvConfig,
  dotenvText,
  emulatorUserCredentials,
  expectNoSecrets,
  jsonOutput,
  tempProject,
} from "./support/project.js";
import { runTwauth } from "./support/run-twauth.js";

const limit = 75;
const secrets = Object.values(emulatorUserCredentials);
let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator({ rateLimits: { "GET /2/users/me": { limit, windowMs: 900_000 } } });
});
afterAll(async () => {
  await emulator.stop();
});

function project(stateSection: string) {
  return tempProject({
    ".env": dotenvText(emulatorUserCredentials),
    // Connections use the shared state when they wait on rate limits (core's rate-limit step).
    "twauth.config.yaml": dotenvConfig(
      emulator.url,
      `wait_on_rate_limit: true\nrate_limit_state:\n${stateSection}`,
    ),
  });
}

const verifyCalls = () => emulator.stats.count({ route: "GET /2/users/me" });

describe("twauth limits with rate_limit_state: { type: file }", () => {
  it("prints the figures twauth verify left in the file (remaining one less) and sends no request", async () => {
    const dir = project("  type: file\n  path: limits.json\n");
    try {
      expect((await runTwauth(["verify"], { cwd: dir.dir })).exitCode).toBe(0);
      const before = verifyCalls();
      const run = await runTwauth(["limits"], { cwd: dir.dir });
      expect(run.exitCode).toBe(0);
      expect(verifyCalls()).toBe(before);
      expect(run.stdout).toMatch(/^Shared rate-limit state \(every run and worker with this token\):\n/);
      // The emulator counts every verify call of this file's tests against one window.
      const remaining = limit - verifyCalls();
      expect(run.stdout).toMatch(new RegExp(`^GET /2/users/me +${limit} +${remaining} +(\\d+m )?\\d+s`, "m"));
      expect(run.stdout).not.toContain("This run:");
      expectNoSecrets(run, secrets);
    } finally {
      dir.remove();
    }
  });

  it("makes the verify call anyway with --refresh and prints its figures beside the shared ones, in JSON", async () => {
    const dir = project("  type: file\n  path: limits.json\n");
    try {
      expect((await runTwauth(["verify"], { cwd: dir.dir })).exitCode).toBe(0);
      const before = verifyCalls();
      const run = await runTwauth(["limits", "--refresh", "--json"], { cwd: dir.dir });
      expect(run.exitCode).toBe(0);
      expect(verifyCalls()).toBe(before + 1);
      const data = jsonOutput(run) as {
        rateLimits: Record<string, { remaining: number }>;
        shared: { complete: boolean; rateLimits: Record<string, { remaining: number; inFlight: number }> };
      };
      const thisRun = data.rateLimits["GET /2/users/me"]?.remaining;
      expect(thisRun).toBeLessThan(limit - 1);
      expect(data.shared.complete).toBe(true);
      expect(data.shared.rateLimits["GET /2/users/me"]).toMatchObject({ remaining: thisRun, inFlight: 0 });
    } finally {
      dir.remove();
    }
  });

  it("makes the verify call when the file holds nothing for this token yet", async () => {
    const dir = project("  type: file\n  path: limits.json\n");
    try {
      const before = verifyCalls();
      const run = await runTwauth(["limits"], { cwd: dir.dir });
      expect(run.exitCode).toBe(0);
      expect(verifyCalls()).toBe(before + 1);
      expect(run.stdout).toContain("This run:");
      expect(run.stdout).toMatch(/^Shared rate-limit state/);
    } finally {
      dir.remove();
    }
  });
});

describe("twauth limits with rate_limit_state: { type: redis }", () => {
  let redis: RedisServer;
  beforeAll(async () => {
    redis = await startRedisServer();
  });
  afterAll(async () => {
    await redis?.stop();
  });

  it("prints the figures a fleet worker left in Redis and sends no request", async () => {
    const dir = project(`  type: redis\n  url: ${redis.url}\n  key_prefix: "fleet:"\n`);
    try {
      await promisify(execFile)(
        process.execPath,
        [fileURLToPath(new URL("./support/redis-verify-worker.mjs", import.meta.url))],
        {
          env: {
            PATH: process.env.PATH ?? "",
            EMULATOR_URL: emulator.url,
            REDIS_URL: redis.url,
            KEY_PREFIX: "fleet:",
            CREDENTIALS: JSON.stringify({ type: "user", ...emulatorUserCredentials }),
          },
          timeout: 30_000,
        },
      );
      const before = verifyCalls();
      const run = await runTwauth(["limits", "--json"], { cwd: dir.dir });
      expect(run.exitCode).toBe(0);
      expect(verifyCalls()).toBe(before);
      const data = jsonOutput(run) as {
        rateLimits: Record<string, unknown>;
        shared: { rateLimits: Record<string, { limit: number; remaining: number }> };
      };
      expect(data.rateLimits).toEqual({});
      expect(data.shared.rateLimits["GET /2/users/me"]).toMatchObject({ limit, remaining: limit - before });
      expectNoSecrets(run, secrets);
    } finally {
      dir.remove();
    }
  });
});
