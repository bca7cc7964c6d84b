// One worker of the fleet: its own process, its own connection, the fleet's one budget in Redis.
//
//   REDIS_URL=redis://127.0.0.1:6379 node worker.js 1
//
// It makes REQUESTS requests (default 20) and waits whenever the fleet has spent X's window, so all
// workers together never send more than X allows. TWAUTH_BASE_URL points it at another X API.
import { getApiConnection, isTwauthError } from "@twauth/core";
import { redisBearerTokenCache, redisRateLimitState } from "@twauth/ratelimit-redis";
import { dotenvStore } from "@twauth/store-dotenv";
import { sharedState } from "./shared-state.js";

const name = `worker ${process.argv[2] ?? "1"}`;
const url = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const requests = Number(process.env.REQUESTS ?? "20");
// One key prefix per fleet: several fleets (or apps) can share one Redis.
const rateLimitState = redisRateLimitState({ url, keyPrefix: "worker-fleet:" });
const bearerTokenCache = redisBearerTokenCache({ url, keyPrefix: "worker-fleet:" });

try {
  const api = await getApiConnection({
    store: dotenvStore({ path: ".env" }),
    baseUrl: process.env.TWAUTH_BASE_URL ?? "https://api.x.com",
    waitOnRateLimit: true,
    waitOnRateLimitNotify: false,
    ...sharedState(rateLimitState, bearerTokenCache),
  });
  let username = "";
  for (let index = 0; index < requests; index++) {
    const { data } = await api.get("/2/users/me");
    username = /** @type {{ data: { username: string } }} */ (data).data.username;
  }
  api.close();
  console.log(
    `${name}: ${requests} requests as @${username}, the budget shared in Redis (${rateLimitState.mode})`,
  );
} catch (error) {
  console.error(isTwauthError(error) ? `${name}: ${error.code}: ${error.message}` : error);
  process.exitCode = 1;
} finally {
  await rateLimitState.close();
  await bearerTokenCache.close();
}
