import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Emulator } from "../src/start-emulator.js";
import { signedFetch, startTestEmulator, type TestClock } from "./support/emulator-fixture.js";

let emu: Emulator;
let clock: TestClock;
beforeEach(async () => {
  ({ emu, clock } = await startTestEmulator());
});
afterEach(() => emu.stop());

const day = 86_400_000;
const post = (text: string) => signedFetch(emu, clock, { method: "POST", path: "/2/tweets", json: { text } });
const search = (query: string) =>
  signedFetch(emu, clock, {
    path: `/2/tweets/search/recent?query=${encodeURIComponent(query)}&max_results=10`,
  });

describe("the emulator's pay-per-use bill", () => {
  it("bills a created Post per request, at the URL price when its text holds a link", async () => {
    expect((await post("plain words")).status).toBe(201);
    expect((await post("read https://example.com/a")).status).toBe(201);
    expect(emu.billing.byKind()).toEqual({
      ContentCreate: { units: 1, usd: 0.015 },
      ContentCreateWithUrl: { units: 1, usd: 0.2 },
    });
    expect(emu.billing.billedMicros()).toBe(215_000);
  });

  it("bills each Post a read returns once per UTC day, and again on the next day", async () => {
    for (const text of ["billing one", "billing two", "billing three"]) await post(text);
    emu.billing.reset();
    expect((await search("billing")).status).toBe(200);
    expect((await search("billing")).status).toBe(200);
    expect(emu.billing.byKind()).toEqual({ Post: { units: 3, usd: 0.015 } });
    const today = new Date(clock.now()).toISOString().slice(0, 10);
    clock.advance(day);
    expect((await search("billing")).status).toBe(200);
    expect(emu.billing.billedUsd()).toBe(0.015);
    expect(emu.billing.billedUsd(today)).toBe(0.015);
  });

  it("bills a user read per user", async () => {
    expect((await signedFetch(emu, clock, { path: "/2/users/me" })).status).toBe(200);
    expect(emu.billing.byKind()).toEqual({ User: { units: 1, usd: 0.01 } });
  });

  it("bills nothing for failed requests, faults, missing Posts or unbilled endpoints", async () => {
    expect((await signedFetch(emu, clock, { path: "/2/tweets/search/recent?query=" })).status).toBe(400);
    expect((await signedFetch(emu, clock, { path: "/2/users/me", tokenSecret: "wrong" })).status).toBe(401);
    emu.inject("GET /2/users/me", [{ status: 503 }]);
    expect((await signedFetch(emu, clock, { path: "/2/users/me" })).status).toBe(503);
    expect((await signedFetch(emu, clock, { path: "/2/tweets/1234" })).status).toBe(200);
    expect((await signedFetch(emu, clock, { path: "/1.1/account/verify_credentials.json" })).status).toBe(
      200,
    );
    expect(emu.billing.billedMicros()).toBe(0);
    expect(emu.billing.byKind()).toEqual({ Post: { units: 0, usd: 0 } });
  });
});
