import { beforeEach, describe, expect, it } from "vitest";
import { useTestServer } from "./support/connect.js";
import { createFakeClock } from "./support/fake-clock.js";
import { json, startTestServer, type TestServer, unusedPort } from "./support/test-server.js";

const { server: currentServer, connect } = useTestServer();
let server: TestServer;
beforeEach(() => {
  server = currentServer();
});

function received(from: number) {
  return server.received.slice(from);
}

describe("requests", () => {
  it("sends a GET signed with OAuth 1.0a and returns the parsed JSON with its rate-limit figures", async () => {
    server.handle((_, response) =>
      json(
        response,
        200,
        { data: { id: "1" } },
        {
          "x-rate-limit-limit": "75",
          "x-rate-limit-remaining": "74",
          "x-rate-limit-reset": "1735732800",
        },
      ),
    );
    const api = await connect();
    const start = server.received.length;
    const response = await api.get("/2/users/me");
    expect(response).toMatchObject({
      status: 200,
      data: { data: { id: "1" } },
      rateLimit: { limit: 75, remaining: 74, resetAt: 1_735_732_800_000 },
    });
    const [request] = received(start);
    expect(request!.headers.authorization).toMatch(
      /^OAuth oauth_consumer_key="consumer-key-0123456789", oauth_nonce="/,
    );
    expect(request!.headers["user-agent"]).toBe("twauth");
    expect(api.rateLimits).toEqual({
      "GET /2/users/me": { limit: 75, remaining: 74, resetAt: 1_735_732_800_000 },
    });
  });

  it("encodes query parameters per RFC 3986 and joins arrays with commas", async () => {
    server.handle((_, response) => json(response, 200, {}));
    const api = await connect();
    const start = server.received.length;
    await api.get("/2/tweets/search/recent", {
      query: {
        query: "from:x (a OR b)!",
        "tweet.fields": ["created_at", "lang"],
        max_results: 10,
        skip: undefined,
      },
    });
    expect(received(start)[0]!.url).toBe(
      "/2/tweets/search/recent?query=from%3Ax%20%28a%20OR%20b%29%21&tweet.fields=created_at%2Clang&max_results=10",
    );
  });

  it("sends a JSON body and a form body with their content types", async () => {
    server.handle((_, response) => json(response, 200, {}));
    const api = await connect();
    const start = server.received.length;
    await api.post("/2/tweets", { json: { text: "hello" } });
    await api.post("/1.1/statuses/update.json", { form: { status: "Hello Ladies + Gentlemen" } });
    const [jsonRequest, formRequest] = received(start);
    expect([jsonRequest!.headers["content-type"], jsonRequest!.body]).toEqual([
      "application/json",
      '{"text":"hello"}',
    ]);
    expect([formRequest!.headers["content-type"], formRequest!.body]).toEqual([
      "application/x-www-form-urlencoded",
      "status=Hello%20Ladies%20%2B%20Gentlemen",
    ]);
  });

  it("rejects a request with a bad path or two bodies as OPTIONS_INVALID", async () => {
    const api = await connect();
    await expect(api.get("2/users/me")).rejects.toMatchObject({
      code: "OPTIONS_INVALID",
      message: 'request: path must be a path starting with "/", such as "/2/users/me".',
    });
    await expect(api.post("/2/tweets", { json: {}, form: {} })).rejects.toMatchObject({
      code: "OPTIONS_INVALID",
      message: "request: json or form must be given alone (a request has one body).",
    });
  });

  it("refuses requests after close()", async () => {
    const api = await connect();
    api.close();
    await expect(api.get("/2/users/me")).rejects.toMatchObject({
      code: "NETWORK_ERROR",
      message: "GET /2/users/me: this connection was closed.",
    });
  });
});

describe("retries", () => {
  it("retries a GET after 503 and returns the success", async () => {
    const start = server.received.length;
    server.handle(
      (() => {
        let calls = 0;
        return (_, response) =>
          calls++ < 2
            ? json(response, 503, { title: "Service Unavailable" })
            : json(response, 200, { ok: 1 });
      })(),
    );
    const api = await connect();
    expect((await api.get("/2/tweets/20")).data).toEqual({ ok: 1 });
    expect(received(start)).toHaveLength(3);
  });

  it("does not send a POST again after 503: it is received once", async () => {
    server.handle((_, response) =>
      json(response, 503, { title: "Service Unavailable", detail: "Try later." }),
    );
    const api = await connect();
    const start = server.received.length;
    await expect(api.post("/2/tweets", { json: { text: "once" } })).rejects.toMatchObject({
      code: "API_ERROR",
      status: 503,
      endpoint: "POST /2/tweets",
      message: "X answered 503 to POST /2/tweets: Service Unavailable: Try later.",
    });
    expect(received(start)).toHaveLength(1);
  });

  it("retries a POST after 503 when retryMethods opts in", async () => {
    let calls = 0;
    server.handle((_, response) =>
      calls++ === 0 ? json(response, 503, {}) : json(response, 201, { data: { id: "9" } }),
    );
    const api = await connect({ retryMethods: ["POST"] });
    expect((await api.post("/2/tweets", { json: { text: "again" } })).status).toBe(201);
    expect(calls).toBe(2);
  });

  it("retries a POST whose connection was refused, because it never reached the server", async () => {
    const port = await unusedPort();
    let late: TestServer | undefined;
    const api = await connect({
      baseUrl: `http://127.0.0.1:${port}`,
      retryDelay: 1,
      // The server comes up during the retry delay, on the port that refused the first attempt.
      sleep: async () => {
        late = await startTestServer((_, response) => json(response, 201, { data: { id: "1" } }), port);
      },
    });
    try {
      expect((await api.post("/2/tweets", { json: { text: "x" } })).status).toBe(201);
      expect(late?.received).toHaveLength(1);
    } finally {
      api.close();
      await late?.close();
    }
  });

  it("stops after retryCount retries and reports the last status", async () => {
    server.handle((_, response) => json(response, 502, { title: "Bad Gateway" }));
    const clock = createFakeClock();
    const api = await connect({ retryCount: 2, retryDelay: 1.5, sleep: clock.sleep, now: clock.now });
    const start = server.received.length;
    await expect(api.get("/2/users/me")).rejects.toMatchObject({ code: "API_ERROR", status: 502 });
    expect(received(start)).toHaveLength(3);
    expect(clock.sleeps).toEqual([1500, 1500]);
  });

  it("waits Retry-After seconds before retrying a 503", async () => {
    let calls = 0;
    server.handle((_, response) =>
      calls++ === 0 ? json(response, 503, {}, { "retry-after": "7" }) : json(response, 200, {}),
    );
    const clock = createFakeClock();
    const api = await connect({ retryDelay: 1, sleep: clock.sleep, now: clock.now });
    await api.get("/2/users/me");
    expect(clock.sleeps).toEqual([7000]);
  });

  it("backs off exponentially with jitter when retryBackoff is on", async () => {
    server.handle((_, response) => json(response, 500, {}));
    const clock = createFakeClock();
    const api = await connect({
      retryDelay: 1,
      retryBackoff: true,
      retryCount: 3,
      sleep: clock.sleep,
      now: clock.now,
    });
    await expect(api.get("/2/users/me")).rejects.toMatchObject({ code: "API_ERROR", status: 500 });
    const [first, second, third] = clock.sleeps;
    expect(first).toBeGreaterThanOrEqual(500);
    expect(first).toBeLessThanOrEqual(1000);
    expect(second).toBeGreaterThanOrEqual(1000);
    expect(second).toBeLessThanOrEqual(2000);
    expect(third).toBeGreaterThanOrEqual(2000);
    expect(third).toBeLessThanOrEqual(4000);
  });

  it("retries a GET whose connection was reset", async () => {
    let calls = 0;
    server.handle((_, response) => {
      if (calls++ === 0) response.socket?.destroy();
      else json(response, 200, { ok: true });
    });
    const api = await connect();
    expect((await api.get("/2/users/me")).data).toEqual({ ok: true });
    expect(calls).toBe(2);
  });

  it("does not resend a POST whose connection was reset, and says so as NETWORK_ERROR", async () => {
    server.handle((_, response) => {
      response.socket?.destroy();
    });
    const api = await connect();
    const start = server.received.length;
    const error = await api.post("/2/tweets", { json: { text: "x" } }).catch((reason: unknown) => reason);
    expect(error).toMatchObject({ code: "NETWORK_ERROR", endpoint: "POST /2/tweets" });
    expect((error as Error).message).toMatch(
      /^POST \/2\/tweets: the connection to 127\.0\.0\.1:\d+ failed \(ECONNRESET\)\.$/,
    );
    expect(received(start)).toHaveLength(1);
  });

  it("gives up on an attempt after timeout, retries a GET, and throws TIMEOUT when all attempts time out", async () => {
    server.handle(() => {});
    const api = await connect({ timeout: "20ms", retryCount: 1 });
    const start = server.received.length;
    await expect(api.get("/2/users/me")).rejects.toMatchObject({
      code: "TIMEOUT",
      message:
        "GET /2/users/me: no complete response within 20ms (after 1 retry). Raise the timeout option if X is slow.",
    });
    expect(received(start)).toHaveLength(2);
  });

  it("throws ABORTED when the signal aborts during a retry delay", async () => {
    server.handle((_, response) => json(response, 503, {}));
    const controller = new AbortController();
    const api = await connect({
      retryDelay: 60,
      sleep: async (_, signal) => {
        controller.abort();
        if (signal?.aborted) throw signal.reason;
      },
    });
    await expect(api.get("/2/users/me", { signal: controller.signal })).rejects.toMatchObject({
      code: "ABORTED",
      message: "GET /2/users/me: the request was aborted.",
    });
  });
});

describe("lifecycle", () => {
  it("closes its sockets through Symbol.asyncDispose, as `await using` does", async () => {
    server.handle((_, response) => json(response, 200, {}));
    const api = await connect();
    await api.get("/2/users/me");
    await api[Symbol.asyncDispose]();
    await expect(api.get("/2/users/me")).rejects.toMatchObject({ code: "NETWORK_ERROR" });
  });

  it("retries a status the caller listed, such as the seed tutorial's 404", async () => {
    let calls = 0;
    server.handle((_, response) =>
      calls++ === 0 ? json(response, 404, {}) : json(response, 200, { ok: 1 }),
    );
    const api = await connect({ retryErrors: [401, 404, 500, 503] });
    expect((await api.get("/2/tweets/20")).data).toEqual({ ok: 1 });
    expect(calls).toBe(2);
  });
});
