import { describe, expect, it } from "vitest";
import { botSecret, startStoreFixture, testClock } from "./support/secrets-manager-fixture.js";

const rotated = {
  ...botSecret,
  ACCESS_TOKEN: "at-prod-5555-Rotated1",
  ACCESS_TOKEN_SECRET: "as-prod-Rotated2",
};

describe("caching and single flight", () => {
  it("makes exactly one GetSecretValue for 100 concurrent loads", async () => {
    await using fixture = await startStoreFixture({ "prod/x-bot": botSecret });
    const store = fixture.store();
    const records = await Promise.all(Array.from({ length: 100 }, () => store.load()));
    expect(new Set(records).size).toBe(1);
    expect(records[0]).toEqual(botSecret);
    expect(fixture.gets()).toBe(1);
  });

  it("reuses a loaded secret until maxAge has passed (default 5 minutes), then reads it again", async () => {
    await using fixture = await startStoreFixture({ "prod/x-bot": botSecret });
    const clock = testClock();
    const store = fixture.store({ now: clock.now });
    await store.load();
    fixture.sm.setSecret("prod/x-bot", rotated);
    clock.advance(5 * 60 * 1000 - 1);
    expect(await store.load()).toEqual(botSecret);
    expect(fixture.gets()).toBe(1);
    clock.advance(1);
    expect(await store.load()).toEqual(rotated);
    expect(fixture.gets()).toBe(2);
  });

  // ".5m" is a regression: @twauth/config accepted it (core's duration rule) and the store did not.
  it('takes maxAge as seconds or a duration string ("30s"), by the same rule as core', async () => {
    await using fixture = await startStoreFixture({ "prod/x-bot": botSecret });
    const clock = testClock();
    for (const maxAge of [30, "30s", "30000ms", "0.5m", ".5m"] as const) {
      fixture.sm.stats.reset();
      const store = fixture.store({ now: clock.now, maxAge });
      await store.load();
      clock.advance(29_999);
      await store.load();
      clock.advance(1);
      await store.load();
      expect(fixture.gets()).toBe(2);
    }
  });

  it("reads the secret on every sequential load with maxAge 0, while concurrent loads still share a read", async () => {
    await using fixture = await startStoreFixture({ "prod/x-bot": botSecret });
    const store = fixture.store({ maxAge: 0 });
    await store.load();
    await store.load();
    await store.load();
    expect(fixture.gets()).toBe(3);
    await Promise.all([store.load(), store.load(), store.load()]);
    expect(fixture.gets()).toBe(4);
  });

  it("reads past the cache with forceRefresh and keeps the fresh value for later loads", async () => {
    await using fixture = await startStoreFixture({ "prod/x-bot": botSecret });
    const store = fixture.store();
    await store.load();
    fixture.sm.setSecret("prod/x-bot", rotated);
    expect(await store.load()).toEqual(botSecret);
    expect(await store.load({ forceRefresh: true })).toEqual(rotated);
    expect(await store.load()).toEqual(rotated);
    expect(fixture.gets()).toBe(2);
  });

  it("does not let a forced load join a read that began before it; forced loads share one read", async () => {
    await using fixture = await startStoreFixture({ "prod/x-bot": botSecret });
    const store = fixture.store();
    // The first read takes the old value, then is held in flight while the secret rotates.
    fixture.sm.inject([{ delayMs: 40, afterHandling: true }], { action: "GetSecretValue" });
    const early = store.load();
    await waitFor(() => fixture.sm.stats.total === 0 && fixture.sm.pendingFaults() === 0);
    fixture.sm.setSecret("prod/x-bot", rotated);
    const forced = await Promise.all(Array.from({ length: 10 }, () => store.load({ forceRefresh: true })));
    expect(forced.every((record) => record.ACCESS_TOKEN === rotated.ACCESS_TOKEN)).toBe(true);
    // The slow early read answers the old value to its caller but does not overwrite the newer one.
    expect(await early).toEqual(botSecret);
    expect(await store.load()).toEqual(rotated);
    expect(fixture.gets()).toBe(2);
  });

  it("does not cache a failed read: the next load asks again", async () => {
    await using fixture = await startStoreFixture({ "prod/x-bot": botSecret });
    const store = fixture.store();
    fixture.sm.inject([{ error: "InternalServiceError" }]);
    const failures = await Promise.allSettled([store.load(), store.load()]);
    expect(failures.map((result) => result.status)).toEqual(["rejected", "rejected"]);
    expect(await store.load()).toEqual(botSecret);
    expect(fixture.gets()).toBe(2);
  });

  it("keeps one cache entry per secret, shared by profiles that map to the same secret", async () => {
    await using fixture = await startStoreFixture({ "prod/x-bot": botSecret });
    const store = fixture.store({ secretId: { default: "prod/x-bot", alias: "prod/x-bot" } });
    await Promise.all([store.load(), store.load({ profile: "alias" })]);
    await store.load({ profile: "alias" });
    expect(fixture.gets()).toBe(1);
  });
});

/** Polls a condition on the event loop, at most 200 turns of 5 ms. */
async function waitFor(condition: () => boolean): Promise<void> {
  for (let turn = 0; turn < 200; turn++) {
    if (condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error("condition not met within 200 turns");
}
