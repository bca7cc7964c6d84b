/**
 * One worker of the redis-fleet bench, in its own process (forked): connects to the emulator with
 * the budget shared through Redis (`STATE=redis`) or its own memory (`STATE=memory`), says ready,
 * starts at the epoch ms the parent sends, makes COUNT requests CONCURRENCY at a time, and sends back
 * when it finished, what failed, and the Redis commands it sent.
 */
import { createMemoryRateLimitState, getApiConnection, type RateLimitState } from "@twauth/core";
import { defaultApp, defaultUser } from "@twauth/emulator";
import { redisRateLimitState } from "@twauth/ratelimit-redis";

const { EMULATOR_URL, REDIS_URL, STATE, COUNT, CONCURRENCY, KEY_PREFIX } = process.env;
const shared =
  STATE === "redis" ? redisRateLimitState({ url: REDIS_URL ?? "", keyPrefix: KEY_PREFIX ?? "" }) : undefined;
const rateLimitState: RateLimitState = shared ?? createMemoryRateLimitState();

const api = await getApiConnection({
  credentials: {
    consumerKey: defaultApp.consumerKey,
    consumerSecret: defaultApp.consumerSecret,
    accessToken: defaultUser.accessToken,
    accessTokenSecret: defaultUser.accessTokenSecret,
  },
  baseUrl: EMULATOR_URL ?? "",
  waitOnRateLimit: true,
  waitOnRateLimitNotify: false,
  rateLimitState,
});
// Connect to Redis before the clock starts: the bench times the fleet, not its start-up.
await shared?.flush();
await shared?.acquire("bench warm-up", Date.now());

const startAt = await new Promise<number>((resolve) => {
  process.once("message", (message) => resolve(Number(message)));
  process.send?.("ready");
});
await new Promise((resolve) => setTimeout(resolve, Math.max(0, startAt - Date.now())));
let next = 0;
let errors = 0;
await Promise.all(
  Array.from({ length: Number(CONCURRENCY) }, async () => {
    while (next < Number(COUNT)) {
      next++;
      await api.get("/2/users/me").catch(() => errors++);
    }
  }),
);
const finishedAt = Date.now();
await shared?.close();
api.close();
process.send?.({ finishedAt, errors, commands: shared?.commandsSent ?? 0 });
process.disconnect();
