import type { RateLimitInfo, RateLimitWait, RateLimitWindow } from "@twauth/core";

/** `14m 59s`, `2h 5m`, `3s`: how long until something, for people. */
export function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.ceil(ms / 1000));
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m ${seconds % 60}s`;
  return `${Math.floor(minutes / 60)}h ${minutes % 60}m`;
}

function clockTime(epochMs: number): string {
  return `${new Date(epochMs).toISOString().slice(11, 19)} UTC`;
}

function windowText(window: RateLimitWindow, now: number): string {
  return `${window.remaining} of ${window.limit} left, resets in ${formatDuration(window.resetAt - now)} (${clockTime(window.resetAt)})`;
}

/** `GET /2/users/me: 74 of 75 left, resets in 14m 59s (12:34:56 UTC)`, plus any 24-hour caps. */
export function describeRateLimit(endpoint: string, info: RateLimitInfo, now: number): string {
  const daily = [
    info.appDaily === undefined ? undefined : `app 24h: ${windowText(info.appDaily, now)}`,
    info.userDaily === undefined ? undefined : `user 24h: ${windowText(info.userDaily, now)}`,
  ].filter((text) => text !== undefined);
  return `${endpoint}: ${windowText(info, now)}${daily.length > 0 ? `; ${daily.join("; ")}` : ""}`;
}

export interface RateLimitWindowJson {
  limit: number;
  remaining: number;
  /** ISO 8601, from X's `x-rate-limit-reset`. */
  resetAt: string;
}

function windowJson(window: RateLimitWindow): RateLimitWindowJson {
  return {
    limit: window.limit,
    remaining: window.remaining,
    resetAt: new Date(window.resetAt).toISOString(),
  };
}

export function rateLimitJson(
  info: RateLimitInfo,
): RateLimitWindowJson & { appDaily?: RateLimitWindowJson; userDaily?: RateLimitWindowJson } {
  return {
    ...windowJson(info),
    ...(info.appDaily === undefined ? {} : { appDaily: windowJson(info.appDaily) }),
    ...(info.userDaily === undefined ? {} : { userDaily: windowJson(info.userDaily) }),
  };
}

export function rateLimitsJson(
  rateLimits: Readonly<Record<string, RateLimitInfo>>,
): Record<string, ReturnType<typeof rateLimitJson>> {
  return Object.fromEntries(
    Object.entries(rateLimits).map(([endpoint, info]) => [endpoint, rateLimitJson(info)]),
  );
}

/** A table of every endpoint's figures, one row each, sorted by endpoint. */
export function rateLimitTable(rateLimits: Readonly<Record<string, RateLimitInfo>>, now: number): string {
  const header = ["endpoint", "limit", "remaining", "resets in", "resets at"];
  const rows = Object.entries(rateLimits)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([endpoint, info]) => [
      endpoint,
      String(info.limit),
      String(info.remaining),
      formatDuration(info.resetAt - now),
      clockTime(info.resetAt),
    ]);
  if (rows.length === 0) return "No rate-limit figures: the API sent none in this run.";
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => row[column]!.length)),
  );
  const format = (row: readonly string[]) =>
    row
      .map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!)))
      .join("  ")
      .trimEnd();
  return [format(header), ...rows.map(format)].join("\n");
}

const waitReasons: Readonly<Record<RateLimitWait["reason"], string>> = {
  exhausted: "rate limit reached",
  "daily-limit": "24-hour limit reached",
  "too-many-requests": "X answered 429",
  backoff: "X answered 429 without a reset time, backing off",
  retry: "retrying",
};

/**
 * The stderr line for one wait: a retry (`GET /2/users/me: connection refused (ECONNREFUSED) on
 * attempt 1 of 4; retrying in 5s`) or a rate-limit wait (`GET /2/users/me: rate limit reached, limit
 * 75; waiting 14m 58s (until 12:34:56 UTC)`), without the `twauth:` prefix the output adds.
 */
export function describeWait(wait: RateLimitWait, now: number): string {
  if (wait.reason === "retry") {
    const attempt =
      wait.attempt === undefined ? "" : ` on attempt ${wait.attempt} of ${wait.attempts ?? "?"}`;
    const pause = wait.waitMs < 1000 ? `${Math.round(wait.waitMs)}ms` : formatDuration(wait.waitMs);
    return `${wait.endpoint}: ${wait.failure ?? "failed"}${attempt}; retrying in ${pause}`;
  }
  const limit = wait.limit === undefined ? "" : `, limit ${wait.limit}`;
  return `${wait.endpoint}: ${waitReasons[wait.reason]}${limit}; waiting ${formatDuration(wait.resetAt - now)} (until ${clockTime(wait.resetAt)})`;
}
