/**
 * A lock that holds across processes and hosts, for OAuth 2.0 refresh-token rotation in a fleet:
 * while one worker refreshes, the others wait, then find its tokens in the store instead of spending
 * the same single-use refresh token. A file store's lock already covers one host; a Redis lock
 * (`redisRefreshLock` from `@twauth/ratelimit-redis`) covers many.
 *
 * @example
 * const api = await getApiConnection({ store, auth: "oauth2-user", refreshLock: redisRefreshLock({ url }) });
 */
export interface RefreshLock {
  /** Runs `task` while holding the lock named `key` (never a secret: a hash of the store and profile). */
  run<T>(key: string, task: () => Promise<T>): Promise<T>;
}
