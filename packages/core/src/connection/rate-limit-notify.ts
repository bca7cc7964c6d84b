import type { RateLimitWait } from "./connection-options.js";
import { formatDuration } from "./duration.js";

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
};

function clockTime(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(11, 19);
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
    const limit = wait.limit === undefined ? "" : `, limit ${wait.limit}`;
    const left = formatDuration(Math.max(0, wait.resetAt - now()));
    return `twauth: ${wait.endpoint}: ${reasonText[wait.reason]}${limit}; waiting ${left} (until ${clockTime(wait.resetAt)} UTC)`;
  }

  return (wait) => {
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
