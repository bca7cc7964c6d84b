import { type Duration, durationToMs, TwauthError } from "@twauth/core";
import type { RedisClientLike } from "./redis-link.js";

/**
 * Something the Redis-backed state tells a person once: Redis stopped answering (this process now
 * keeps its own budget), or it answers again (the process shares the fleet's budget once more).
 *
 * @example
 * const notify = (notice: RedisStateNotice) => logger.warn(notice.code, notice.message);
 */
export interface RedisStateNotice {
  readonly code: "REDIS_UNREACHABLE" | "REDIS_REJOINED";
  /** What happened, where (the Redis URL without its password) and what it means. */
  readonly message: string;
}

/** Where the state finds Redis: a client you made and connected, or a URL it connects to itself. */
export type RedisTarget =
  | { readonly client: RedisClientLike; readonly url?: undefined }
  | { readonly url: string; readonly client?: undefined };

/**
 * Options shared by `redisRateLimitState` and `redisBearerTokenCache`.
 *
 * @example
 * const options: RedisConnectionOptions = { url: "redis://127.0.0.1:6379", keyPrefix: "bots:" };
 */
export type RedisConnectionOptions = RedisTarget & {
  /** Put before every key this package writes, so several fleets can share one Redis. @default "twauth:" */
  readonly keyPrefix?: string;
  /** How long one Redis command (or connecting) may take before it counts as a failure. @default "500ms" */
  readonly commandTimeout?: Duration;
  /**
   * When Redis does not answer: `"local"` keeps every request going on this process's own state
   * (said once through `notify`) and rejoins the fleet when Redis answers again; `"fail"` makes the
   * request fail with `NETWORK_ERROR`. @default "local"
   */
  readonly onRedisError?: "local" | "fail";
  /** Told once when Redis stops answering and once when it answers again. @default a process warning */
  readonly notify?: (notice: RedisStateNotice) => void;
};

export interface NormalizedConnectionOptions {
  readonly target: RedisTarget;
  readonly keyPrefix: string;
  readonly commandTimeoutMs: number;
  readonly onRedisError: "local" | "fail";
  readonly notify: ((notice: RedisStateNotice) => void) | undefined;
  /** The URL as it may be printed: without a password. */
  readonly location: string;
  /** The URL's password, to keep out of every message and cause. */
  readonly password: string | undefined;
}

const maxPrefixLength = 200;

/** `OPTIONS_INVALID` naming the option, in the words of its key. */
export function invalidOption(key: string, message: string): TwauthError {
  return new TwauthError("OPTIONS_INVALID", `${key}: ${message}`, { keys: [key] });
}

/** A Duration option within [min, max] ms, or its default. */
export function boundedDuration(
  key: string,
  value: unknown,
  fallbackMs: number,
  [minMs, maxMs]: readonly [number, number],
): number {
  if (value === undefined) return fallbackMs;
  const ms = durationToMs(value);
  if (ms === undefined || ms < minMs || ms > maxMs) {
    throw invalidOption(
      key,
      `expected a duration from ${minMs}ms to ${maxMs / 1000}s, such as "500ms" or 2 (seconds).`,
    );
  }
  return ms;
}

function parseRedisUrl(url: unknown): { location: string; password: string | undefined } {
  if (typeof url !== "string" || url.length > 2048)
    throw invalidOption("url", "expected a redis:// or rediss:// URL.");
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw invalidOption("url", "is not a URL; expected redis://host:port (or rediss:// for TLS).");
  }
  if (parsed.protocol !== "redis:" && parsed.protocol !== "rediss:") {
    throw invalidOption("url", `expected redis:// or rediss://, not ${parsed.protocol}//.`);
  }
  const password = parsed.password === "" ? undefined : decodeURIComponent(parsed.password);
  parsed.password = "";
  parsed.username = "";
  return { location: parsed.href, password };
}

function target(options: RedisConnectionOptions): RedisTarget & { location: string; password?: string } {
  const { client, url } = options as { client?: unknown; url?: unknown };
  if ((client === undefined) === (url === undefined)) {
    throw invalidOption(
      "client",
      "give either client (a node-redis or ioredis client) or url, not both or neither.",
    );
  }
  if (client !== undefined) {
    const methods = client as { sendCommand?: unknown; call?: unknown } | null;
    if (typeof methods?.sendCommand !== "function" && typeof methods?.call !== "function") {
      throw invalidOption(
        "client",
        "expected a node-redis client (createClient) or an ioredis client (new Redis).",
      );
    }
    return { client: client as RedisClientLike, location: "the given Redis client" };
  }
  const { location, password } = parseRedisUrl(url);
  return { url: url as string, location, ...(password === undefined ? {} : { password }) };
}

/** Checks the options once and fills every default. */
export function normalizeConnectionOptions(options: RedisConnectionOptions): NormalizedConnectionOptions {
  if (typeof options !== "object" || options === null)
    throw invalidOption("options", "expected { client } or { url }.");
  const { location, password, ...redis } = target(options);
  const keyPrefix = options.keyPrefix ?? "twauth:";
  if (typeof keyPrefix !== "string" || keyPrefix.length > maxPrefixLength) {
    throw invalidOption("keyPrefix", `expected a string of at most ${maxPrefixLength} characters.`);
  }
  const onRedisError = options.onRedisError ?? "local";
  if (onRedisError !== "local" && onRedisError !== "fail") {
    throw invalidOption("onRedisError", 'expected "local" or "fail".');
  }
  if (options.notify !== undefined && typeof options.notify !== "function") {
    throw invalidOption("notify", "expected a function receiving each notice.");
  }
  return {
    target: redis as RedisTarget,
    keyPrefix,
    commandTimeoutMs: boundedDuration("commandTimeout", options.commandTimeout, 500, [1, 60_000]),
    onRedisError,
    notify: options.notify,
    location,
    password,
  };
}
