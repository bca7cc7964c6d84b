import { randomUUID } from "node:crypto";
import { startEmulator } from "@twauth/emulator";
import { describe, expect, it } from "vitest";
import { clientNames } from "./support/clients.js";
import { useRedisServer } from "./support/redis-server.js";
import { busiestWindow, runFleet } from "./support/worker-fleet.js";

const route = "GET /2/users/me";
const limit = 30;
const windowMs = 1000;
const workers = 6;
const total = 300;

const redis = useRedisServer();

describe("6 worker processes sharing one budget through Redis", () => {
  for (const client of clientNames) {
    it(`send 300 requests at L=30 per 1 s with no 429, no error and no window above L (${client})`, {
      timeout: 90_000,
    }, async () => {
      const emulator = await startEmulator({ rateLimits: { [route]: { limit, windowMs } } });
      try {
        const results = await runFleet({
          emulatorUrl: emulator.url,
          redisUrl: redis().url,
          client,
          workers,
          requestsPerWorker: total / workers,
          concurrency: 3,
          keyPrefix: `${randomUUID()}:`,
        });
        expect(results.flatMap((result) => result.errors)).toEqual([]);
        expect(results.reduce((sum, result) => sum + result.answered, 0)).toBe(total);
        expect(emulator.stats.count({ route, status: 429 })).toBe(0);
        expect(emulator.stats.count({ route, status: 200 })).toBe(total);
        expect(busiestWindow(emulator.stats, route, windowMs)).toBeLessThanOrEqual(limit);
        const commands = results.reduce((sum, result) => sum + result.commands, 0);
        expect(commands / total).toBeLessThanOrEqual(2);
      } finally {
        await emulator.stop();
      }
    });
  }
});
