import type { RateLimitState, RateLimitTicket } from "@twauth/core";
import { expect } from "vitest";

/** What the contract needs of a state: the budget half of core's `RateLimitState`. */
export type BudgetState = Pick<RateLimitState, "acquire" | "settle">;
type Send = Extract<RateLimitTicket, { action: "send" }>;

export const key = "token GET /2/users/me";
// A real epoch time: Redis expires keys (PEXPIREAT) relative to its own clock, and the file state
// prunes by the callers' clock, as each would in use.
export const t0 = Math.floor(Date.now() / 1000) * 1000;
export const window = (remaining: number, resetAt = t0 + 60_000, limit = 75) => ({
  limit,
  remaining,
  resetAt,
});

export function sendTicket(ticket: RateLimitTicket): Send {
  expect(ticket.action).toBe("send");
  return ticket as Send;
}

export async function knownBudget(
  state: BudgetState,
  remaining: number,
  resetAt?: number,
): Promise<BudgetState> {
  const probe = sendTicket(await state.acquire(key, t0));
  await state.settle(key, probe, { answered: true, figures: window(remaining, resetAt) });
  return state;
}

/**
 * The behaviour every `RateLimitState` keeps, as data: the same cases as core's memory state tests,
 * run against the memory state (the reference), the Redis state on each client and the file state
 * (packages/ratelimit-file imports this table).
 */
export const rateLimitContract: readonly { name: string; run: (state: BudgetState) => Promise<void> }[] = [
  {
    name: "lets the first request go as a probe and queues the others behind it",
    async run(state) {
      expect(await state.acquire(key, t0)).toEqual({ action: "send", probe: true });
      expect((await state.acquire(key, t0)).action).toBe("await-probe");
    },
  },
  {
    name: "releases the queue when the probe settles",
    async run(state) {
      const probe = sendTicket(await state.acquire(key, t0));
      const queued = await state.acquire(key, t0);
      let released = false;
      if (queued.action === "await-probe") void queued.settled?.then(() => (released = true));
      await state.settle(key, probe, { answered: true, figures: window(10) });
      await Promise.resolve();
      expect(released).toBe(true);
      expect(await state.acquire(key, t0)).toEqual({ action: "send", probe: false });
    },
  },
  {
    name: "sends 3 of 8 concurrent requests when remaining is 3 and tells the other 5 to wait for the reset",
    async run(state) {
      await knownBudget(state, 3);
      const tickets = await Promise.all(Array.from({ length: 8 }, () => state.acquire(key, t0)));
      expect(tickets.filter((ticket) => ticket.action === "send")).toHaveLength(3);
      const waits = tickets.filter((ticket) => ticket.action === "wait");
      expect(waits).toHaveLength(5);
      expect(waits[0]).toEqual({ action: "wait", until: t0 + 60_000, reason: "exhausted", limit: 75 });
    },
  },
  {
    name: "keeps counting in-flight requests against answers that were counted before them",
    async run(state) {
      await knownBudget(state, 2);
      const first = sendTicket(await state.acquire(key, t0));
      sendTicket(await state.acquire(key, t0));
      await state.settle(key, first, { answered: true, figures: window(1) });
      expect((await state.acquire(key, t0)).action).toBe("wait");
    },
  },
  {
    name: "keeps the lowest remaining of one window when answers arrive out of order",
    async run(state) {
      await knownBudget(state, 5);
      await state.settle(key, undefined, { answered: true, figures: window(1) });
      await state.settle(key, undefined, { answered: true, figures: window(3) });
      sendTicket(await state.acquire(key, t0));
      expect((await state.acquire(key, t0)).action).toBe("wait");
    },
  },
  {
    name: "after the reset sends one probe and holds the rest until the new figures arrive",
    async run(state) {
      await knownBudget(state, 0);
      const afterReset = t0 + 60_001;
      const probe = sendTicket(await state.acquire(key, afterReset));
      expect(probe.probe).toBe(true);
      expect((await state.acquire(key, afterReset)).action).toBe("await-probe");
      await state.settle(key, probe, { answered: true, figures: window(1, t0 + 120_000) });
      sendTicket(await state.acquire(key, afterReset));
      expect((await state.acquire(key, afterReset)).action).toBe("wait");
    },
  },
  {
    name: "ignores an answer from an older window once a newer one is known",
    async run(state) {
      await knownBudget(state, 0, t0 + 1000);
      await state.settle(key, undefined, { answered: true, figures: window(20, t0 + 2000) });
      await state.settle(key, undefined, { answered: true, figures: window(0, t0 + 1000) });
      expect((await state.acquire(key, t0 + 1500)).action).toBe("send");
    },
  },
  {
    name: "passes the probe on when it got no answer",
    async run(state) {
      const probe = sendTicket(await state.acquire(key, t0));
      await state.settle(key, probe, { answered: false });
      expect(await state.acquire(key, t0)).toEqual({ action: "send", probe: true });
    },
  },
  {
    name: "lets every request go on an endpoint that answers without rate-limit headers",
    async run(state) {
      const probe = sendTicket(await state.acquire(key, t0));
      await state.settle(key, probe, { answered: true });
      expect(await state.acquire(key, t0)).toEqual({ action: "send", probe: false });
      expect(await state.acquire(key, t0)).toEqual({ action: "send", probe: false });
    },
  },
  {
    name: "holds every request after a 429 until the block ends, then probes",
    async run(state) {
      await knownBudget(state, 10);
      await state.settle(key, undefined, {
        answered: true,
        blockedUntil: t0 + 5000,
        blockedReason: "backoff",
      });
      expect(await state.acquire(key, t0 + 10)).toEqual({
        action: "wait",
        until: t0 + 5000,
        reason: "backoff",
      });
      expect(await state.acquire(key, t0 + 5000)).toEqual({ action: "send", probe: true });
    },
  },
  {
    name: "waits for a spent 24-hour cap even when the 15-minute window has room",
    async run(state) {
      const probe = sendTicket(await state.acquire(key, t0));
      const appDaily = { limit: 17, remaining: 0, resetAt: t0 + 3_600_000 };
      await state.settle(key, probe, { answered: true, figures: { ...window(50), appDaily } });
      expect(await state.acquire(key, t0)).toEqual({
        action: "wait",
        until: t0 + 3_600_000,
        reason: "daily-limit",
        limit: 17,
      });
    },
  },
  {
    name: "keeps budgets apart per key",
    async run(state) {
      await knownBudget(state, 0);
      expect((await state.acquire("other-token GET /2/users/me", t0)).action).toBe("send");
    },
  },
];
