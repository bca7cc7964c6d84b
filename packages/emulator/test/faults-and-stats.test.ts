import { createHash } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { defaultApp, defaultUser } from "../src/defaults.js";
import type { Emulator } from "../src/start-emulator.js";
import { signedFetch, startTestEmulator, type TestClock } from "./support/emulator-fixture.js";

let emu: Emulator;
let clock: TestClock;
beforeEach(async () => {
  ({ emu, clock } = await startTestEmulator());
});
afterEach(() => emu.stop());

const me = () => signedFetch(emu, clock, { path: "/2/users/me" });
const tweet = (text: string) =>
  signedFetch(emu, clock, { method: "POST", path: "/2/tweets", json: { text } });

describe("fault injection", () => {
  it("answers a queued status sequence one per request, then normally", async () => {
    emu.inject("GET /2/users/me", [{ status: 503 }, { status: 503, retryAfter: 2 }]);
    const first = await me();
    expect({ status: first.status, body: await first.json() }).toEqual({
      status: 503,
      body: { title: "Service Unavailable", detail: "Service Unavailable", type: "about:blank", status: 503 },
    });
    const second = await me();
    expect(second.status).toBe(503);
    expect(second.headers.get("retry-after")).toBe("2");
    expect(emu.pendingFaults("GET /2/users/me")).toBe(0);
    expect((await me()).status).toBe(200);
    expect(emu.stats.count({ route: "GET /2/users/me", outcome: "fault", status: 503 })).toBe(2);
    expect(emu.stats.count({ route: "GET /2/users/me", outcome: "ok" })).toBe(1);
  });

  it("answers v1.1 routes with X's v1.1 bodies for injected statuses", async () => {
    emu.inject("GET /1.1/account/verify_credentials.json", [{ status: 503 }, { status: 500 }]);
    const overCapacity = await signedFetch(emu, clock, { path: "/1.1/account/verify_credentials.json" });
    expect(await overCapacity.json()).toEqual({ errors: [{ code: 130, message: "Over capacity" }] });
    const internal = await signedFetch(emu, clock, { path: "/1.1/account/verify_credentials.json" });
    expect(await internal.json()).toEqual({ errors: [{ code: 131, message: "Internal error" }] });
  });

  it("injects a 429 without any rate-limit headers, and one with the given reset", async () => {
    const reset = clock.seconds() + 900;
    emu.inject("GET /2/users/me", [{ status: 429 }, { status: 429, rateLimitReset: reset }]);
    const bare = await me();
    expect(bare.status).toBe(429);
    expect(bare.headers.get("x-rate-limit-reset")).toBeNull();
    expect(bare.headers.get("x-rate-limit-remaining")).toBeNull();
    const withReset = await me();
    expect(withReset.status).toBe(429);
    expect(await withReset.json()).toEqual({
      title: "Too Many Requests",
      detail: "Too Many Requests",
      type: "about:blank",
      status: 429,
    });
    expect({
      limit: withReset.headers.get("x-rate-limit-limit"),
      remaining: withReset.headers.get("x-rate-limit-remaining"),
      reset: withReset.headers.get("x-rate-limit-reset"),
    }).toEqual({ limit: "75", remaining: "0", reset: String(reset) });
  });

  it("resets the socket without a response and counts it as a fault with no status", async () => {
    emu.inject("GET /2/users/me", [{ resetSocket: true }]);
    await expect(me()).rejects.toThrow(/fetch failed/);
    expect((await me()).status).toBe(200);
    expect(emu.stats.count({ outcome: "fault", fault: "socket-reset", status: null })).toBe(1);
    expect(emu.stats.byStatus).toEqual({ none: 1, "200": 1 });
  });

  it("delays a request and then answers it normally", async () => {
    emu.inject("GET /2/users/me", [{ delayMs: 20 }]);
    expect((await me()).status).toBe(200);
    expect(emu.stats.requests.map((record) => [record.fault, record.outcome])).toEqual([["delay", "ok"]]);
  });

  it("cuts an injected delay short on stop(), closing the waiting request", async () => {
    emu.inject("GET /2/users/me", [{ delayMs: 600_000 }]);
    const waiting = me();
    await expect.poll(() => emu.pendingFaults("GET /2/users/me"), { timeout: 2000, interval: 5 }).toBe(0);
    await emu.stop();
    await expect(waiting).rejects.toThrow(/fetch failed/);
    expect(emu.stats.count({ outcome: "aborted", fault: "delay" })).toBe(1);
    await emu.stop();
  });

  it("stores the tweet and then drops the response when a fault comes after handling", async () => {
    emu.inject("POST /2/tweets", [{ resetSocket: true, afterHandling: true }]);
    await expect(tweet("lost reply")).rejects.toThrow(/fetch failed/);
    expect(emu.tweets().map((stored) => stored.text)).toEqual(["lost reply"]);
    emu.inject("POST /2/tweets", [{ status: 503 }]);
    expect((await tweet("never stored")).status).toBe(503);
    expect(emu.tweets().map((stored) => stored.text)).toEqual(["lost reply"]);
  });

  it("applies '*' faults to every route, after the route's own queue", async () => {
    emu.inject("*", [{ status: 502 }]);
    emu.inject("GET /2/users/me", [{ status: 504 }]);
    expect((await me()).status).toBe(504);
    expect((await fetch(`${emu.url}/2/unknown`)).status).toBe(502);
    expect((await me()).status).toBe(200);
  });

  it("injects seeded random faults deterministically", async () => {
    const run = async () => {
      emu.injectRandom("GET /2/users/me", {
        rate: 0.5,
        faults: [{ status: 500 }, { status: 503 }],
        seed: 42,
      });
      const statuses: number[] = [];
      for (let index = 0; index < 20; index++) statuses.push((await me()).status);
      emu.clearFaults("GET /2/users/me");
      return statuses;
    };
    const first = await run();
    expect(await run()).toEqual(first);
    expect(first.filter((status) => status === 200).length).toBeGreaterThan(3);
    expect(first.filter((status) => status !== 200).length).toBeGreaterThan(3);
    expect(new Set(first)).toEqual(new Set([200, 500, 503]));
  });

  it("refuses a fault that does nothing", () => {
    expect(() => emu.inject("GET /2/users/me", [{ retryAfter: 1 }])).toThrow(
      "fault for GET /2/users/me: give status, problem, resetSocket or delayMs",
    );
  });
});

describe("stats", () => {
  it("counts every request by route, method, token, outcome and status, and resets", async () => {
    emu.inject("POST /2/tweets", [{ status: 503 }]);
    await tweet("one");
    await tweet("one");
    await tweet("two");
    await me();
    await fetch(`${emu.url}/2/users/me`);
    const stats = emu.stats;
    expect(stats.total).toBe(5);
    expect(stats.byRoute).toEqual({ "POST /2/tweets": 3, "GET /2/users/me": 2 });
    expect(stats.byMethod).toEqual({ POST: 3, GET: 2 });
    expect(stats.byToken).toEqual({ [defaultUser.accessToken]: 3, none: 2 });
    expect(stats.byOutcome).toEqual({ fault: 1, ok: 3, "auth-failed": 1 });
    expect(stats.count({ route: "POST /2/tweets", status: 201, token: defaultUser.accessToken })).toBe(2);
    expect(stats.createdTweets.map((created) => created.text)).toEqual(["one", "two"]);
    expect(
      stats.requests.filter((record) => record.route === "POST /2/tweets").map((record) => record.body),
    ).toEqual(['{"text":"one"}', '{"text":"one"}', '{"text":"two"}']);
    expect(stats.requests.map((record) => record.seq)).toEqual([1, 2, 3, 4, 5]);

    stats.reset();
    expect(emu.stats.total).toBe(0);
    expect(emu.stats.count()).toBe(0);
    expect(emu.stats.createdTweets).toEqual([]);
    expect(emu.tweets()).toHaveLength(2);
  });

  it("keeps counting past maxRecordedRequests while keeping only the latest records", async () => {
    await emu.stop();
    ({ emu, clock } = await startTestEmulator({ maxRecordedRequests: 2 }));
    for (let index = 0; index < 4; index++) await fetch(`${emu.url}/2/unknown`);
    expect(emu.stats.total).toBe(4);
    expect(emu.stats.count({ outcome: "not-found" })).toBe(4);
    expect(emu.stats.requests.map((record) => record.seq)).toEqual([3, 4]);
  });

  it("logs one line per request with a short fingerprint of the token, never the token itself", async () => {
    await emu.stop();
    const lines: string[] = [];
    ({ emu, clock } = await startTestEmulator({ log: (line) => lines.push(line) }));
    await me();
    const bearer = await fetch(`${emu.url}/oauth2/token`, {
      method: "POST",
      headers: {
        authorization: `Basic ${Buffer.from(`${defaultApp.consumerKey}:${defaultApp.consumerSecret}`).toString("base64")}`,
        "content-type": "application/x-www-form-urlencoded;charset=UTF-8",
      },
      body: "grant_type=client_credentials",
    });
    expect(bearer.status).toBe(200);
    const sha = (text: string) => createHash("sha256").update(text).digest("hex").slice(0, 12);
    expect(lines).toEqual([
      `GET /2/users/me -> 200 ok token=sha256:${sha(defaultUser.accessToken)}`,
      `POST /oauth2/token -> 200 ok token=consumer:sha256:${sha(defaultApp.consumerKey)}`,
    ]);
    for (const secret of [defaultUser.accessToken, defaultApp.consumerKey, defaultApp.consumerSecret]) {
      expect(lines.join("\n")).not.toContain(secret);
    }
  });
});
