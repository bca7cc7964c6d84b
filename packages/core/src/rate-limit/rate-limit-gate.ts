import { TwauthError } from "../errors/twauth-error.js";
import { formatDuration } from "../http/duration.js";
import type { Sleep } from "../http/sleep.js";
import { abortableSleep } from "../http/sleep.js";
import type { RateLimitInfo } from "./rate-limit-info.js";
import type { WaitNotifier } from "./rate-limit-notify.js";
import type { RateLimitState, RateLimitTicket, RateLimitWaitReason } from "./rate-limit-state.js";

/** The ticket a request holds while it is in flight. */
export type SendTicket = Extract<RateLimitTicket, { action: "send" }>;

/**
 * Added to every wait for a reset: X's reset is whole epoch seconds and clocks differ a little;
 * coming back a moment late costs far less than a 429.
 */
export const resetSkewMarginMs = 25;

// One call asks the state at most this often before giving up: each round waits for a reset or a
// probe, so this only ends a loop a broken state (or a clock that never moves) would make endless.
const maxRounds = 200;

export interface RateLimitGateOptions {
  readonly state: RateLimitState;
  readonly now: () => number;
  readonly sleep: Sleep;
  readonly notify: WaitNotifier | undefined;
  readonly maxWaitMs: number;
  /** False: a wait is refused at once with RATE_LIMITED, nothing sent (no waitOnRateLimit). @default true */
  readonly waits?: boolean;
}

function reasonWords(reason: RateLimitWaitReason): string {
  if (reason === "daily-limit") return "has used its 24-hour limit";
  if (reason === "exhausted") return "has no requests left in this window";
  return "was answered 429";
}

/**
 * Waits, before a request is sent, until its endpoint's budget has room: until the reset when the
 * window is spent, until a 429's reset or `Retry-After`, or behind the probe that fetches the new
 * window's figures. Every wait is notified and honours `signal`; a wait over `maxWaitMs` throws
 * `RATE_LIMITED` instead.
 */
export async function acquireRateLimitBudget(
  gate: RateLimitGateOptions,
  key: string,
  endpoint: string,
  signal: AbortSignal | undefined,
): Promise<SendTicket> {
  for (let round = 0; round < maxRounds; round++) {
    const now = gate.now();
    const ticket = await gate.state.acquire(key, now - resetSkewMarginMs);
    if (ticket.action === "send") return ticket;
    if (ticket.action === "await-probe") {
      await waitForProbe(ticket, now, signal);
      continue;
    }
    const resetAt = ticket.until + resetSkewMarginMs;
    const waitMs = resetAt - now;
    if (gate.waits === false) {
      throw new TwauthError(
        "RATE_LIMITED",
        `${endpoint} ${reasonWords(ticket.reason)} until ${new Date(resetAt).toISOString()} (resets in ${formatDuration(waitMs)}), as the shared rate-limit state knows; no request was sent. Pass waitOnRateLimit: true to wait instead.`,
        { endpoint, resetAt, remaining: 0, ...(ticket.limit === undefined ? {} : { limit: ticket.limit }) },
      );
    }
    if (waitMs > gate.maxWaitMs) {
      throw new TwauthError(
        "RATE_LIMITED",
        `${endpoint} ${reasonWords(ticket.reason)} until ${new Date(resetAt).toISOString()}; waiting ${formatDuration(waitMs)} would exceed maxRateLimitWait (${formatDuration(gate.maxWaitMs)}).`,
        {
          endpoint,
          resetAt,
          remaining: 0,
          ...(ticket.limit === undefined ? {} : { limit: ticket.limit }),
        },
      );
    }
    const done = gate.notify?.({
      endpoint,
      waitMs,
      resetAt,
      reason: ticket.reason,
      ...(ticket.limit === undefined ? {} : { limit: ticket.limit }),
    });
    try {
      await gate.sleep(waitMs, signal);
    } finally {
      done?.();
    }
  }
  throw new TwauthError(
    "RATE_LIMITED",
    `${endpoint}: still rate limited after ${maxRounds} waits; the rate-limit state never let the request go.`,
    { endpoint },
  );
}

// The probe normally answers within a round trip, so this wait uses a real timer even when a test
// injects `sleep`: a fake clock must not jump ahead while a request is merely in flight.
async function waitForProbe(
  ticket: Extract<RateLimitTicket, { action: "await-probe" }>,
  now: number,
  signal: AbortSignal | undefined,
): Promise<void> {
  const waitMs = Math.max(0, ticket.until - now);
  if (ticket.settled === undefined) {
    await abortableSleep(waitMs, signal);
    return;
  }
  // The timer is cancelled as soon as the probe settles, so it never holds the process open.
  const stop = new AbortController();
  const onAbort = () => stop.abort(signal?.reason);
  signal?.addEventListener("abort", onAbort, { once: true });
  try {
    await Promise.race([ticket.settled, abortableSleep(waitMs, stop.signal)]);
  } finally {
    signal?.removeEventListener("abort", onAbort);
    stop.abort();
  }
  if (signal?.aborted) throw signal.reason;
}

/** How long every request to an endpoint holds off after a 429, and why. */
export interface TooManyRequestsBlock {
  readonly until: number;
  readonly reason: RateLimitWaitReason;
}

// A 429 that says nothing about when to come back: 1 s, 2 s, 4 s, ... never a hot loop.
const firstBackoffMs = 1000;
const maxBackoffMs = 60_000;

/**
 * When to try again after a 429: `Retry-After` when X sent it (it is the most precise), else the
 * latest reset among the windows that are spent (the 15-minute window or a 24-hour cap), else a
 * doubling backoff counted by `waitsSoFar`.
 */
export function blockAfterTooManyRequests(
  retryAfterMs: number | undefined,
  rateLimit: RateLimitInfo | undefined,
  now: number,
  waitsSoFar: number,
): TooManyRequestsBlock {
  if (retryAfterMs !== undefined) return { until: now + retryAfterMs, reason: "too-many-requests" };
  let until: number | undefined;
  let reason: RateLimitWaitReason = "too-many-requests";
  if (rateLimit !== undefined) {
    for (const [window, windowReason] of [
      [rateLimit, "too-many-requests"],
      [rateLimit.appDaily, "daily-limit"],
      [rateLimit.userDaily, "daily-limit"],
    ] as const) {
      if (window === undefined || window.remaining > 0 || window.resetAt <= now) continue;
      if (until === undefined || window.resetAt > until) {
        until = window.resetAt;
        reason = windowReason;
      }
    }
  }
  if (until !== undefined) return { until, reason };
  return { until: now + Math.min(firstBackoffMs * 2 ** waitsSoFar, maxBackoffMs), reason: "backoff" };
}
