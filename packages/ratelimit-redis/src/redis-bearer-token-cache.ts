import { type BearerTokenCache, createMemoryBearerTokenCache } from "@twauth/core";
import { connectLink } from "./connect-link.js";
import { createFallback, emitRedisNotice } from "./fallback.js";
import { normalizeConnectionOptions, type RedisConnectionOptions } from "./options.js";
import { isConfigurationError, redisUnavailableError } from "./redis-failure.js";
import { createScriptRunner, luaScript } from "./redis-scripts.js";

/**
 * Options of `redisBearerTokenCache`.
 *
 * @example
 * const options: RedisBearerTokenCacheOptions = { url: "redis://127.0.0.1:6379", keyPrefix: "bots:" };
 */
export type RedisBearerTokenCacheOptions = RedisConnectionOptions;

/**
 * A `BearerTokenCache` shared through Redis, with what the tests and shutdown need.
 *
 * @example
 * const cache: RedisBearerTokenCache = redisBearerTokenCache({ url });
 * await cache.close();
 */
export interface RedisBearerTokenCache extends BearerTokenCache {
  readonly commandsSent: number;
  /** Closes the Redis client if this cache made it from `url`. */
  close(): Promise<void>;
}

/** Deletes the token only if it is still the one the caller used (another worker may have replaced it). */
const deleteIfSameScript = luaScript(
  "bearer-delete",
  "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0",
);

/**
 * The app-only bearer token of a fleet in one Redis key per app (keyed by the hash of the consumer
 * key the connection gives, never the key itself), so a fleet asks X for it once: X answers 403
 * code 99 to an app that asks too often. The token is a secret: keep this Redis private.
 *
 * @example
 * const bearerTokenCache = redisBearerTokenCache({ url: "redis://127.0.0.1:6379" });
 */
export function redisBearerTokenCache(options: RedisBearerTokenCacheOptions): RedisBearerTokenCache {
  const connection = normalizeConnectionOptions(options);
  const link = connectLink(connection);
  const runner = createScriptRunner(link, connection.commandTimeoutMs);
  const fallback = createFallback(
    connection.location,
    connection.password,
    connection.notify ?? emitRedisNotice,
    "bearer-token cache",
  );
  const local = createMemoryBearerTokenCache();
  const keyFor = (appKey: string) => `${connection.keyPrefix}bearer:{${appKey}}`;

  /** Runs one Redis operation, or the local one while Redis is away. */
  async function shared<T>(operation: () => Promise<T>, locally: () => T | Promise<T>): Promise<T> {
    const at = Date.now();
    if (fallback.isLocal(at)) return locally();
    try {
      const result = await operation();
      fallback.succeeded();
      return result;
    } catch (error) {
      if (connection.onRedisError === "fail" || isConfigurationError(error)) {
        throw redisUnavailableError(error, connection, "bearer-token cache");
      }
      fallback.failed(at, error);
      return locally();
    }
  }

  return {
    get: (appKey) =>
      shared(
        async () => {
          const token = await runner.command(["GET", keyFor(appKey)]);
          return typeof token === "string" ? token : undefined;
        },
        () => local.get(appKey),
      ),
    async set(appKey, token) {
      await local.set(appKey, token);
      await shared(
        () => runner.command(["SET", keyFor(appKey), token]),
        () => undefined,
      );
    },
    async delete(appKey, token) {
      await local.delete(appKey, token);
      await shared(
        () => runner.evalScript(deleteIfSameScript, [keyFor(appKey)], [token]),
        () => undefined,
      );
    },
    get commandsSent() {
      return runner.commandsSent;
    },
    close: () => link.close(),
  };
}
