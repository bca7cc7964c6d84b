import type { ResponseHeaders } from "../http/transport.js";

/**
 * One rate-limit window as X reports it.
 *
 * @example
 * { limit: 17, remaining: 0, resetAt: 1735776000000 }
 */
export interface RateLimitWindow {
  /** Requests allowed in the window. */
  readonly limit: number;
  /** Requests left in the window when the response was sent. */
  readonly remaining: number;
  /** When the window resets, epoch milliseconds (X sends epoch seconds). */
  readonly resetAt: number;
}

/**
 * The rate-limit figures of one response: the endpoint's window (`x-rate-limit-*`, usually 15
 * minutes) and, when X sends them, the 24-hour caps per app (`x-app-limit-24hour-*`) and per user
 * (`x-user-limit-24hour-*`).
 *
 * @example
 * { limit: 100, remaining: 99, resetAt: 1735732800000, appDaily: { limit: 17, remaining: 0, resetAt: 1735776000000 } }
 */
export interface RateLimitInfo extends RateLimitWindow {
  readonly appDaily?: RateLimitWindow;
  readonly userDaily?: RateLimitWindow;
}

// The header names, spelled out once: building them per response cost more than reading them.
const endpointNames = ["x-rate-limit-limit", "x-rate-limit-remaining", "x-rate-limit-reset"] as const;
const appDailyNames = [
  "x-app-limit-24hour-limit",
  "x-app-limit-24hour-remaining",
  "x-app-limit-24hour-reset",
] as const;
const userDailyNames = [
  "x-user-limit-24hour-limit",
  "x-user-limit-24hour-remaining",
  "x-user-limit-24hour-reset",
] as const;

function window(
  headers: ResponseHeaders,
  names: readonly [string, string, string],
): RateLimitWindow | undefined {
  const limit = count(headers[names[0]]);
  const remaining = count(headers[names[1]]);
  const reset = count(headers[names[2]]);
  if (limit === undefined || remaining === undefined || reset === undefined || reset === 0) return undefined;
  return { limit, remaining, resetAt: reset * 1000 };
}

// A whole number of at most 12 digits (epoch seconds have 10): no sign, no fraction, no list.
const countPattern = /^\s*(\d{1,12})\s*$/;

/** A header holding one non-negative whole number; anything else (`-5`, `5, 6`, empty) is absent. */
function count(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const match = countPattern.exec(value);
  return match === null ? undefined : Number(match[1]);
}

/**
 * The figures in a response's headers. A malformed header counts as absent: a wrong number here
 * could make a caller wait for hours.
 */
export function parseRateLimitHeaders(headers: ResponseHeaders): RateLimitInfo | undefined {
  const endpoint = window(headers, endpointNames);
  const appDaily = window(headers, appDailyNames);
  const userDaily = window(headers, userDailyNames);
  if (endpoint === undefined) {
    // A daily cap alone still tells when to come back; report it as the endpoint's figures.
    const daily = appDaily ?? userDaily;
    if (daily === undefined) return undefined;
    return { ...daily, ...(appDaily === undefined ? {} : { appDaily }), ...(userDaily ? { userDaily } : {}) };
  }
  if (appDaily === undefined && userDaily === undefined) return endpoint;
  return {
    ...endpoint,
    ...(appDaily === undefined ? {} : { appDaily }),
    ...(userDaily ? { userDaily } : {}),
  };
}

// Delta seconds: digits only (RFC 9110 §10.2.3), at most 10 of them.
const deltaSeconds = /^\s*(\d{1,10})\s*$/;
// An HTTP date starts with a day name (IMF-fixdate, RFC 850 and asctime forms all do).
const httpDate = /^\s*(Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*,? [\w :-]+$/;

/**
 * `Retry-After` in milliseconds from `now`: delta seconds or an HTTP date. `undefined` when absent
 * or malformed (`-5`, `5, 6`, empty), so the caller falls back to its own backoff.
 */
export function parseRetryAfter(value: string | undefined, now: number): number | undefined {
  if (value === undefined) return undefined;
  const seconds = deltaSeconds.exec(value);
  if (seconds !== null) return Number(seconds[1]) * 1000;
  if (!httpDate.test(value)) return undefined;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
