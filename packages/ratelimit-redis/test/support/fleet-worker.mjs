// One worker of the fleet tests: a process of its own that makes COUNT requests to the emulator
// through getApiConnection (the built @twauth/core) with the shared Redis state, CONCURRENCY at a
// time, and prints one JSON line: requests answered, errors, Redis commands sent.
import { getApiConnection } from "@twauth/core";
import { redisRateLimitState } from "@twauth/ratelimit-redis";
import { Redis } from "ioredis";
import { createClient } from "redis";
import { sharedStateOptions } from "./connection-state.mjs";

const { EMULATOR_URL, REDIS_URL, CLIENT, COUNT, CONCURRENCY, KEY_PREFIX, CREDENTIALS } = process.env;

async function connectClient() {
  if (CLIENT === "ioredis") {
    const client = new Redis(REDIS_URL, {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      lazyConnect: true,
    });
    client.on("error", () => {});
    await client.connect();
    return { client, close: () => client.disconnect() };
  }
  const client = createClient({ url: REDIS_URL, disableOfflineQueue: true });
  client.on("error", () => {});
  await client.connect();
  return { client, close: () => client.destroy() };
}

const redis = await connectClient();
// A generous command timeout: on a loaded test machine a slow answer must not send a worker local
// (the fallback has tests of its own); this test is about the shared budget.
const state = redisRateLimitState({ client: redis.client, keyPrefix: KEY_PREFIX, commandTimeout: "5s" });
const api = await getApiConnection({
  credentials: JSON.parse(CREDENTIALS),
  baseUrl: EMULATOR_URL,
  waitOnRateLimit: true,
  waitOnRateLimitNotify: false,
  ...sharedStateOptions(state),
});
let next = 0;
let answered = 0;
const errors = [];
await Promise.all(
  Array.from({ length: Number(CONCURRENCY) }, async () => {
    while (next < Number(COUNT)) {
      next++;
      try {
        await api.get("/2/users/me");
        answered++;
      } catch (error) {
        errors.push(`${error.code}: ${error.message}`);
      }
    }
  }),
);
await state.close();
api.close();
redis.close();
console.log(JSON.stringify({ answered, errors, commands: state.commandsSent }));
