import { describe, expect, it } from "vitest";
import type { RateLimitWait } from "../src/rate-limit/rate-limit-notify.js";
import { createWaitNotice, retryLine } from "../src/rate-limit/rate-limit-notify.js";
import { connectForTest, userCredentials, useTestServer } from "./support/connect.js";
import { createFakeClock } from "./support/fake-clock.js";
import { json, unusedPort } from "./support/test-server.js";

const { server, connect } = useTestServer();

describe("no silent retries", () => {
  it("tells the notify callback about each retry: what failed, attempt n of m, how long", async () => {
    const clock = createFakeClock();
    const waits: RateLimitWait[] = [];
    let calls = 0;
    server().handle((_, response) =>
      calls++ < 2 ? json(response, 503, {}) : json(response, 200, { data: {} }),
    );
    const api = await connect({
      retryDelay: 2,
      now: clock.now,
      sleep: clock.sleep,
      waitOnRateLimitNotify: (wait: RateLimitWait) => waits.push(wait),
    });
    await api.get("/2/users/me");
    expect(waits).toEqual([
      {
        endpoint: "GET /2/users/me",
        waitMs: 2000,
        resetAt: clock.now() - 2000,
        reason: "retry",
        failure: "X answered 503",
        attempt: 1,
        attempts: 4,
      },
      {
        endpoint: "GET /2/users/me",
        waitMs: 2000,
        resetAt: clock.now(),
        reason: "retry",
        failure: "X answered 503",
        attempt: 2,
        attempts: 4,
      },
    ]);
  });

  it("reports a refused connection's retries the same way, and the default notice prints a line each", async () => {
    const port = await unusedPort();
    const clock = createFakeClock();
    const waits: RateLimitWait[] = [];
    const api = await connectForTest(userCredentials, `http://127.0.0.1:${port}`, {
      retryCount: 2,
      retryDelay: 5,
      now: clock.now,
      sleep: clock.sleep,
      waitOnRateLimitNotify: (wait: RateLimitWait) => waits.push(wait),
    });
    await expect(api.get("/2/users/me")).rejects.toMatchObject({ code: "NETWORK_ERROR" });
    api.close();
    const lines: string[] = [];
    const notice = createWaitNotice({ isTTY: false, write: (text) => lines.push(text) }, clock.now);
    for (const wait of waits) notice(wait)();
    expect(lines).toEqual([
      "twauth: GET /2/users/me: connection refused (ECONNREFUSED) on attempt 1 of 3; retrying in 5s\n",
      "twauth: GET /2/users/me: connection refused (ECONNREFUSED) on attempt 2 of 3; retrying in 5s\n",
    ]);
  });

  it("does not retry a host name that does not resolve (ENOTFOUND)", async () => {
    let calls = 0;
    // A fetch that fails as undici does for a name that does not resolve: DNS is not loopback, so
    // this one failure is made here instead of asked of a resolver.
    const unresolvable = async () => {
      calls++;
      throw new TypeError("fetch failed", {
        cause: Object.assign(new Error("getaddrinfo ENOTFOUND api.x.com"), { code: "ENOTFOUND" }),
      });
    };
    const waits: RateLimitWait[] = [];
    const api = await connect({
      fetch: unresolvable,
      waitOnRateLimitNotify: (wait: RateLimitWait) => waits.push(wait),
    });
    await expect(api.get("/2/users/me")).rejects.toMatchObject({ code: "NETWORK_ERROR" });
    expect([calls, waits]).toEqual([1, []]);
  });

  it("retries a lookup that says to try again (EAI_AGAIN), announcing it", async () => {
    let calls = 0;
    const flaky = async (url: string, init: RequestInit) => {
      if (calls++ === 0) {
        throw new TypeError("fetch failed", {
          cause: Object.assign(new Error("getaddrinfo EAI_AGAIN api.x.com"), { code: "EAI_AGAIN" }),
        });
      }
      return fetch(url, init);
    };
    server().handle((_, response) => json(response, 201, { data: { id: "1" } }));
    const waits: RateLimitWait[] = [];
    const api = await connect({
      fetch: flaky,
      waitOnRateLimitNotify: (wait: RateLimitWait) => waits.push(wait),
    });
    // A POST too: the request provably never left.
    await expect(api.post("/2/tweets", { json: { text: "hi" } })).resolves.toMatchObject({ status: 201 });
    expect(waits.map((wait) => wait.failure)).toEqual(["name lookup failed for now (EAI_AGAIN)"]);
  });

  it("words a retry line without a countdown", () => {
    expect(
      retryLine({
        endpoint: "POST /2/tweets",
        waitMs: 1500,
        resetAt: 0,
        reason: "retry",
        failure: "X answered 502",
        attempt: 3,
        attempts: 4,
      }),
    ).toBe("twauth: POST /2/tweets: X answered 502 on attempt 3 of 4; retrying in 2s");
  });
});

describe("the idempotent flag", () => {
  it("retries a POST the caller marks idempotent, and not one it does not", async () => {
    const clock = createFakeClock();
    let calls = 0;
    server().handle((_, response) => (calls++ % 2 === 0 ? json(response, 503, {}) : json(response, 201, {})));
    const api = await connect({ now: clock.now, sleep: clock.sleep });
    await expect(api.post("/2/tweets", { json: { text: "a" }, idempotent: true })).resolves.toMatchObject({
      status: 201,
    });
    await expect(api.post("/2/tweets", { json: { text: "b" } })).rejects.toMatchObject({ status: 503 });
    expect(calls).toBe(3);
  });

  it("retries the bearer exchange whatever retryMethods says (it was faked as a GET before)", async () => {
    let exchanges = 0;
    server().handle((request, response) => {
      if (request.url === "/oauth2/token") {
        if (exchanges++ === 0) json(response, 503, {});
        else json(response, 200, { token_type: "bearer", access_token: "AAAA-exchanged-0123456789" });
      } else json(response, 200, { data: [] });
    });
    const api = await connect({
      credentials: {
        consumerKey: "app-consumer-key-0123456789",
        consumerSecret: "app-consumer-secret-0123456789",
      },
      retryMethods: ["POST"],
    });
    await expect(api.get("/2/tweets/search/recent")).resolves.toMatchObject({ status: 200 });
    expect(exchanges).toBe(2);
  });
});
