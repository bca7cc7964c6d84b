import { randomUUID } from "node:crypto";
import { createMemoryRateLimitState } from "@twauth/core";
import { afterAll, beforeAll, describe, it } from "vitest";
import { type RedisRateLimitState, redisRateLimitState } from "../src/index.js";
import { clientNames, connectClient, type TestClient } from "./support/clients.js";
import { rateLimitContract } from "./support/rate-limit-contract.js";
import { useRedisServer } from "./support/redis-server.js";

const redis = useRedisServer();

describe("the rate-limit contract on the memory state (the reference)", () => {
  for (const { name, run } of rateLimitContract) it(name, () => run(createMemoryRateLimitState()));
});

for (const clientName of clientNames) {
  describe(`the rate-limit contract on redisRateLimitState over ${clientName}`, () => {
    let connected: TestClient;
    const states: RedisRateLimitState[] = [];
    beforeAll(async () => {
      connected = await connectClient(clientName, redis().url);
    });
    afterAll(async () => {
      for (const state of states) await state.close();
      await connected?.close();
    });
    for (const { name, run } of rateLimitContract) {
      it(name, async () => {
        // A prefix per case: every case starts from an empty budget, as with a fresh memory state.
        const state = redisRateLimitState({ client: connected.client, keyPrefix: `${randomUUID()}:` });
        states.push(state);
        await run(state);
      });
    }
  });
}
