import type { RateLimitInfo, RateLimitWindow } from "./rate-limit-info.js";

/**
 * Why a request waits before it is sent.
 *
 * @example
 * if (wait.reason === "daily-limit") console.warn("the app used its 24-hour quota");
 */
export type RateLimitWaitReason =
  /** The endpoint's window has no requests left. */
  | "exhausted"
  /** A 24-hour cap (`x-app-limit-24hour-*` or `x-user-limit-24hour-*`) has none left. */
  | "daily-limit"
  /** X answered 429 and said when to come back (`x-rate-limit-reset` or `Retry-After`). */
  | "too-many-requests"
  /** X answered 429 without saying when to come back: twauth backs off. */
  | "backoff";

/**
 * What `RateLimitState.acquire` decides for one request:
 * - `send`: go now; the request holds one unit of the budget until `settle`. A `probe` is the first
 *   request after a reset (or the first ever): the others queue behind it until its answer brings
 *   the new window's figures.
 * - `wait`: the budget is spent until `until` (epoch ms on the server's clock).
 * - `await-probe`: another request is finding out the new figures; try again when `settled`
 *   resolves, or at `until` at the latest.
 *
 * @example
 * const ticket = await state.acquire(key, Date.now());
 * if (ticket.action === "wait") await sleep(ticket.until - Date.now());
 */
export type RateLimitTicket =
  | { readonly action: "send"; readonly probe: boolean }
  | {
      readonly action: "wait";
      readonly until: number;
      readonly reason: RateLimitWaitReason;
      readonly limit?: number;
    }
  | { readonly action: "await-probe"; readonly until: number; readonly settled?: Promise<void> };

/**
 * How a request ended, for `RateLimitState.settle`.
 *
 * @example
 * await state.settle(key, ticket, { answered: true, figures: response.rateLimit });
 */
export interface RateLimitOutcome {
  /** The response's rate-limit figures, when it carried any. */
  readonly figures?: RateLimitInfo;
  /** True when X answered at all (any status); false after a network error, timeout or abort. */
  readonly answered: boolean;
  /** Hold every request to this endpoint until then (a 429 that gave only `Retry-After`, or nothing). */
  readonly blockedUntil?: number;
  readonly blockedReason?: RateLimitWaitReason;
}

/**
 * Where a connection keeps its rate-limit budget per endpoint and token: the budget only (the app's
 * bearer token has its own `BearerTokenCache`). In memory by default (`createMemoryRateLimitState`); give several connections one state to share a
 * budget, or implement it over a shared store (Redis) so that many processes share one. Methods may
 * return promises. Keys never contain a secret: tokens appear in them only as short hashes.
 *
 * @example
 * const shared: RateLimitState = createMemoryRateLimitState();
 * await getApiConnection({ credentials, rateLimitState: shared, waitOnRateLimit: true });
 */
export interface RateLimitState {
  /**
   * Takes one request from the budget of `key`, or says how long to wait. `at` is the current time on
   * X's clock as well as twauth knows it (epoch ms). Every `send` must be followed by one `settle`.
   */
  acquire(key: string, at: number): RateLimitTicket | Promise<RateLimitTicket>;
  /**
   * Records how a request to `key` ended: releases its unit of budget (when `ticket` is the `send`
   * ticket it held; `undefined` for requests that did not acquire one) and stores the figures.
   */
  settle(
    key: string,
    ticket: Extract<RateLimitTicket, { action: "send" }> | undefined,
    outcome: RateLimitOutcome,
  ): void | Promise<void>;
}

interface EndpointBudget {
  /** A response has told this endpoint's figures (or that it has none) since the last block. */
  known: boolean;
  window: RateLimitWindow | undefined;
  appDaily: RateLimitWindow | undefined;
  userDaily: RateLimitWindow | undefined;
  blockedUntil: number | undefined;
  blockedReason: RateLimitWaitReason | undefined;
  /** Requests sent and not settled: they may not be counted in `remaining` yet. */
  inFlight: number;
  probing: boolean;
  probeSettled: { promise: Promise<void>; resolve: () => void } | undefined;
}

const sendNow: RateLimitTicket = { action: "send", probe: false };
const sendProbe: RateLimitTicket = { action: "send", probe: true };
// How long a queued request waits for a probe before it asks again (the probe normally answers
// within one round trip; this only bounds a probe that never settles).
const probeWaitMs = 1000;

/** Keeps the newer window; within one window, the lowest `remaining` seen (answers arrive out of order). */
function mergeWindow(
  current: RateLimitWindow | undefined,
  next: RateLimitWindow | undefined,
): RateLimitWindow | undefined {
  if (next === undefined) return current;
  if (current === undefined || next.resetAt > current.resetAt) return next;
  if (next.resetAt < current.resetAt) return current;
  return next.remaining < current.remaining ? next : current;
}

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((done) => {
    resolve = done;
  });
  return { promise, resolve };
}

function spent(window: RateLimitWindow | undefined, inFlight: number, at: number): boolean {
  return window !== undefined && window.resetAt > at && window.remaining - inFlight <= 0;
}

/**
 * The in-memory `RateLimitState`: one per connection unless you pass one to several connections.
 *
 * @example
 * const rateLimitState = createMemoryRateLimitState();
 * const a = await getApiConnection({ credentials: botA, rateLimitState, waitOnRateLimit: true });
 * const b = await getApiConnection({ credentials: botB, rateLimitState, waitOnRateLimit: true });
 */
export function createMemoryRateLimitState(): RateLimitState {
  const budgets = new Map<string, EndpointBudget>();

  function budgetFor(key: string): EndpointBudget {
    let budget = budgets.get(key);
    if (budget === undefined) {
      budget = {
        known: false,
        window: undefined,
        appDaily: undefined,
        userDaily: undefined,
        blockedUntil: undefined,
        blockedReason: undefined,
        inFlight: 0,
        probing: false,
        probeSettled: undefined,
      };
      budgets.set(key, budget);
    }
    return budget;
  }

  return {
    acquire(key, at) {
      const budget = budgetFor(key);
      if (budget.blockedUntil !== undefined) {
        if (budget.blockedUntil > at) {
          return { action: "wait", until: budget.blockedUntil, reason: budget.blockedReason ?? "backoff" };
        }
        budget.blockedUntil = undefined;
        budget.blockedReason = undefined;
        budget.known = false;
      }
      for (const daily of [budget.appDaily, budget.userDaily]) {
        if (daily !== undefined && spent(daily, budget.inFlight, at)) {
          return { action: "wait", until: daily.resetAt, reason: "daily-limit", limit: daily.limit };
        }
      }
      const window = budget.window;
      const stale = !budget.known || (window !== undefined && window.resetAt <= at);
      if (stale) {
        if (budget.probing) {
          budget.probeSettled ??= deferred();
          return { action: "await-probe", until: at + probeWaitMs, settled: budget.probeSettled.promise };
        }
        budget.probing = true;
        budget.inFlight++;
        return sendProbe;
      }
      if (spent(window, budget.inFlight, at)) {
        return { action: "wait", until: window!.resetAt, reason: "exhausted", limit: window!.limit };
      }
      budget.inFlight++;
      return sendNow;
    },

    settle(key, ticket, outcome) {
      const budget = budgetFor(key);
      if (ticket !== undefined) budget.inFlight = Math.max(0, budget.inFlight - 1);
      const figures = outcome.figures;
      if (figures !== undefined) {
        budget.window = mergeWindow(budget.window, figures);
        budget.appDaily = mergeWindow(budget.appDaily, figures.appDaily);
        budget.userDaily = mergeWindow(budget.userDaily, figures.userDaily);
        budget.known = true;
      } else if (outcome.answered && budget.window === undefined) {
        // X answered without rate-limit headers: this endpoint is not metered.
        budget.known = true;
      }
      if (outcome.blockedUntil !== undefined) {
        budget.blockedUntil = Math.max(budget.blockedUntil ?? 0, outcome.blockedUntil);
        budget.blockedReason = outcome.blockedReason ?? "backoff";
      }
      if (ticket?.probe === true) {
        budget.probing = false;
        const settled = budget.probeSettled;
        budget.probeSettled = undefined;
        settled?.resolve();
      }
    },
  };
}
