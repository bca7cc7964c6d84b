import { getApiConnection } from "@twauth/core";
import { defaultApp, defaultUser, type Emulator, startEmulator } from "@twauth/emulator";
import { describe, expect, it } from "vitest";
import { type StoreFixture, startStoreFixture } from "./support/secrets-manager-fixture.js";

const userSecret = {
  CONSUMER_KEY: defaultApp.consumerKey,
  CONSUMER_SECRET: defaultApp.consumerSecret,
  ACCESS_TOKEN: defaultUser.accessToken,
  ACCESS_TOKEN_SECRET: defaultUser.accessTokenSecret,
};

/** The token is regenerated in the portal and the new one put into Secrets Manager. */
function rotateToken(x: Emulator, fixture: StoreFixture) {
  const rotated = x.rotateAccessToken(defaultUser.accessToken);
  fixture.sm.setSecret("prod/x-bot", {
    ...userSecret,
    ACCESS_TOKEN: rotated.accessToken,
    ACCESS_TOKEN_SECRET: rotated.accessTokenSecret,
  });
  return rotated;
}

describe("rotation: getApiConnection over this store against the X emulator", () => {
  it("sees X's 401 after the secret was rotated, re-reads it once with forceRefresh, and succeeds", async () => {
    await using x = await startEmulator();
    await using fixture = await startStoreFixture({ "prod/x-bot": userSecret });
    const store = fixture.store();
    const api = await getApiConnection({
      store,
      baseUrl: x.url,
      retryDelay: 0,
      waitOnRateLimitNotify: false,
    });
    try {
      expect((await api.verifyCredentials()).username).toBe(defaultUser.username);
      expect(fixture.gets()).toBe(1);

      const rotated = rotateToken(x, fixture);

      const created = await api.post("/2/tweets", { json: { text: "after rotation" } });
      expect(created.status).toBe(201);
      expect(x.stats.count({ route: "POST /2/tweets", status: 401 })).toBe(1);
      expect(x.stats.count({ route: "POST /2/tweets", status: 201, token: rotated.accessToken })).toBe(1);
      expect(fixture.gets()).toBe(2);
    } finally {
      api.close();
    }
  });

  it("lets 20 connections sharing the store start with one GetSecretValue, and each recover from a rotation", async () => {
    await using x = await startEmulator();
    await using fixture = await startStoreFixture({ "prod/x-bot": userSecret });
    const store = fixture.store();
    const connections = await Promise.all(
      Array.from({ length: 20 }, () =>
        getApiConnection({ store, baseUrl: x.url, retryDelay: 0, waitOnRateLimitNotify: false }),
      ),
    );
    try {
      expect(fixture.gets()).toBe(1);
      rotateToken(x, fixture);
      const answers = await Promise.all(connections.map((api) => api.get("/2/users/me")));
      expect(answers.every((answer) => answer.status === 200)).toBe(true);
      expect(x.stats.count({ route: "GET /2/users/me", status: 401 })).toBe(20);
      // Forced reads that overlap share one call; one that starts after another finished makes its
      // own, since it cannot know whether that one began before the rotation. At most one each.
      expect(fixture.gets()).toBeGreaterThanOrEqual(2);
      expect(fixture.gets()).toBeLessThanOrEqual(21);
    } finally {
      for (const api of connections) api.close();
    }
  });
});
