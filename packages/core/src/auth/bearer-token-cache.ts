/**
 * Where connections keep the app-only bearer token they exchanged, keyed by a hash of the consumer
 * key (never the key itself). Separate from `RateLimitState`, which holds only the request budget:
 * one process may keep its budget in memory and share its token, or share both through Redis. X
 * answers 403 code 99 to an app that asks for its token too often, so connections share one.
 * Methods may return promises.
 *
 * @example
 * const cache = createMemoryBearerTokenCache();
 * await getApiConnection({ credentials: { consumerKey, consumerSecret }, bearerTokenCache: cache });
 */
export interface BearerTokenCache {
  /** The cached token for the app, if any. */
  get(appKey: string): string | undefined | Promise<string | undefined>;
  set(appKey: string, token: string): void | Promise<void>;
  /** Forgets the cached token, but only if it is still `token` (another caller may have replaced it). */
  delete(appKey: string, token: string): void | Promise<void>;
}

/**
 * A bearer-token cache in this process's memory: the default of every connection.
 *
 * @example
 * const shared = createMemoryBearerTokenCache(); // give it to several connections to share a token
 */
export function createMemoryBearerTokenCache(): BearerTokenCache {
  const tokens = new Map<string, string>();
  return {
    get: (appKey) => tokens.get(appKey),
    set: (appKey, token) => {
      tokens.set(appKey, token);
    },
    delete: (appKey, token) => {
      if (tokens.get(appKey) === token) tokens.delete(appKey);
    },
  };
}
