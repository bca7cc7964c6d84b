import { describe, expect, it } from "vitest";
import { createMemoryBearerTokenCache } from "../src/auth/bearer-token-cache.js";
import type { RateLimitTicket } from "../src/rate-limit/rate-limit-state.js";
import { createMemoryRateLimitState } from "../src/rate-limit/rate-limit-state.js";

const key = "token GET /2/users/me";
const t0 = 1_000_000;
const window = (remaining: number, resetAt = t0 + 60_000, limit = 75) => ({ limit, remaining, resetAt });
type Send = Extract<RateLimitTicket, { action: "send" }>;

function sendTicket(ticket: RateLimitTicket): Send {
  expect(ticket.action).toBe("send");
  return ticket as Send;
}

async function knownBudget(remaining: number, resetAt?: number) {
  const state = createMemoryRateLimitState();
  const probe = sendTicket(await state.acquire(key, t0));
  await state.settle(key, probe, { answered: true, figures: window(remaining, resetAt) });
  return state;
}

describe("createMemoryRateLimitState", () => {
  it("lets the first request go as a probe and queues the others behind it", async () => {
    const state = createMemoryRateLimitState();
    expect(await state.acquire(key, t0)).toEqual({ action: "send", probe: true });
    const queued = await state.acquire(key, t0);
    expect(queued.action).toBe("await-probe");
  });

  it("releases the queue when the probe settles", async () => {
    const state = createMemoryRateLimitState();
    const probe = sendTicket(await state.acquire(key, t0));
    const queued = await state.acquire(key, t0);
    let released = false;
    if (queued.action === "await-probe") void queued.settled?.then(() => (released = true));
    await state.settle(key, probe, { answered: true, figures: window(10) });
    await Promise.resolve();
    expect(released).toBe(true);
    expect(await state.acquire(key, t0)).toEqual({ action: "send", probe: false });
  });

  it("sends 3 of 8 concurrent requests when remaining is 3 and tells the other 5 to wait for the reset", async () => {
    const state = await knownBudget(3);
    const tickets = await Promise.all(Array.from({ length: 8 }, () => state.acquire(key, t0)));
    expect(tickets.filter((ticket) => ticket.action === "send")).toHaveLength(3);
    const waits = tickets.filter((ticket) => ticket.action === "wait");
    expect(waits).toHaveLength(5);
    expect(waits[0]).toEqual({ action: "wait", until: t0 + 60_000, reason: "exhausted", limit: 75 });
  });

  it("keeps counting in-flight requests against answers that were counted before them", async () => {
    const state = await knownBudget(2);
    const first = sendTicket(await state.acquire(key, t0));
    sendTicket(await state.acquire(key, t0));
    // The first answer says 1 left, but the second request is still in flight: no room.
    await state.settle(key, first, { answered: true, figures: window(1) });
    expect((await state.acquire(key, t0)).action).toBe("wait");
  });

  it("keeps the lowest remaining of one window when answers arrive out of order", async () => {
    const state = await knownBudget(5);
    await state.settle(key, undefined, { answered: true, figures: window(1) });
    await state.settle(key, undefined, { answered: true, figures: window(3) });
    sendTicket(await state.acquire(key, t0));
    expect((await state.acquire(key, t0)).action).toBe("wait");
  });

  it("after the reset sends one probe and holds the rest until the new figures arrive", async () => {
    const state = await knownBudget(0);
    const afterReset = t0 + 60_001;
    const probe = sendTicket(await state.acquire(key, afterReset));
    expect(probe.probe).toBe(true);
    expect((await state.acquire(key, afterReset)).action).toBe("await-probe");
    await state.settle(key, probe, { answered: true, figures: window(1, t0 + 120_000) });
    sendTicket(await state.acquire(key, afterReset));
    expect((await state.acquire(key, afterReset)).action).toBe("wait");
  });

  it("ignores an answer from an older window once a newer one is known", async () => {
    const state = await knownBudget(0, t0 + 1000);
    await state.settle(key, undefined, { answered: true, figures: window(20, t0 + 2000) });
    await state.settle(key, undefined, { answered: true, figures: window(0, t0 + 1000) });
    expect((await state.acquire(key, t0 + 1500)).action).toBe("send");
  });

  it("passes the probe on when it got no answer", async () => {
    const state = createMemoryRateLimitState();
    const probe = sendTicket(await state.acquire(key, t0));
    await state.settle(key, probe, { answered: false });
    expect(await state.acquire(key, t0)).toEqual({ action: "send", probe: true });
  });

  it("lets every request go on an endpoint that answers without rate-limit headers", async () => {
    const state = createMemoryRateLimitState();
    const probe = sendTicket(await state.acquire(key, t0));
    await state.settle(key, probe, { answered: true });
    expect(await state.acquire(key, t0)).toEqual({ action: "send", probe: false });
    expect(await state.acquire(key, t0)).toEqual({ action: "send", probe: false });
  });

  it("holds every request after a 429 until the block ends, then probes", async () => {
    const state = await knownBudget(10);
    await state.settle(key, undefined, { answered: true, blockedUntil: t0 + 5000, blockedReason: "backoff" });
    expect(await state.acquire(key, t0 + 10)).toEqual({
      action: "wait",
      until: t0 + 5000,
      reason: "backoff",
    });
    expect(await state.acquire(key, t0 + 5000)).toEqual({ action: "send", probe: true });
  });

  it("waits for a spent 24-hour cap even when the 15-minute window has room", async () => {
    const state = createMemoryRateLimitState();
    const probe = sendTicket(await state.acquire(key, t0));
    const appDaily = { limit: 17, remaining: 0, resetAt: t0 + 3_600_000 };
    await state.settle(key, probe, { answered: true, figures: { ...window(50), appDaily } });
    expect(await state.acquire(key, t0)).toEqual({
      action: "wait",
      until: t0 + 3_600_000,
      reason: "daily-limit",
      limit: 17,
    });
  });

  it("keeps budgets apart per key", async () => {
    const state = await knownBudget(0);
    expect((await state.acquire("other-token GET /2/users/me", t0)).action).toBe("send");
  });

  it("holds the budget only: the bearer token has its own cache", () => {
    expect(Object.keys(createMemoryRateLimitState()).sort()).toEqual(["acquire", "settle"]);
  });
});

describe("createMemoryBearerTokenCache", () => {
  it("caches bearer tokens and forgets one only if it is still the cached one", async () => {
    const cache = createMemoryBearerTokenCache();
    await cache.set("app", "token-1");
    await cache.delete("app", "token-0");
    expect(await cache.get("app")).toBe("token-1");
    await cache.delete("app", "token-1");
    expect(await cache.get("app")).toBeUndefined();
  });
});
