import type { RateLimitOutcome, RateLimitWaitReason, RateLimitWindow } from "@twauth/core";
import type { StoredBudget, StoredWindow } from "./budget-file.js";

/** A finished request, as one process queues it for the file: its lease (if it held one) and outcome. */
export interface Settlement {
  /** The lease id the request held; undefined for requests that did not acquire one. */
  readonly lease: string | undefined;
  readonly probe: boolean;
  readonly outcome: RateLimitOutcome;
}

/** What the callers not sent are told: nothing (all sent), wait until a time, or await the probe. */
export type Rest =
  | { readonly kind: "none" }
  | {
      readonly kind: "wait";
      readonly until: number;
      readonly reason: RateLimitWaitReason;
      readonly limit?: number;
    }
  | { readonly kind: "await-probe"; readonly probeExpiry: number };

/** The decision for `want` callers of one key: how many go (the first is a probe if `probe`). */
export interface Grant {
  readonly granted: number;
  readonly probe: boolean;
  readonly rest: Rest;
  /** When the first lease in flight expires (0 with none): a wait may end early when it does. */
  readonly firstLeaseExpiry: number;
}

export function newBudget(at: number): StoredBudget {
  return { known: false, leases: {}, touched: at };
}

/** A later reset replaces the window; the same reset keeps the lower remaining (answers arrive out of order). */
function merge(
  current: StoredWindow | undefined,
  next: RateLimitWindow | undefined,
): StoredWindow | undefined {
  if (next === undefined) return current;
  const stored = { limit: next.limit, remaining: next.remaining, reset: next.resetAt };
  if (current === undefined || stored.reset > current.reset) return stored;
  if (stored.reset < current.reset) return current;
  return stored.remaining < current.remaining ? { ...current, remaining: stored.remaining } : current;
}

function setWindow(
  budget: StoredBudget,
  name: "window" | "appDaily" | "userDaily",
  next: RateLimitWindow | undefined,
) {
  const merged = merge(budget[name], next);
  if (merged !== undefined) budget[name] = merged;
}

/** Applies one finished request to its key's budget, as the memory state's `settle` does. */
export function applySettlement(budget: StoredBudget, settlement: Settlement): void {
  const { lease, outcome } = settlement;
  if (lease !== undefined) delete budget.leases[lease];
  const figures = outcome.figures;
  if (figures !== undefined) {
    setWindow(budget, "window", figures);
    setWindow(budget, "appDaily", figures.appDaily);
    setWindow(budget, "userDaily", figures.userDaily);
    budget.known = true;
  } else if (outcome.answered && budget.window === undefined) {
    // X answered without rate-limit headers: this endpoint is not metered.
    budget.known = true;
  }
  if (outcome.blockedUntil !== undefined) {
    budget.blocked = Math.max(budget.blocked ?? 0, outcome.blockedUntil);
    budget.reason = outcome.blockedReason ?? "backoff";
  }
  if (settlement.probe && lease !== undefined && budget.probe === lease) delete budget.probe;
}

function leaseExpiries(budget: StoredBudget): number[] {
  return Object.values(budget.leases);
}

function grantLeases(budget: StoredBudget, count: number, at: number, leaseMs: number, leaseBase: string) {
  for (let n = 1; n <= count; n++) budget.leases[`${leaseBase}:${n}`] = at + leaseMs;
}

interface Room {
  count: number;
  wait: Extract<Rest, { kind: "wait" }> | undefined;
}

/** Narrows `room` to what a window leaves; says whether it leaves nothing at all. */
function narrow(room: Room, window: StoredWindow, inFlight: number, reason: RateLimitWaitReason): boolean {
  const left = Math.max(0, window.remaining - inFlight);
  if (left < room.count) {
    room.count = left;
    room.wait = { kind: "wait", until: window.reset, reason, limit: window.limit };
  }
  return left === 0;
}

/**
 * Takes up to `want` sends from one key's budget at `at`, as the memory state's `acquire` would for
 * `want` callers in a row: a block holds everyone; a spent 24-hour cap or window makes them wait for
 * its reset; unknown figures (first use, after a reset or a block) let one probe go and the rest
 * await it. Leases expire `leaseMs` after `at`. Expired leases must be pruned before.
 */
export function takeSends(
  budget: StoredBudget,
  at: number,
  want: number,
  lease: { readonly ms: number; readonly base: string },
): Grant {
  budget.touched = at;
  const finish = (granted: number, probe: boolean, rest: Rest): Grant => {
    grantLeases(budget, granted, at, lease.ms, lease.base);
    const expiries = leaseExpiries(budget);
    return { granted, probe, rest, firstLeaseExpiry: expiries.length === 0 ? 0 : Math.min(...expiries) };
  };
  if (budget.blocked !== undefined) {
    if (budget.blocked > at)
      return finish(0, false, { kind: "wait", until: budget.blocked, reason: budget.reason ?? "backoff" });
    // The block is over: nobody knows the figures now, so the next request probes.
    delete budget.blocked;
    delete budget.reason;
    budget.known = false;
  }
  const inFlight = leaseExpiries(budget).length;
  const room: Room = { count: want, wait: undefined };
  for (const daily of [budget.appDaily, budget.userDaily]) {
    if (daily !== undefined && daily.reset > at && narrow(room, daily, inFlight, "daily-limit")) {
      return finish(0, false, room.wait!);
    }
  }
  const window = budget.window;
  if (!budget.known || (window !== undefined && window.reset <= at)) {
    const probe = budget.probe === undefined ? undefined : budget.leases[budget.probe];
    if (probe !== undefined) return finish(0, false, { kind: "await-probe", probeExpiry: probe });
    budget.probe = `${lease.base}:1`;
    return finish(1, true, want > 1 ? { kind: "await-probe", probeExpiry: at + lease.ms } : { kind: "none" });
  }
  if (window !== undefined) narrow(room, window, inFlight, "exhausted");
  return finish(
    room.count,
    false,
    room.count < want && room.wait !== undefined ? room.wait : { kind: "none" },
  );
}
