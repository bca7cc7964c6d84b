// Hands the fleet's shared state to getApiConnection: the request budget and the app's bearer-token
// cache are separate options, so a fleet can share either or both through Redis.

/**
 * @param {import("@twauth/ratelimit-redis").RedisRateLimitState} rateLimitState
 * @param {import("@twauth/ratelimit-redis").RedisBearerTokenCache} bearerTokenCache
 * @returns {{ rateLimitState: import("@twauth/core").RateLimitState, bearerTokenCache: import("@twauth/core").BearerTokenCache }}
 */
export function sharedState(rateLimitState, bearerTokenCache) {
  return { rateLimitState, bearerTokenCache };
}
