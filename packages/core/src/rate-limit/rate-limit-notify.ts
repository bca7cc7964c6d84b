import { formatDuration } from "../http/duration.js";
import type { RateLimitWaitReason } from "./rate-limit-state.js";

/**
 * One wait, as `waitOnRateLimitNotify` receives it: a rate-limit wait, or (reason `retry`) the pause
 * before a retry after a failed attempt.
 *
 * @example
 * await getApiConnection({ credentials, waitOnRateLimit: true, waitOnRateLimitNotify: (wait) => log.info(wait) });
 * // { endpoint: "GET /2/users/me", waitMs: 898025, resetAt: 1735732800025, limit: 75, reason: "exhausted" }
 * // { endpoint: "GET /2/users/me", waitMs: 5000, resetAt: 1735732805000, reason: "retry",
 * //   failure: "connection refused (ECONNREFUSED)", attempt: 1, attempts: 4 }
 */
export interface RateLimitWait {
  /** `METHOD /path/template`, e.g. `"GET /2/tweets/:id"`. */
  readonly endpoint: string;
  /** How long the request will wait, milliseconds. */
  readonly waitMs: number;
  /** When the wait ends, epoch milliseconds. */
  readonly resetAt: number;
  /** The window's request limit, when X said it. */
  readonly limit?: number;
  readonly reason: RateLimitWaitReason | "retry";
  /** For `retry`: what failed, e.g. `"X answered 503"` or `"connection refused (ECONNREFUSED)"`. */
  readonly failure?: string;
  /** For `retry`: the attempt that failed, counted from 1. */
  readonly attempt?: number;
  /** For `retry`: how many attempts the request may make in all (`retryCount + 1`). */
  readonly attempts?: number;
}

/** Where the default notice goes: stderr, or a test's recorder. */
export interface NoticeStream {
  readonly isTTY?: boolean;
  write(text: string): unknown;
}

/** Called when a wait starts; the returned function is called when it ends. */
export type WaitNotifier = (wait: RateLimitWait) => () => void;

const reasonText: Readonly<Record<RateLimitWait["reason"], string>> = {
  exhausted: "rate limit reached",
  "daily-limit": "24-hour limit reached",
  "too-many-requests": "X answered 429",
  backoff: "X answered 429 without a reset time, backing off",
  retry: "retrying",
};

function clockTime(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(11, 19);
}

/**
 * `twauth: GET /2/users/me: connection refused (ECONNREFUSED) on attempt 1 of 4; retrying in 5s`.
 *
 * @example retryLine({ endpoint: "GET /2/users/me", waitMs: 5000, resetAt, reason: "retry", failure: "X answered 503", attempt: 1, attempts: 4 })
 */
export function retryLine(wait: RateLimitWait): string {
  const attempt = wait.attempt === undefined ? "" : ` on attempt ${wait.attempt} of ${wait.attempts ?? "?"}`;
  return `twauth: ${wait.endpoint}: ${wait.failure ?? "failed"}${attempt}; retrying in ${formatDuration(wait.waitMs)}`;
}

/**
 * The notice for `waitOnRateLimitNotify: true`. On a TTY, one line that counts down (rewritten with
 * `\r` at most once a second) per endpoint and reset time, however many requests wait for it; elsewhere
 * one log line per endpoint and reset time.
 *
 * @example
 * const notify = createWaitNotice(process.stderr, Date.now);
 * const done = notify({ endpoint: "GET /2/users/me", waitMs: 5000, resetAt: Date.now() + 5000, reason: "exhausted" });
 * // ... after the wait
 * done();
 */
export function createWaitNotice(stream: NoticeStream, now: () => number): WaitNotifier {
  const active = new Map<string, { waiters: number; timer?: NodeJS.Timeout }>();
  let lineShown = false;

  function line(wait: RateLimitWait): string {
    if (wait.reason === "retry") return retryLine(wait);
    const limit = wait.limit === undefined ? "" : `, limit ${wait.limit}`;
    const left = formatDuration(Math.max(0, wait.resetAt - now()));
    return `twauth: ${wait.endpoint}: ${reasonText[wait.reason]}${limit}; waiting ${left} (until ${clockTime(wait.resetAt)} UTC)`;
  }

  return (wait) => {
    // A retry is one event, not a countdown: a plain line, kept in the log or scrollback.
    if (wait.reason === "retry") {
      stream.write(`${lineShown ? "\r\x1b[K" : ""}${line(wait)}\n`);
      return () => {};
    }
    const key = `${wait.endpoint} ${wait.resetAt}`;
    const existing = active.get(key);
    if (existing !== undefined) {
      existing.waiters++;
    } else {
      const entry: { waiters: number; timer?: NodeJS.Timeout } = { waiters: 1 };
      active.set(key, entry);
      if (stream.isTTY === true) {
        stream.write(`\r${line(wait)}\x1b[K`);
        lineShown = true;
        entry.timer = setInterval(() => stream.write(`\r${line(wait)}\x1b[K`), 1000);
        entry.timer.unref();
      } else {
        stream.write(`${line(wait)}\n`);
      }
    }
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      const entry = active.get(key);
      if (entry === undefined || --entry.waiters > 0) return;
      active.delete(key);
      if (entry.timer !== undefined) clearInterval(entry.timer);
      if (lineShown && active.size === 0) {
        stream.write("\r\x1b[K");
        lineShown = false;
      }
    };
  };
}
