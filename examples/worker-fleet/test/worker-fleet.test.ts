import { startEmulator } from "@twauth/emulator";
import { copySamples, runExample, type SampleDirectory } from "@twauth/example-test-harness";
import { afterAll, beforeAll, expect, it } from "vitest";
// The Redis tests' own server: Debian's redis-server on a free loopback port, no persistence.
import {
  type RedisServer,
  startRedisServer,
} from "../../../packages/ratelimit-redis/test/support/redis-server.js";

const route = "GET /2/users/me";
let redis: RedisServer;
let samples: SampleDirectory;
beforeAll(async () => {
  redis = await startRedisServer();
  samples = await copySamples(new URL("..", import.meta.url), { ".env.example": ".env" });
});
afterAll(async () => {
  await redis?.stop();
  await samples?.remove();
});

it("runs 3 workers through one budget in Redis: 30 requests at 10 per 1 s window, no 429", {
  timeout: 60_000,
}, async () => {
  const emulator = await startEmulator({ rateLimits: { [route]: { limit: 10, windowMs: 1000 } } });
  try {
    const run = await runExample(new URL("../fleet.js", import.meta.url), {
      baseUrl: emulator.url,
      cwd: samples.path,
      env: { REDIS_URL: redis.url, REQUESTS: "10", WORKERS: "3" },
    });
    expect(run).toEqual({
      exit: 0,
      stdout: [1, 2, 3]
        .map(
          (worker) =>
            `worker ${worker}: 10 requests as @twauth_emulator, the budget shared in Redis (shared)\n`,
        )
        .join("")
        .concat("3 workers done, none failed\n"),
      stderr: "",
    });
    expect(emulator.stats.count({ route, status: 200 })).toBe(30);
    expect(emulator.stats.count({ route, status: 429 })).toBe(0);
  } finally {
    await emulator.stop();
  }
});
