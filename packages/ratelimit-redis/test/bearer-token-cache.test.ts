import { randomUUID } from "node:crypto";
import { getApiConnection, isTwauthError } from "@twauth/core";
import { defaultApp, startEmulator } from "@twauth/emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RedisStateNotice, redisBearerTokenCache, redisRateLimitState } from "../src/index.js";
import { clientNames, connectClient, type TestClient } from "./support/clients.js";
import { sharedStateOptions } from "./support/connection-state.mjs";
import { useRedisServer } from "./support/redis-server.js";

const redis = useRedisServer();

for (const clientName of clientNames) {
  describe(`redisBearerTokenCache over ${clientName}`, () => {
    let connected: TestClient;
    beforeAll(async () => {
      connected = await connectClient(clientName, redis().url);
    });
    afterAll(async () => {
      await connected?.close();
    });
    const pair = () => {
      const keyPrefix = `${randomUUID()}:`;
      return [0, 1].map(() => redisBearerTokenCache({ client: connected.client, keyPrefix }));
    };

    it("gives every worker the token one of them stored", async () => {
      const [a, b] = pair();
      expect(await b!.get("app")).toBeUndefined();
      await a!.set("app", "token-1");
      expect(await b!.get("app")).toBe("token-1");
    });

    it("forgets the token only if it is still the one the caller used", async () => {
      const [a, b] = pair();
      await a!.set("app", "token-1");
      await b!.set("app", "token-2");
      await a!.delete("app", "token-1");
      expect(await a!.get("app")).toBe("token-2");
      await a!.delete("app", "token-2");
      expect(await b!.get("app")).toBeUndefined();
    });

    it("lets three app-only connections of a fleet ask X for the bearer token once", async () => {
      const emulator = await startEmulator();
      const keyPrefix = `${randomUUID()}:`;
      const connections = [];
      try {
        for (let worker = 0; worker < 3; worker++) {
          const cache = redisBearerTokenCache({ client: connected.client, keyPrefix });
          const api = await getApiConnection({
            credentials: { consumerKey: defaultApp.consumerKey, consumerSecret: defaultApp.consumerSecret },
            baseUrl: emulator.url,
            ...sharedStateOptions(redisRateLimitState({ client: connected.client, keyPrefix }), cache),
          });
          connections.push(api);
          expect((await api.get("/2/tweets/1460000000000000001")).status).toBe(200);
        }
        expect(emulator.stats.count({ route: "POST /oauth2/token" })).toBe(1);
      } finally {
        for (const api of connections) api.close();
        await emulator.stop();
      }
    });

    it("keeps apps apart", async () => {
      const [a] = pair();
      await a!.set("app-1", "token-1");
      expect(await a!.get("app-2")).toBeUndefined();
    });
  });
}

describe("redisBearerTokenCache without Redis", () => {
  it("keeps the token in this process and says so once", async () => {
    await redis().kill();
    try {
      const notices: RedisStateNotice[] = [];
      const cache = redisBearerTokenCache({
        url: redis().url,
        commandTimeout: "200ms",
        notify: (n) => notices.push(n),
      });
      await cache.set("app", "token-1");
      expect(await cache.get("app")).toBe("token-1");
      expect(notices.map((notice) => notice.code)).toEqual(["REDIS_UNREACHABLE"]);
      await cache.close();
    } finally {
      await redis().restart();
    }
  });

  it('fails with NETWORK_ERROR under onRedisError: "fail"', async () => {
    await redis().kill();
    try {
      const cache = redisBearerTokenCache({
        url: redis().url,
        commandTimeout: "200ms",
        onRedisError: "fail",
      });
      const error = await Promise.resolve(cache.get("app")).catch((caught: unknown) => caught);
      expect(isTwauthError(error, "NETWORK_ERROR")).toBe(true);
      expect((error as Error).message).toMatch(
        new RegExp(
          `^bearer-token cache: Redis at redis://127\\.0\\.0\\.1:${redis().port} did not answer \\(`,
        ),
      );
      await cache.close();
    } finally {
      await redis().restart();
    }
  });
});
