import type { Answer, Call } from "../connection/pipeline.js";
import { TwauthError } from "../errors/twauth-error.js";
import type { Duration } from "../http/duration.js";
import { durationToMs, maxDurationMs } from "../http/duration.js";
import type { FetchFunction } from "../http/fetch-transport.js";
import type { Sleep } from "../http/sleep.js";
import { abortableSleep } from "../http/sleep.js";
import { defaultMaxResponseBytes } from "../http/transport.js";
import type { RateLimitWait } from "../rate-limit/rate-limit-notify.js";
import { createWaitNotice } from "../rate-limit/rate-limit-notify.js";

/**
 * How the sign-in flows talk to X: the connection's own http layer (timeout, abort, safe retries).
 *
 * @example
 * await startUserAuthorization({ consumerKey, consumerSecret, timeout: "10s", retryCount: 1 });
 */
export interface UserAuthorizationHttpOptions {
  /** Origin of the X API (the emulator's URL in tests); https, or http on a loopback host only. @default "https://api.x.com" */
  baseUrl?: string;
  /** Send through this `fetch` instead of the built-in `node:http` transport. */
  fetch?: FetchFunction;
  /** Cancels the request and any retry wait; it then rejects with `ABORTED`. */
  signal?: AbortSignal;
  /** Per attempt: a response must be complete within this time. @default 30 */
  timeout?: Duration;
  /**
   * Retries after no answer or a 500, 502, 503 or 504, when it is safe: asking for a request token
   * again always is; sending a PIN again only when the first try provably never left. @default 2
   */
  retryCount?: number;
  /** Pause before each retry. @default 1 */
  retryDelay?: Duration;
  /** Told about each retry (a wait with reason `retry`). `true`: a line on stderr. @default true */
  notify?: boolean | ((wait: RateLimitWait) => void);
  /** How retry pauses happen. For tests. @default an abortable setTimeout */
  sleep?: Sleep;
}

/** One signed token-endpoint request of a sign-in flow. */
export interface UserAuthCall extends Call {
  readonly authorize: (call: Call) => string;
}

function durationOption(value: Duration | undefined, fallback: number, key: string): number {
  if (value === undefined) return fallback;
  const ms = durationToMs(value);
  if (ms === undefined || ms > maxDurationMs) {
    throw new TwauthError(
      "OPTIONS_INVALID",
      `${key} must be a duration up to 24 days: seconds as a number, or a string such as "10s".`,
      { keys: [key] },
    );
  }
  return ms;
}

function retryCountOption(value: number | undefined): number {
  if (value === undefined) return 2;
  if (!Number.isInteger(value) || value < 0 || value > 100) {
    throw new TwauthError("OPTIONS_INVALID", "retryCount must be a whole number from 0 to 100.", {
      keys: ["retryCount"],
    });
  }
  return value;
}

function notifier(notify: UserAuthorizationHttpOptions["notify"]) {
  if (notify === false) return undefined;
  if (notify === undefined || notify === true) return createWaitNotice(process.stderr, Date.now);
  return (wait: RateLimitWait) => {
    notify(wait);
    return () => {};
  };
}

/**
 * Sends one call of a sign-in flow through the http layer (one attempt, retried when safe) and
 * returns X's answer, whatever its status. Checks every option before anything is sent.
 */
export async function sendUserAuthCall(
  call: UserAuthCall,
  baseUrl: string,
  options: UserAuthorizationHttpOptions,
): Promise<Answer> {
  const timeoutMs = durationOption(options.timeout, 30_000, "timeout");
  const retry = {
    retryCount: retryCountOption(options.retryCount),
    retryDelayMs: durationOption(options.retryDelay, 1000, "retryDelay"),
    retryErrors: new Set([500, 502, 503, 504]),
    retryBackoff: false,
    maxRetryDelayMs: 60_000,
    now: Date.now,
    sleep: options.sleep ?? abortableSleep,
    notify: notifier(options.notify),
    baseUrl,
    timeoutMs,
    connectTimeoutMs: 0,
    maxResponseBytes: defaultMaxResponseBytes,
  };
  const { sendThroughHttpLayer } = await import("./user-auth-send.js");
  return sendThroughHttpLayer(call, retry, options.fetch);
}
