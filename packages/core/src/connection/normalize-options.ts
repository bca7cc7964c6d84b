import type { BearerTokenCache } from "../auth/bearer-token-cache.js";
import { createMemoryBearerTokenCache } from "../auth/bearer-token-cache.js";
import { durationToMs } from "../http/duration.js";
import { abortableSleep } from "../http/sleep.js";
import type { RateLimitWait, WaitNotifier } from "../rate-limit/rate-limit-notify.js";
import { createWaitNotice } from "../rate-limit/rate-limit-notify.js";
import type { RateLimitState } from "../rate-limit/rate-limit-state.js";
import { createMemoryRateLimitState } from "../rate-limit/rate-limit-state.js";
import { connectionSpendGuard } from "../spend/connection-spend-guard.js";
import { DEFAULT_PROFILE } from "../store/secret-store.js";
import type { ApiConnectionOptions, NormalizedConnectionOptions } from "./connection-options.js";
import { connectionDefaults } from "./connection-options.js";

// Connections given one RateLimitState shared its bearer token before the token got a cache of its
// own; the default cache follows the state so they still do. Weak: a dropped state drops its cache.
const cacheOfState = new WeakMap<RateLimitState, BearerTokenCache>();

function defaultBearerTokenCache(state: RateLimitState | undefined): BearerTokenCache {
  if (state === undefined) return createMemoryBearerTokenCache();
  let cache = cacheOfState.get(state);
  if (cache === undefined) {
    cache = createMemoryBearerTokenCache();
    cacheOfState.set(state, cache);
  }
  return cache;
}

function notifierFor(
  notify: ApiConnectionOptions["waitOnRateLimitNotify"],
  now: () => number,
): WaitNotifier | undefined {
  if (notify === false) return undefined;
  if (notify === undefined || notify === true) return createWaitNotice(process.stderr, now);
  // A function may return one of its own, called when the wait ends (to clear a countdown line).
  return (wait: RateLimitWait) => {
    const done = notify(wait);
    return typeof done === "function" ? (done as () => void) : () => {};
  };
}

/** A duration option as milliseconds; the option was validated, so only the default can be missing. */
function ms(value: ApiConnectionOptions["timeout"], fallback: string | number): number {
  return durationToMs(value ?? fallback)!;
}

/**
 * Fills every default into options that passed validation (`normalizeConnectionOptions` checks them
 * first): after this the connection reads each option as it is, with no `??` of its own.
 */
export function fillConnectionDefaults(
  given: ApiConnectionOptions,
  baseUrl: string,
): NormalizedConnectionOptions {
  const d = connectionDefaults;
  const now = given.now ?? Date.now;
  return {
    ...(given.credentials === undefined ? {} : { credentials: given.credentials }),
    ...(given.store === undefined ? {} : { store: given.store }),
    profile: given.profile ?? DEFAULT_PROFILE,
    ...(given.auth === undefined ? {} : { auth: given.auth }),
    baseUrl,
    waitOnRateLimit: given.waitOnRateLimit ?? d.waitOnRateLimit,
    notify: notifierFor(given.waitOnRateLimitNotify, now),
    maxRateLimitWaitMs: ms(given.maxRateLimitWait, d.maxRateLimitWait),
    maxRateLimitWaits: given.maxRateLimitWaits ?? d.maxRateLimitWaits,
    retryCount: given.retryCount ?? d.retryCount,
    retryDelayMs: ms(given.retryDelay, d.retryDelay),
    retryErrors: new Set(given.retryErrors ?? d.retryErrors),
    retryMethods: new Set((given.retryMethods ?? d.retryMethods).map((method) => method.toUpperCase())),
    retryBackoff: given.retryBackoff ?? d.retryBackoff,
    maxRetryDelayMs: ms(given.maxRetryDelay, d.maxRetryDelay),
    timeoutMs: ms(given.timeout, d.timeout),
    connectTimeoutMs: ms(given.connectTimeout, d.connectTimeout),
    maxResponseBytes: given.maxResponseBytes ?? d.maxResponseBytes,
    oauth2RefreshBeforeMs: ms(given.oauth2RefreshBefore, d.oauth2RefreshBefore),
    ...(given.refreshLock === undefined ? {} : { refreshLock: given.refreshLock }),
    ...(given.fetch === undefined ? {} : { fetch: given.fetch }),
    rateLimitState: given.rateLimitState ?? createMemoryRateLimitState(),
    sharedRateLimitState: given.rateLimitState !== undefined,
    bearerTokenCache: given.bearerTokenCache ?? defaultBearerTokenCache(given.rateLimitState),
    userAgent: given.userAgent ?? d.userAgent,
    ...(given.onWarning === undefined ? {} : { onWarning: given.onWarning }),
    spendGuard: connectionSpendGuard(given, now),
    now,
    sleep: given.sleep ?? abortableSleep,
  };
}
