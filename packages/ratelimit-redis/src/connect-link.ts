import { TwauthError } from "@twauth/core";
import { ioRedisLink, ownedIoRedisLink } from "./ioredis-link.js";
import { nodeRedisLink, ownedNodeRedisLink } from "./node-redis-link.js";
import type { NormalizedConnectionOptions } from "./options.js";
import { isIoRedisClient, type RedisLink } from "./redis-link.js";

type ClientPackage = "redis" | "ioredis";

/** Imports a client package on first use; `undefined` when it is not installed. */
async function importClient(name: ClientPackage): Promise<unknown> {
  try {
    return await import(name);
  } catch (error) {
    if ((error as { code?: unknown }).code === "ERR_MODULE_NOT_FOUND") return undefined;
    throw error;
  }
}

/**
 * The link for a URL, made on first use with the client package the user has: node-redis first
 * (the one Redis recommends), then ioredis. Importing this package loads neither.
 */
function urlLink(url: string, connectTimeoutMs: number): RedisLink {
  let made: Promise<RedisLink> | undefined;
  const link = () => {
    made ??= (async () => {
      const nodeRedis = await importClient("redis");
      if (nodeRedis !== undefined) return ownedNodeRedisLink(nodeRedis, url, connectTimeoutMs);
      const ioredis = await importClient("ioredis");
      if (ioredis !== undefined) return ownedIoRedisLink(ioredis, url, connectTimeoutMs);
      throw new TwauthError(
        "DEPENDENCY_MISSING",
        "url: connecting to Redis needs a Redis client package; install one: npm install redis (or npm install ioredis).",
        { keys: ["url"] },
      );
    })();
    return made;
  };
  return {
    load: async () => {
      await link();
    },
    command: async (args) => (await link()).command(args),
    ready: async () => (await link()).ready(),
    async close() {
      if (made !== undefined) await (await made.catch(() => undefined))?.close();
    },
  };
}

/** The `RedisLink` for the options: an adapter over the given client, or one made from the URL. */
export function connectLink(options: NormalizedConnectionOptions): RedisLink {
  const { target } = options;
  if (target.client === undefined) return urlLink(target.url, options.commandTimeoutMs);
  return isIoRedisClient(target.client) ? ioRedisLink(target.client) : nodeRedisLink(target.client);
}
