import type { IoRedisClientLike, RedisLink } from "./redis-link.js";

const reconnectEveryMs = 500;

/**
 * A `RedisLink` over an ioredis client the caller gave: the caller owns it.
 *
 * @example
 * const link = ioRedisLink(new Redis(url));
 */
export function ioRedisLink(client: IoRedisClientLike): RedisLink {
  return {
    command: ([name, ...args]) => client.call(name ?? "PING", args),
    ready: () => Promise.resolve(),
    close: () => Promise.resolve(),
  };
}

interface IoRedisModule {
  Redis: new (
    url: string,
    options: Record<string, unknown>,
  ) => IoRedisClientLike & {
    readonly status: string;
    connect(): Promise<unknown>;
    disconnect(): void;
    on(event: "error", listener: (error: unknown) => void): unknown;
  };
}

/**
 * A `RedisLink` over an ioredis client made from `url`, owned by this package. No offline queue
 * and no per-command retries: a command fails at once while Redis is away.
 */
export function ownedIoRedisLink(module: unknown, url: string, connectTimeoutMs: number): RedisLink {
  const client = new (module as IoRedisModule).Redis(url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    connectTimeout: connectTimeoutMs,
    retryStrategy: () => reconnectEveryMs,
  });
  client.on("error", () => {});
  return {
    command: ([name, ...args]) => client.call(name ?? "PING", args),
    ready() {
      if (client.status === "ready") return Promise.resolve();
      if (client.status === "wait") return client.connect().then(() => undefined);
      // Reconnecting on its own: until it has, fail at once (no request waits).
      return Promise.reject(new Error(`not connected (${client.status})`));
    },
    async close() {
      client.disconnect();
    },
  };
}
