import { describe, expect, it } from "vitest";
import { normalizeConnectionOptions } from "../src/connection/options-schema.js";
import { abortableSleep } from "../src/http/sleep.js";
import { parseRateLimitHeaders, parseRetryAfter } from "../src/rate-limit/rate-limit-info.js";
import { userCredentials, useTestServer } from "./support/connect.js";
import { createFakeClock } from "./support/fake-clock.js";
import { json } from "./support/test-server.js";

const { server, connect } = useTestServer();
const now = Date.UTC(2025, 0, 1, 12, 0, 0);
const figures = (limit: string, remaining: string, reset: string) => ({
  "x-rate-limit-limit": limit,
  "x-rate-limit-remaining": remaining,
  "x-rate-limit-reset": reset,
});

describe("garbage rate-limit headers are ignored as absent", () => {
  it.each([
    ["a negative remaining", figures("75", "-5", "1735732800")],
    ["two joined values", figures("75", "5, 6", "1735732800")],
    ["an empty remaining", figures("75", "", "1735732800")],
    ["a fractional limit", figures("7.5", "5", "1735732800")],
    ["an empty reset", figures("75", "5", "")],
    ["a zero reset", figures("75", "5", "0")],
  ])("%s", (_name, headers) => {
    expect(parseRateLimitHeaders(headers)).toBeUndefined();
  });

  it("still reads well-formed figures, spaces around them allowed", () => {
    expect(parseRateLimitHeaders(figures(" 75", "74 ", "1735732800"))).toEqual({
      limit: 75,
      remaining: 74,
      resetAt: 1_735_732_800_000,
    });
  });

  it.each([["-5"], ["5, 6"], [""], ["   "], ["1.5"], ["soon"], ["2025-01-01"]])(
    "ignores Retry-After %j instead of reading it as a past date (0 ms)",
    (value) => {
      expect(parseRetryAfter(value, now)).toBeUndefined();
    },
  );

  it("reads Retry-After as delta seconds or an HTTP date", () => {
    expect(parseRetryAfter("7", now)).toBe(7000);
    expect(parseRetryAfter("Wed, 01 Jan 2025 12:00:30 GMT", now)).toBe(30_000);
  });

  it("a 429 with Retry-After -5 backs off instead of coming straight back", async () => {
    const clock = createFakeClock();
    let calls = 0;
    server().handle((_, response) =>
      calls++ === 0
        ? json(response, 429, { title: "Too Many Requests" }, { "retry-after": "-5" })
        : json(response, 200, { data: {} }),
    );
    const api = await connect({ waitOnRateLimit: true, now: clock.now, sleep: clock.sleep });
    await api.get("/2/users/me");
    expect(clock.sleeps).toEqual([1000 + 25]);
  });

  it("a 200 with an empty remaining does not hold the next request", async () => {
    const clock = createFakeClock();
    server().handle((_, response) => json(response, 200, { data: {} }, figures("75", "", "1735732800")));
    const api = await connect({ waitOnRateLimit: true, now: clock.now, sleep: clock.sleep });
    await api.get("/2/users/me");
    await api.get("/2/users/me");
    expect(clock.sleeps).toEqual([]);
    expect(api.rateLimits).toEqual({});
  });
});

describe("every wait is bounded", () => {
  it.each([["timeout"], ["retryDelay"], ["maxRetryDelay"], ["maxRateLimitWait"], ["connectTimeout"]])(
    "refuses a %s of 30 days (longer than a timer holds)",
    (option) => {
      expect(() => normalizeConnectionOptions({ credentials: userCredentials, [option]: "720h" })).toThrow(
        expect.objectContaining({ code: "OPTIONS_INVALID", keys: [option] }),
      );
    },
  );

  it("a 429 whose Retry-After passes maxRateLimitWait throws RATE_LIMITED at once, without sleeping", async () => {
    const clock = createFakeClock();
    server().handle((_, response) =>
      json(response, 429, { title: "Too Many Requests" }, { "retry-after": "9999999999" }),
    );
    const api = await connect({ waitOnRateLimit: true, now: clock.now, sleep: clock.sleep });
    const start = server().received.length;
    await expect(api.get("/2/users/me")).rejects.toMatchObject({ code: "RATE_LIMITED" });
    expect(clock.sleeps).toEqual([]);
    expect(server().received.length - start).toBe(1);
  });

  it("a reset years ahead throws RATE_LIMITED at once, without sleeping", async () => {
    const clock = createFakeClock();
    server().handle((_, response) =>
      json(response, 200, { data: {} }, figures("75", "0", String(Math.floor(clock.now() / 1000) + 10 ** 8))),
    );
    const api = await connect({ waitOnRateLimit: true, now: clock.now, sleep: clock.sleep });
    await api.get("/2/users/me");
    await expect(api.get("/2/users/me")).rejects.toMatchObject({ code: "RATE_LIMITED" });
    expect(clock.sleeps).toEqual([]);
  });

  it("a status retry's Retry-After is capped by maxRetryDelay", async () => {
    const clock = createFakeClock();
    let calls = 0;
    server().handle((_, response) =>
      calls++ === 0 ? json(response, 503, {}, { "retry-after": "9999999999" }) : json(response, 200, {}),
    );
    const api = await connect({ retryDelay: 1, maxRetryDelay: 30, now: clock.now, sleep: clock.sleep });
    await api.get("/2/users/me");
    expect(clock.sleeps).toEqual([30_000]);
  });

  it("the built-in sleep clamps a wait no timer can hold, with no TimeoutOverflowWarning", async () => {
    const warnings: string[] = [];
    const onWarning = (warning: Error) => warnings.push(warning.name);
    process.on("warning", onWarning);
    const stop = new AbortController();
    const sleeping = abortableSleep(2 ** 40, stop.signal);
    await new Promise((resolve) => setImmediate(resolve));
    stop.abort(new Error("stop"));
    await expect(sleeping).rejects.toThrow("stop");
    await new Promise((resolve) => setImmediate(resolve));
    process.off("warning", onWarning);
    expect(warnings).toEqual([]);
  });
});
