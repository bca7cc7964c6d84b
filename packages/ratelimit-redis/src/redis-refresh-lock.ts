import { randomBytes } from "node:crypto";
import { type RefreshLock, TwauthError } from "@twauth/core";
import { connectLink } from "./connect-link.js";
import { createFallback, emitRedisNotice } from "./fallback.js";
import { boundedDuration, normalizeConnectionOptions, type RedisConnectionOptions } from "./options.js";
import { isConfigurationError, redisUnavailableError } from "./redis-failure.js";
import { createScriptRunner, luaScript } from "./redis-scripts.js";

/**
 * Options of `redisRefreshLock`: where Redis is, how long a holder's lease lasts (a worker that
 * dies mid-refresh frees the lock when it ends), and how long a worker waits for another's refresh.
 *
 * @example
 * const options: RedisRefreshLockOptions = { url: "redis://127.0.0.1:6379", lease: "10s", wait: "30s" };
 */
export type RedisRefreshLockOptions = RedisConnectionOptions & {
  /** How long the lock is held at most without being renewed (the holder renews it). @default "10s" */
  readonly lease?: number | string;
  /** How long a worker waits for the lock before it fails with NETWORK_ERROR. @default "30s" */
  readonly wait?: number | string;
};

/** A `RefreshLock` over Redis, with what tests and shutdown need. */
export interface RedisRefreshLock extends RefreshLock {
  readonly commandsSent: number;
  /** Closes the Redis client if this lock made it from `url`. */
  close(): Promise<void>;
}

// Release and renew only while the key still holds our token: a lease that ran out may belong to
// another worker by now.
const releaseScript = luaScript(
  "refresh-lock-release",
  "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0",
);
const renewScript = luaScript(
  "refresh-lock-renew",
  "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end return 0",
);

const pollMs = 50;

/**
 * The OAuth 2.0 refresh lock of a fleet, in one Redis key per grant (`SET NX PX` with a lease the
 * holder renews): across hosts, one worker redeems the refresh token while the others wait, then
 * find the new tokens in the store. While Redis does not answer (`onRedisError: "local"`), a refresh
 * runs under the store's own lock or compare-and-swap only, and that is said once.
 *
 * @example
 * const api = await getApiConnection({ store, auth: "oauth2-user", refreshLock: redisRefreshLock({ url }) });
 */
export function redisRefreshLock(options: RedisRefreshLockOptions): RedisRefreshLock {
  const connection = normalizeConnectionOptions(options);
  const leaseMs = boundedDuration("lease", options.lease, 10_000, [100, 600_000]);
  const waitMs = boundedDuration("wait", options.wait, 30_000, [0, 600_000]);
  const link = connectLink(connection);
  const runner = createScriptRunner(link, connection.commandTimeoutMs);
  const fallback = createFallback(
    connection.location,
    connection.password,
    connection.notify ?? emitRedisNotice,
    "refresh lock",
  );

  async function acquire(key: string, token: string): Promise<boolean> {
    const deadline = Date.now() + waitMs;
    // Bounded by the wait: each round is one SET NX, then a short pause.
    for (let round = 0; round < 1 + waitMs / pollMs; round++) {
      if ((await runner.command(["SET", key, token, "NX", "PX", String(leaseMs)])) === "OK") return true;
      if (Date.now() >= deadline) return false;
      await new Promise((resolve) => setTimeout(resolve, pollMs));
    }
    return false;
  }

  async function run<T>(name: string, task: () => Promise<T>): Promise<T> {
    const key = `${connection.keyPrefix}refresh-lock:{${name}}`;
    const token = randomBytes(16).toString("base64url");
    let held: boolean;
    try {
      held = fallback.isLocal(Date.now()) ? false : await acquire(key, token);
      if (held) fallback.succeeded();
    } catch (error) {
      if (connection.onRedisError === "fail" || isConfigurationError(error))
        throw redisUnavailableError(error, connection, "refresh lock");
      fallback.failed(Date.now(), error);
      return task();
    }
    if (!held && !fallback.isLocal(Date.now())) {
      throw new TwauthError(
        "NETWORK_ERROR",
        `refresh lock: another worker held the OAuth 2.0 refresh lock for more than ${waitMs / 1000}s (Redis at ${connection.location}); a refresh that slow means X or the store is not answering.`,
        { source: connection.location },
      );
    }
    if (!held) return task();
    const renewal = setInterval(() => {
      runner.evalScript(renewScript, [key], [token, String(leaseMs)]).catch(() => undefined);
    }, leaseMs / 3);
    try {
      return await task();
    } finally {
      clearInterval(renewal);
      await runner.evalScript(releaseScript, [key], [token]).catch(() => undefined);
    }
  }

  return {
    run,
    get commandsSent() {
      return runner.commandsSent;
    },
    close: () => link.close(),
  };
}
