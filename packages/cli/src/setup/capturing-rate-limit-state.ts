import type { BearerTokenCache } from "@twauth/core";
import { createMemoryBearerTokenCache } from "@twauth/core";

/** An in-memory bearer-token cache that also tells `twauth token` which token the connection exchanged. */
export interface CapturingBearerTokenCache extends BearerTokenCache {
  /** The last bearer token the connection stored after `POST /oauth2/token`, if any. */
  readonly exchangedBearerToken: string | undefined;
}

export function createCapturingBearerTokenCache(onToken: (token: string) => void): CapturingBearerTokenCache {
  const cache = createMemoryBearerTokenCache();
  let exchanged: string | undefined;
  return {
    get: (appKey) => cache.get(appKey),
    set(appKey, token) {
      exchanged = token;
      onToken(token);
      return cache.set(appKey, token);
    },
    delete: (appKey, token) => cache.delete(appKey, token),
    get exchangedBearerToken() {
      return exchanged;
    },
  };
}
