import { describe, expect, it } from "vitest";
import type { RateLimitWait } from "../src/connection/connection-options.js";
import { useEmulator } from "./support/emulator.js";
import { createFakeClock } from "./support/fake-clock.js";
import { createManualClock, eventually } from "./support/manual-clock.js";

const { start, connect } = useEmulator();
const route = "GET /2/users/me";
const margin = 25;

describe("against the emulator: rate-limit waiting", () => {
  it("waits until x-rate-limit-reset when remaining is 0, and the emulator never answers 429", async () => {
    const clock = createFakeClock();
    const emulator = await start({ now: clock.now, rateLimits: { [route]: { limit: 3, windowMs: 60_000 } } });
    const api = await connect({ waitOnRateLimit: true, now: clock.now, sleep: clock.sleep });
    for (let index = 0; index < 7; index++) await api.get("/2/users/me");
    expect(clock.sleeps).toEqual([60_000 + margin, 60_000]);
    expect(emulator.stats.count({ route, status: 200 })).toBe(7);
    expect(emulator.stats.count({ route, status: 429 })).toBe(0);
    expect(api.rateLimits[route]).toMatchObject({ limit: 3, remaining: 2 });
  });

  it("sends 3 of 8 concurrent requests when remaining is 3, 5 wait, and at the reset no more than the new remaining go", async () => {
    const clock = createManualClock();
    const emulator = await start({ now: clock.now, rateLimits: { [route]: { limit: 4, windowMs: 60_000 } } });
    const api = await connect({ waitOnRateLimit: true, now: clock.now, sleep: clock.sleep });
    await api.get("/2/users/me");
    const calls = Promise.all(Array.from({ length: 8 }, () => api.get("/2/users/me")));
    const firstReset = clock.now() + 60_000;

    const served = () => emulator.stats.count({ route, status: 200 });
    await eventually(() => clock.sleepers().length === 5 && served() === 4, "3 are served and 5 wait");
    expect(clock.sleepers()).toEqual(Array(5).fill(firstReset + margin));

    clock.advanceTo(firstReset + margin);
    await eventually(() => clock.sleepers().length === 1 && served() === 8, "4 are served, the fifth waits");

    clock.advanceTo(firstReset + 60_000 + margin);
    await calls;
    expect(emulator.stats.count({ route, status: 200 })).toBe(9);
    expect(emulator.stats.count({ route, status: 429 })).toBe(0);
  });

  it("after an unexpected 429 waits until x-rate-limit-reset and resends", async () => {
    const clock = createFakeClock();
    const emulator = await start({ now: clock.now });
    const reset = clock.now() / 1000 + 42;
    emulator.inject(route, [{ status: 429, rateLimitReset: reset }]);
    const api = await connect({ waitOnRateLimit: true, now: clock.now, sleep: clock.sleep });
    expect((await api.get("/2/users/me")).status).toBe(200);
    expect(clock.sleeps).toEqual([42_000 + margin]);
  });

  it("prefers Retry-After on a 429", async () => {
    const clock = createFakeClock();
    const emulator = await start({ now: clock.now });
    emulator.inject(route, [{ status: 429, retryAfter: 2, rateLimitReset: clock.now() / 1000 + 900 }]);
    const api = await connect({ waitOnRateLimit: true, now: clock.now, sleep: clock.sleep });
    await api.get("/2/users/me");
    expect(clock.sleeps).toEqual([2000 + margin]);
  });

  it("backs off after a 429 without reset headers instead of looping, and gives up after maxRateLimitWaits", async () => {
    const clock = createFakeClock();
    const emulator = await start({ now: clock.now });
    emulator.inject(route, Array(5).fill({ status: 429 }));
    const api = await connect({
      waitOnRateLimit: true,
      maxRateLimitWaits: 2,
      now: clock.now,
      sleep: clock.sleep,
    });
    await expect(api.get("/2/users/me")).rejects.toMatchObject({ code: "RATE_LIMITED", status: 429 });
    expect(clock.sleeps).toEqual([1000 + margin, 2000 + margin]);
    expect(emulator.stats.count({ route })).toBe(3);
  });

  it("throws RATE_LIMITED instead of sleeping past maxRateLimitWait, and notifies each wait it does", async () => {
    const clock = createFakeClock();
    await start({ now: clock.now, rateLimits: { [route]: { limit: 1, windowMs: 900_000 } } });
    const waits: RateLimitWait[] = [];
    const api = await connect({
      waitOnRateLimit: true,
      maxRateLimitWait: "10m",
      waitOnRateLimitNotify: (wait: RateLimitWait) => waits.push(wait),
      now: clock.now,
      sleep: clock.sleep,
    });
    await api.get("/2/users/me");
    await expect(api.get("/2/users/me")).rejects.toMatchObject({
      code: "RATE_LIMITED",
      limit: 1,
      remaining: 0,
      message:
        "GET /2/users/me has no requests left in this window until 2025-01-01T12:15:00.025Z; waiting 15m 1s would exceed maxRateLimitWait (10m).",
    });
    expect(waits).toEqual([]);
    expect(clock.sleeps).toEqual([]);
  });

  it("throws RATE_LIMITED with the figures on a 429 when not waiting", async () => {
    const clock = createFakeClock();
    await start({ now: clock.now, rateLimits: { [route]: { limit: 1, windowMs: 900_000 } } });
    const api = await connect({ now: clock.now });
    await api.get("/2/users/me");
    await expect(api.get("/2/users/me")).rejects.toMatchObject({
      code: "RATE_LIMITED",
      status: 429,
      limit: 1,
      remaining: 0,
      resetAt: clock.now() + 900_000,
    });
  });
});
