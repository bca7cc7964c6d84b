// How a worker hands the shared state to getApiConnection, whichever core it runs on: core's
// RateLimitState is being split into the budget and a separate BearerTokenCache. Until that lands,
// getApiConnection wants the bearer methods on the state; this adds them from the token cache.
import { createMemoryBearerTokenCache, createMemoryRateLimitState } from "@twauth/core";

const coreWantsBearerMethods = "getBearerToken" in createMemoryRateLimitState();

/**
 * @param {{ acquire: Function, settle: Function }} rateLimitState
 * @param {{ get: Function, set: Function, delete: Function }} [bearerTokenCache]
 */
export function sharedStateOptions(rateLimitState, bearerTokenCache = createMemoryBearerTokenCache()) {
  if (!coreWantsBearerMethods) return { rateLimitState, bearerTokenCache };
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
