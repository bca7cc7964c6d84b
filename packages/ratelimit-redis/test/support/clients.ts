import { Redis } from "ioredis";
import { createClient } from "redis";
import type { RedisClientLike } from "../../src/index.js";

/** The two supported clients, as a user would make them, each connected to `url`. */
export type ClientName = "node-redis" | "ioredis";
export const clientNames: readonly ClientName[] = ["node-redis", "ioredis"];

export interface TestClient {
  readonly client: RedisClientLike;
  close(): Promise<void>;
}

export async function connectClient(name: ClientName, url: string): Promise<TestClient> {
  if (name === "node-redis") {
    const client = createClient({ url, disableOfflineQueue: true, socket: { reconnectStrategy: 100 } });
    client.on("error", () => {});
    await client.connect();
    return { client, close: async () => client.destroy() };
  }
  const client = new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 0, lazyConnect: true });
  client.on("error", () => {});
  await client.connect();
  return { client, close: async () => client.disconnect() };
}
