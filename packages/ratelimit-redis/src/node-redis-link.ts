import type { NodeRedisClientLike, RedisLink } from "./redis-link.js";

/** Reconnect every half second, forever: a fleet rejoins its Redis whenever it comes back. */
const reconnectEveryMs = 500;

/**
 * A `RedisLink` over a node-redis client the caller gave (and connected): the caller owns it.
 *
 * @example
 * const link = nodeRedisLink(client);
 */
export function nodeRedisLink(client: NodeRedisClientLike): RedisLink {
  return {
    command: (args) => client.sendCommand([...args]),
    ready: () => Promise.resolve(),
    close: () => Promise.resolve(),
  };
}

interface NodeRedisModule {
  createClient(options: Record<string, unknown>): NodeRedisClientLike & {
    readonly isReady: boolean;
    connect(): Promise<unknown>;
    destroy(): void;
    on(event: "error", listener: (error: unknown) => void): unknown;
  };
}

/**
 * A `RedisLink` over a node-redis client made from `url`, owned by this package. Commands fail at
 * once while it is disconnected (no offline queue), so no request waits on a dead Redis.
 */
export function ownedNodeRedisLink(module: unknown, url: string, connectTimeoutMs: number): RedisLink {
  const client = (module as NodeRedisModule).createClient({
    url,
    disableOfflineQueue: true,
    socket: { connectTimeout: connectTimeoutMs, reconnectStrategy: reconnectEveryMs },
  });
  // The state reports an unreachable Redis itself; without a listener the client would throw.
  client.on("error", () => {});
  // The first connect, shared by every command sent while it is under way (two first-use commands
  // at once must not see each other's connect as a dead Redis).
  let connecting: Promise<void> | undefined;
  let connected = false;
  return {
    command: (args) => client.sendCommand([...args]),
    ready() {
      if (client.isReady) return Promise.resolve();
      if (!connected && connecting !== undefined) return connecting;
      // Once connected, the client reconnects by itself: until it has, fail at once (no request waits).
      if (connected && client.isOpen === true)
        return Promise.reject(new Error("not connected (reconnecting)"));
      connecting = client.connect().then(
        () => {
          connected = true;
        },
        (error: unknown) => {
          connecting = undefined;
          throw error;
        },
      );
      return connecting;
    },
    async close() {
      client.destroy();
    },
  };
}
