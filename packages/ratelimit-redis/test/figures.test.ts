import { randomUUID } from "node:crypto";
import { isTwauthError, type RateLimitTicket } from "@twauth/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RedisClientLike, redisRateLimitState } from "../src/index.js";
import { maxFigures } from "../src/redis-figures.js";
import { isIoRedisClient } from "../src/redis-link.js";
import { clientNames, connectClient, type TestClient } from "./support/clients.js";
import { useRedisServer } from "./support/redis-server.js";

const redis = useRedisServer();

// Writes windows straight into Redis, as many workers would have left them.
function command(client: RedisClientLike, args: string[]): Promise<unknown> {
  if (isIoRedisClient(client)) return client.call(args[0]!, args.slice(1));
  return client.sendCommand(args);
}
const t0 = Math.floor(Date.now() / 1000) * 1000;
const window = (remaining: number, resetAt = t0 + 60_000, limit = 75) => ({ limit, remaining, resetAt });

function sendTicket(ticket: RateLimitTicket): Extract<RateLimitTicket, { action: "send" }> {
  expect(ticket.action).toBe("send");
  return ticket as Extract<RateLimitTicket, { action: "send" }>;
}

for (const clientName of clientNames) {
  describe(`redisRateLimitState.figures over ${clientName}`, () => {
    let connected: TestClient;
    beforeAll(async () => {
      connected = await connectClient(clientName, redis().url);
    });
    afterAll(async () => {
      await connected?.close();
    });
    const state = (keyPrefix: string) => redisRateLimitState({ client: connected.client, keyPrefix });

    it("lists what another worker settled: limit, remaining, reset, the 24-hour caps and leases in flight", async () => {
      const keyPrefix = `${randomUUID()}:`;
      const worker = state(keyPrefix);
      const key = "tokenA GET /2/users/me";
      const userDaily = window(16, t0 + 86_400_000, 17);
      worker.settle(key, sendTicket(await worker.acquire(key, t0)), {
        answered: true,
        figures: { ...window(74), userDaily },
      });
      await worker.flush();
      await worker.acquire(key, t0);
      const read = await state(keyPrefix).figures({ at: t0 });
      expect(read).toEqual({ figures: { [key]: { ...window(74), userDaily, inFlight: 1 } }, complete: true });
    });

    it("keeps to one token's keys and to its own prefix, and leaves out windows past their reset", async () => {
      const keyPrefix = `${randomUUID()}:`;
      const worker = state(keyPrefix);
      const other = state(`${randomUUID()}:`);
      for (const [target, key, resetAt] of [
        [worker, "tokenA GET /2/tweets", t0 + 60_000],
        [worker, "tokenA GET /2/users/me", t0 + 1000],
        [worker, "tokenB GET /2/tweets", t0 + 60_000],
        [other, "tokenA GET /2/lists", t0 + 60_000],
      ] as const) {
        target.settle(key, sendTicket(await target.acquire(key, t0)), {
          answered: true,
          figures: window(9, resetAt),
        });
        await target.flush();
      }
      const read = await worker.figures({ tokenKey: "tokenA", at: t0 + 1000 });
      expect(Object.keys(read.figures)).toEqual(["tokenA GET /2/tweets"]);
      expect(Object.keys((await worker.figures({ at: t0 })).figures).sort()).toEqual([
        "tokenA GET /2/tweets",
        "tokenA GET /2/users/me",
        "tokenB GET /2/tweets",
      ]);
    });

    it(`lists at most ${maxFigures} keys and says the list is not complete`, async () => {
      const keyPrefix = `${randomUUID()}:`;
      const reset = String(t0 + 60_000);
      for (let index = 0; index < maxFigures + 5; index++) {
        const fields = ["limit", "9", "remaining", "9", "reset", reset];
        await command(connected.client, ["HSET", `${keyPrefix}rl:{tokenA GET /e${index}}`, ...fields]);
      }
      const read = await state(keyPrefix).figures({ at: t0 });
      expect(Object.keys(read.figures)).toHaveLength(maxFigures);
      expect(read.complete).toBe(false);
    });
  });
}

describe("redisRateLimitState.figures without Redis", () => {
  it("rejects with NETWORK_ERROR naming where Redis was expected", async () => {
    const reader = redisRateLimitState({ url: "redis://127.0.0.1:1", commandTimeout: "200ms" });
    const error = await reader.figures().catch((caught: unknown) => caught);
    expect(isTwauthError(error, "NETWORK_ERROR")).toBe(true);
    expect((error as Error).message).toMatch(
      /^reading the rate-limit figures: Redis at redis:\/\/127\.0\.0\.1:1 did not answer/,
    );
    await reader.close();
  });
});
