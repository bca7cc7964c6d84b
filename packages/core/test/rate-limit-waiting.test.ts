import { describe, expect, it } from "vitest";
import type { RateLimitWait } from "../src/connection/connection-options.js";
import { useTestServer } from "./support/connect.js";
import { createFakeClock, type FakeClock } from "./support/fake-clock.js";
import { json } from "./support/test-server.js";

const { server, connect } = useTestServer();
const margin = 25;

/**
 * X's windows on the fake clock: `limit` requests per `windowMs`, aligned to the clock, with the
 * real headers; a request over the limit gets 429 and is not counted. A request counts in the window
 * of its signature's timestamp (the fake clock when it was sent): the fake clock jumps while
 * requests are on the wire, where real time would not.
 */
function windowedApi(_clock: FakeClock, limit: number, windowMs: number) {
  const perWindow = new Map<number, number>();
  const served: number[] = [];
  let tooMany = 0;
  server().handle((request, response) => {
    const timestamp = /oauth_timestamp="(\d+)"/.exec(request.headers.authorization ?? "")?.[1];
    const index = Math.floor((Number(timestamp) * 1000) / windowMs);
    const used = perWindow.get(index) ?? 0;
    const headers = (remaining: number) => ({
      "x-rate-limit-limit": String(limit),
      "x-rate-limit-remaining": String(remaining),
      "x-rate-limit-reset": String(((index + 1) * windowMs) / 1000),
    });
    if (used >= limit) {
      tooMany++;
      json(response, 429, { title: "Too Many Requests", type: "about:blank", status: 429 }, headers(0));
      return;
    }
    perWindow.set(index, used + 1);
    served.push(index);
    json(response, 200, { data: { id: "1" } }, headers(limit - used - 1));
  });
  return {
    tooMany: () => tooMany,
    /** How many requests each window served, in order. */
    perWindow: () => [...perWindow.values()],
    served,
  };
}

async function waitingConnection(clock: FakeClock, options = {}) {
  return connect({ waitOnRateLimit: true, now: clock.now, sleep: clock.sleep, ...options });
}

describe("rate-limit waiting", () => {
  it("waits until x-rate-limit-reset before the next request when remaining is 0", async () => {
    const clock = createFakeClock();
    const api = windowedApi(clock, 2, 60_000);
    const connection = await waitingConnection(clock);
    for (let index = 0; index < 3; index++) await connection.get("/2/users/me");
    expect(clock.sleeps).toEqual([60_000 + margin]);
    expect(api.perWindow()).toEqual([2, 1]);
    expect(api.tooMany()).toBe(0);
  });

  it("sends 3 of 8 concurrent requests when remaining is 3, and at the reset no more than the new remaining", async () => {
    const clock = createFakeClock();
    const api = windowedApi(clock, 4, 60_000);
    const connection = await waitingConnection(clock);
    await connection.get("/2/users/me");
    expect(connection.rateLimits["GET /2/users/me"]?.remaining).toBe(3);
    await Promise.all(Array.from({ length: 8 }, () => connection.get("/2/users/me")));
    expect(api.perWindow()).toEqual([4, 4, 1]);
    expect(api.tooMany()).toBe(0);
  });

  it("after a 429 waits until x-rate-limit-reset and sends the request again", async () => {
    const clock = createFakeClock();
    let calls = 0;
    const reset = clock.now() / 1000 + 10;
    server().handle((_, response) => {
      const headers = {
        "x-rate-limit-limit": "75",
        "x-rate-limit-remaining": "0",
        "x-rate-limit-reset": String(reset),
      };
      if (calls++ === 0) json(response, 429, { title: "Too Many Requests" }, headers);
      else
        json(
          response,
          200,
          { ok: true },
          { ...headers, "x-rate-limit-remaining": "74", "x-rate-limit-reset": String(reset + 900) },
        );
    });
    const connection = await waitingConnection(clock);
    expect((await connection.get("/2/users/me")).data).toEqual({ ok: true });
    expect(clock.sleeps).toEqual([10_000 + margin]);
  });

  it("prefers Retry-After over x-rate-limit-reset after a 429", async () => {
    const clock = createFakeClock();
    let calls = 0;
    server().handle((_, response) => {
      if (calls++ === 0) {
        json(
          response,
          429,
          {},
          {
            "retry-after": "3",
            "x-rate-limit-limit": "1",
            "x-rate-limit-remaining": "0",
            "x-rate-limit-reset": String(clock.now() / 1000 + 900),
          },
        );
      } else json(response, 200, {});
    });
    const connection = await waitingConnection(clock);
    await connection.get("/2/tweets/search/recent");
    expect(clock.sleeps).toEqual([3000 + margin]);
  });

  it("backs off 1 s, 2 s, 4 s after a 429 without reset headers, then throws RATE_LIMITED", async () => {
    const clock = createFakeClock();
    server().handle((_, response) => json(response, 429, { title: "Too Many Requests" }));
    const connection = await waitingConnection(clock);
    const start = server().received.length;
    await expect(connection.get("/2/users/me")).rejects.toMatchObject({
      code: "RATE_LIMITED",
      status: 429,
      message:
        "GET /2/users/me is rate limited: Too Many Requests; X did not say when it resets. Still 429 after 3 waits (maxRateLimitWaits); giving up.",
    });
    expect(clock.sleeps).toEqual([1000 + margin, 2000 + margin, 4000 + margin]);
    expect(server().received.length - start).toBe(4);
  });

  it("throws RATE_LIMITED instead of waiting longer than maxRateLimitWait", async () => {
    const clock = createFakeClock();
    const api = windowedApi(clock, 1, 900_000);
    const connection = await waitingConnection(clock, { maxRateLimitWait: "5m" });
    await connection.get("/2/users/me");
    await expect(connection.get("/2/users/me")).rejects.toMatchObject({
      code: "RATE_LIMITED",
      endpoint: "GET /2/users/me",
      limit: 1,
      remaining: 0,
      resetAt: clock.now() + 900_000 + margin,
      message:
        "GET /2/users/me has no requests left in this window until 2025-01-01T12:15:00.025Z; waiting 15m 1s would exceed maxRateLimitWait (5m).",
    });
    expect(clock.sleeps).toEqual([]);
    expect(api.tooMany()).toBe(0);
  });

  it("tells waitOnRateLimitNotify about each wait", async () => {
    const clock = createFakeClock();
    windowedApi(clock, 1, 60_000);
    const waits: RateLimitWait[] = [];
    const connection = await waitingConnection(clock, {
      waitOnRateLimitNotify: (wait: RateLimitWait) => waits.push(wait),
    });
    await connection.get("/2/tweets/123");
    await connection.get("/2/tweets/456");
    expect(waits).toEqual([
      {
        endpoint: "GET /2/tweets/:id",
        waitMs: 60_000 + margin,
        resetAt: clock.now(),
        limit: 1,
        reason: "exhausted",
      },
    ]);
  });

  it("stops a rate-limit wait when the signal aborts and throws ABORTED", async () => {
    const clock = createFakeClock();
    windowedApi(clock, 1, 60_000);
    const controller = new AbortController();
    const connection = await waitingConnection(clock, {
      sleep: (ms: number, signal?: AbortSignal) => {
        controller.abort();
        return clock.sleep(ms, signal);
      },
    });
    await connection.get("/2/users/me");
    await expect(connection.get("/2/users/me", { signal: controller.signal })).rejects.toMatchObject({
      code: "ABORTED",
      message: "GET /2/users/me: the request was aborted.",
    });
  });

  it("waits for a spent 24-hour cap even when the 15-minute window has requests left", async () => {
    const clock = createFakeClock();
    const dailyReset = clock.now() / 1000 + 3600;
    server().handle((_, response) =>
      json(
        response,
        201,
        {},
        {
          "x-rate-limit-limit": "100",
          "x-rate-limit-remaining": "99",
          "x-rate-limit-reset": String(clock.now() / 1000 + 900),
          "x-app-limit-24hour-limit": "17",
          "x-app-limit-24hour-remaining": "0",
          "x-app-limit-24hour-reset": String(dailyReset),
        },
      ),
    );
    const waits: RateLimitWait[] = [];
    const connection = await waitingConnection(clock, {
      maxRateLimitWait: "2h",
      waitOnRateLimitNotify: (wait: RateLimitWait) => waits.push(wait),
    });
    await connection.post("/2/tweets", { json: { text: "1" } });
    await connection.post("/2/tweets", { json: { text: "2" } });
    expect(waits.map((wait) => [wait.reason, wait.limit, wait.waitMs])).toEqual([
      ["daily-limit", 17, 3_600_000 + margin],
    ]);
  });

  it("throws USAGE_CAP_EXCEEDED at once for a usage cap, which no wait fixes", async () => {
    const clock = createFakeClock();
    server().handle((_, response) =>
      json(response, 429, {
        title: "UsageCapExceeded",
        detail: "Usage cap exceeded: Monthly product cap",
        type: "https://api.twitter.com/2/problems/usage-capped",
      }),
    );
    const connection = await waitingConnection(clock);
    await expect(connection.get("/2/tweets/search/recent")).rejects.toMatchObject({
      code: "USAGE_CAP_EXCEEDED",
      problemType: "https://api.twitter.com/2/problems/usage-capped",
      message:
        "X's usage cap is reached for GET /2/tweets/search/recent (429 UsageCapExceeded): Usage cap exceeded: Monthly product cap. This is not a rate limit: twauth neither waits for the rate-limit reset nor retries. Requests fail until the cap resets; a higher cap needs another plan (above pay-per-use, X's docs name Enterprise).",
    });
    expect(clock.sleeps).toEqual([]);
  });

  it("does not wait and lets X answer when waitOnRateLimit is off", async () => {
    const clock = createFakeClock();
    const api = windowedApi(clock, 1, 60_000);
    const connection = await connect({ now: clock.now, sleep: clock.sleep });
    await connection.get("/2/users/me");
    await expect(connection.get("/2/users/me")).rejects.toMatchObject({
      code: "RATE_LIMITED",
      remaining: 0,
      limit: 1,
    });
    expect(api.tooMany()).toBe(1);
    expect(clock.sleeps).toEqual([]);
  });
});
