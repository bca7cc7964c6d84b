/**
 * `limit` requests per fixed window of `windowMs`, per endpoint and per token. Windows are aligned
 * to multiples of `windowMs` since the epoch on the emulator's clock.
 *
 * @example
 * emulator.setRateLimit("GET /2/tweets/:id", { limit: 3, windowMs: 1000 } satisfies RateLimitRule);
 */
export interface RateLimitRule {
  /** Requests allowed per window. */
  limit: number;
  /** The window's length in milliseconds. */
  windowMs: number;
}

export interface RateLimitDecision {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** When the window ends, epoch seconds (what `x-rate-limit-reset` says). */
  resetSeconds: number;
  headers: Record<string, string>;
}

/**
 * Fixed windows aligned to multiples of windowMs since the epoch on the emulator's clock, so a
 * 1 s window resets exactly at the second `x-rate-limit-reset` names and tests never sleep.
 */
export class RateLimiter {
  readonly #rules = new Map<string, RateLimitRule>();
  readonly #windows = new Map<string, { start: number; count: number }>();

  constructor(rules: Readonly<Record<string, RateLimitRule | null | undefined>>) {
    for (const [route, rule] of Object.entries(rules)) this.setRule(route, rule ?? null);
  }

  setRule(route: string, rule: RateLimitRule | null): void {
    if (rule !== null) validateRule(route, rule);
    for (const key of this.#windows.keys()) if (key.startsWith(`${route}\u0000`)) this.#windows.delete(key);
    if (rule === null) this.#rules.delete(route);
    else this.#rules.set(route, { limit: rule.limit, windowMs: rule.windowMs });
  }

  rule(route: string): RateLimitRule | undefined {
    return this.#rules.get(route);
  }

  rules(): Record<string, RateLimitRule> {
    return Object.fromEntries([...this.#rules].map(([route, rule]) => [route, { ...rule }]));
  }

  /** Counts one request; undefined when the route has no limit. */
  consume(route: string, tokenKey: string, now: number): RateLimitDecision | undefined {
    const rule = this.#rules.get(route);
    if (!rule) return undefined;
    const start = Math.floor(now / rule.windowMs) * rule.windowMs;
    const key = `${route}\u0000${tokenKey}`;
    let window = this.#windows.get(key);
    if (!window || window.start !== start) {
      window = { start, count: 0 };
      this.#windows.set(key, window);
    }
    const allowed = window.count < rule.limit;
    if (allowed) window.count++;
    const remaining = Math.max(0, rule.limit - window.count);
    const resetSeconds = Math.ceil((start + rule.windowMs) / 1000);
    return {
      allowed,
      limit: rule.limit,
      remaining,
      resetSeconds,
      headers: rateLimitHeaders(rule.limit, remaining, resetSeconds),
    };
  }
}

export function rateLimitHeaders(
  limit: number,
  remaining: number,
  resetSeconds: number,
): Record<string, string> {
  return {
    "x-rate-limit-limit": String(limit),
    "x-rate-limit-remaining": String(remaining),
    "x-rate-limit-reset": String(resetSeconds),
  };
}

function validateRule(route: string, rule: RateLimitRule): void {
  if (!Number.isInteger(rule.limit) || rule.limit < 0) {
    throw new RangeError(`rate limit for ${route}: limit must be an integer >= 0`);
  }
  if (!Number.isInteger(rule.windowMs) || rule.windowMs < 1) {
    throw new RangeError(`rate limit for ${route}: windowMs must be an integer >= 1`);
  }
}
