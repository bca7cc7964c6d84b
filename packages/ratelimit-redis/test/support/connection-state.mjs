// How a worker hands the shared state to getApiConnection: the budget and the bearer-token cache
// are separate options (a memory cache when the test shares only the budget).
import { createMemoryBearerTokenCache } from "@twauth/core";

/**
 * @param {{ acquire: Function, settle: Function }} rateLimitState
 * @param {{ get: Function, set: Function, delete: Function }} [bearerTokenCache]
 */
export function sharedStateOptions(rateLimitState, bearerTokenCache = createMemoryBearerTokenCache()) {
  return { rateLimitState, bearerTokenCache };
}
