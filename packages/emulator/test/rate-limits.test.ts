import { afterEach, describe, expect, it } from "vitest";
import { defaultApp, secondUser } from "../src/defaults.js";
import type { Emulator } from "../src/start-emulator.js";
import { clockStart, signedFetch, startTestEmulator } from "./support/emulator-fixture.js";

let emu: Emulator | undefined;
afterEach(() => emu?.stop());

function limitHeaders(response: Response) {
  return {
    limit: response.headers.get("x-rate-limit-limit"),
    remaining: response.headers.get("x-rate-limit-remaining"),
    reset: response.headers.get("x-rate-limit-reset"),
  };
}

describe("rate limits", () => {
  it("sends X's default 75-per-15-minutes headers on GET /2/users/me, reset at the window's end in epoch seconds", async () => {
    const started = await startTestEmulator();
    emu = started.emu;
    const response = await signedFetch(emu, started.clock, { path: "/2/users/me" });
    const windowEnd = (Math.floor(clockStart / 900_000) + 1) * 900;
    expect(limitHeaders(response)).toEqual({ limit: "75", remaining: "74", reset: String(windowEnd) });
  });

  it("answers 429 with X's v2 body after the limit, then serves again when the clock reaches the reset", async () => {
    const started = await startTestEmulator({
      rateLimits: { "GET /2/users/me": { limit: 2, windowMs: 1000 } },
    });
    emu = started.emu;
    const { clock } = started;
    const reset = String(clock.seconds() + 1);
    const first = await signedFetch(emu, clock, { path: "/2/users/me" });
    expect(limitHeaders(first)).toEqual({ limit: "2", remaining: "1", reset });
    const second = await signedFetch(emu, clock, { path: "/2/users/me" });
    expect(limitHeaders(second)).toEqual({ limit: "2", remaining: "0", reset });
    const third = await signedFetch(emu, clock, { path: "/2/users/me" });
    expect(third.status).toBe(429);
    expect(limitHeaders(third)).toEqual({ limit: "2", remaining: "0", reset });
    expect(await third.json()).toEqual({
      title: "Too Many Requests",
      detail: "Too Many Requests",
      type: "about:blank",
      status: 429,
    });

    clock.set(Number(reset) * 1000);
    const afterReset = await signedFetch(emu, clock, { path: "/2/users/me" });
    expect(afterReset.status).toBe(200);
    expect(limitHeaders(afterReset)).toEqual({
      limit: "2",
      remaining: "1",
      reset: String(Number(reset) + 1),
    });
    expect(emu.stats.count({ route: "GET /2/users/me", outcome: "rate-limited" })).toBe(1);
  });

  it("answers 429 on v1.1 routes with code 88", async () => {
    const started = await startTestEmulator();
    emu = started.emu;
    emu.setRateLimit("GET /1.1/account/verify_credentials.json", { limit: 0, windowMs: 60_000 });
    const response = await signedFetch(emu, started.clock, { path: "/1.1/account/verify_credentials.json" });
    expect({ status: response.status, body: await response.json() }).toEqual({
      status: 429,
      body: { errors: [{ code: 88, message: "Rate limit exceeded" }] },
    });
  });

  it("counts each token separately", async () => {
    const started = await startTestEmulator({
      rateLimits: { "GET /2/users/me": { limit: 1, windowMs: 60_000 } },
    });
    emu = started.emu;
    const other = emu.issueAccessToken(secondUser.username, { consumerKey: defaultApp.consumerKey });
    expect((await signedFetch(emu, started.clock, { path: "/2/users/me" })).status).toBe(200);
    expect((await signedFetch(emu, started.clock, { path: "/2/users/me" })).status).toBe(429);
    const otherResponse = await signedFetch(emu, started.clock, {
      path: "/2/users/me",
      token: other.accessToken,
      tokenSecret: other.accessTokenSecret,
    });
    expect(otherResponse.status).toBe(200);
    expect(emu.stats.byToken[other.accessToken]).toBe(1);
  });

  it("does not count requests that fail authentication, and drops the headers from unlimited routes", async () => {
    const started = await startTestEmulator({ rateLimits: { "GET /2/users/me": null } });
    emu = started.emu;
    const response = await signedFetch(emu, started.clock, { path: "/2/users/me" });
    expect(limitHeaders(response)).toEqual({ limit: null, remaining: null, reset: null });
    emu.setRateLimit("GET /2/users/me", { limit: 1, windowMs: 60_000 });
    expect((await fetch(`${emu.url}/2/users/me`)).status).toBe(401);
    expect((await signedFetch(emu, started.clock, { path: "/2/users/me" })).status).toBe(200);
    expect(emu.rateLimits()["GET /2/users/me"]).toEqual({ limit: 1, windowMs: 60_000 });
  });
});
