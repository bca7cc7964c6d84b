import type { BearerTokenCache } from "@twauth/core";
import { createMemoryBearerTokenCache } from "@twauth/core";
import type { Redactor } from "../output/redactor.js";

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

/**
 * The bearer-token cache every command's connection uses: a bearer token the connection exchanges is
 * known to the redactor before any response can echo it.
 *
 * @example
 * const api = await openConnection(context, setup, { auth, bearerTokenCache: redactingBearerTokenCache(context.redactor) });
 */
export function redactingBearerTokenCache(redactor: Redactor): CapturingBearerTokenCache {
  return createCapturingBearerTokenCache((token) => redactor.add([token]));
}
