import type { BearerTokenCache } from "./bearer-token-cache.js";

/** An app-only bearer token that is exchanged on first use and shared through a `BearerTokenCache`. */
export interface BearerTokenSource {
  /** The token to send: cached, or exchanged once however many requests ask at the same time. */
  current(): string | Promise<string>;
  /**
   * After X answered 401 to a request sent with `used`: forgets it so the next `current()` exchanges
   * again. False when there is nothing to renew (a bearer token given as is).
   */
  renew(used: string): Promise<boolean>;
  /** The token this source last used, if it has one (for redaction). */
  known(): string | undefined;
  /** Forgets the token everywhere it is cached and returns it (for `POST /oauth2/invalidate_token`). */
  forget(): Promise<string | undefined>;
}

export interface BearerTokenSourceOptions {
  readonly cache: BearerTokenCache;
  /** The cache key: a hash of the consumer key, never the key itself. */
  readonly appKey: string;
  /** Asks X for the app's bearer token (`POST /oauth2/token`). */
  readonly exchange: () => Promise<string>;
}

/**
 * Caches the exchanged token locally (so a request needs no await once it is known) and in the
 * cache (so other connections and, with a shared state, other processes reuse it: X answers 403
 * code 99 to apps that ask too often).
 */
export function createBearerTokenSource(options: BearerTokenSourceOptions): BearerTokenSource {
  const { cache, appKey, exchange } = options;
  let token: string | undefined;
  let pending: Promise<string> | undefined;

  async function load(): Promise<string> {
    const cached = await cache.get(appKey);
    if (cached !== undefined) return cached;
    const fresh = await exchange();
    await cache.set(appKey, fresh);
    return fresh;
  }

  return {
    current() {
      if (token !== undefined) return token;
      pending ??= load().then(
        (loaded) => {
          token = loaded;
          pending = undefined;
          return loaded;
        },
        (error: unknown) => {
          pending = undefined;
          throw error;
        },
      );
      return pending;
    },
    async renew(used) {
      if (token === used) token = undefined;
      await cache.delete(appKey, used);
      return true;
    },
    known: () => token,
    async forget() {
      const known = token ?? (await cache.get(appKey));
      token = undefined;
      if (known !== undefined) await cache.delete(appKey, known);
      return known;
    },
  };
}

/** A bearer token given in the credentials: sent as is, never renewed. */
export function fixedBearerToken(value: string): BearerTokenSource {
  return {
    current: () => value,
    renew: async () => false,
    known: () => value,
    forget: async () => value,
  };
}
