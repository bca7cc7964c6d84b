/**
 * The one seam between this package and a Redis client: send a command, get its raw reply. Each
 * supported client (node-redis, ioredis) has one small adapter onto it, so the scripts, the
 * batching and the fallback are written once.
 */
export interface RedisLink {
  /** Sends one command (`["EVALSHA", sha, ...]`) and resolves with the raw reply. */
  command(args: readonly string[]): Promise<unknown>;
  /**
   * Loads the client package when the link makes its own client: local work, so it is not bounded
   * by the Redis timeout (a cold import of node-redis can take longer than a command may).
   */
  load?(): Promise<void>;
  /** Resolves when the client can take commands (it connects lazily on first use). */
  ready(): Promise<void>;
  /** Closes the client when this package created it; leaves a client the caller gave alone. */
  close(): Promise<void>;
}

/**
 * A node-redis client (`createClient()` from `redis` 6): all this package calls is `sendCommand`.
 *
 * @example
 * const client: NodeRedisClientLike = createClient({ url: "redis://127.0.0.1:6379" });
 */
export interface NodeRedisClientLike {
  sendCommand(args: string[]): Promise<unknown>;
  readonly isOpen?: boolean;
}

/**
 * An ioredis client (`new Redis()` from `ioredis` 6): all this package calls is `call`.
 *
 * @example
 * const client: IoRedisClientLike = new Redis("redis://127.0.0.1:6379");
 */
export interface IoRedisClientLike {
  call(command: string, args: string[]): Promise<unknown>;
}

/** Either supported client, connected (node-redis: `await client.connect()`) by its owner. */
export type RedisClientLike = NodeRedisClientLike | IoRedisClientLike;

/** Tells the two clients apart by the one method each adapter uses. */
export function isIoRedisClient(client: RedisClientLike): client is IoRedisClientLike {
  return typeof (client as Partial<IoRedisClientLike>).call === "function";
}
