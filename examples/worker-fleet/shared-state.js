// Hands the fleet's shared state to getApiConnection. Core is splitting its RateLimitState into the
// request budget and a separate BearerTokenCache; a core that has the split takes both as they are,
// an older one wants the bearer-token methods on the state, so this adds them from the cache.
import { createMemoryRateLimitState } from "@twauth/core";

const coreWantsBearerMethods = "getBearerToken" in createMemoryRateLimitState();

/**
 * @param {import("@twauth/ratelimit-redis").RedisRateLimitState} rateLimitState
 * @param {import("@twauth/ratelimit-redis").RedisBearerTokenCache} bearerTokenCache
 * @returns {{ rateLimitState: import("@twauth/core").RateLimitState }}
 */
export function sharedState(rateLimitState, bearerTokenCache) {
  if (!coreWantsBearerMethods) return /** @type {never} */ ({ rateLimitState, bearerTokenCache });
  return {
    rateLimitState: {
      acquire: (key, at) => rateLimitState.acquire(key, at),
      settle: (key, ticket, outcome) => rateLimitState.settle(key, ticket, outcome),
      getBearerToken: (appKey) => bearerTokenCache.get(appKey),
      setBearerToken: (appKey, token) => bearerTokenCache.set(appKey, token),
      deleteBearerToken: (appKey, token) => bearerTokenCache.delete(appKey, token),
    },
  };
}
