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

/**
 * Response headers as twauth hands them around: lower-case names.
 *
 * @example
 * { "content-type": "application/json; charset=utf-8", "x-rate-limit-remaining": "74" }
 */
export type ResponseHeaders = Readonly<Record<string, string>>;

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
  const limit = headers[names[0]];
  const remaining = headers[names[1]];
  const reset = headers[names[2]];
  if (limit === undefined || remaining === undefined || reset === undefined) return undefined;
  const figures = { limit: Number(limit), remaining: Number(remaining), resetAt: Number(reset) * 1000 };
  if (!Number.isFinite(figures.limit) || !Number.isFinite(figures.remaining)) return undefined;
  return Number.isFinite(figures.resetAt) && figures.resetAt > 0 ? figures : undefined;
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

/**
 * `Retry-After` in milliseconds from `now`: delta seconds or an HTTP date. `undefined` when absent
 * or malformed, so the caller falls back to its own backoff.
 */
export function parseRetryAfter(value: string | undefined, now: number): number | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
