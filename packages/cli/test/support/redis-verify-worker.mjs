// A fleet worker for the `twauth limits` tests: a process of its own that makes one verify call to
// the emulator through getApiConnection (the built @twauth/core) with the shared Redis budget, as
// a program of the fleet would, then closes (writing its figures) and prints "done".
import { getApiConnection } from "@twauth/core";
import { redisRateLimitState } from "@twauth/ratelimit-redis";

const { EMULATOR_URL, REDIS_URL, KEY_PREFIX, CREDENTIALS } = process.env;
const state = redisRateLimitState({ url: REDIS_URL, keyPrefix: KEY_PREFIX, commandTimeout: "5s" });
const api = await getApiConnection({
  credentials: JSON.parse(CREDENTIALS),
  baseUrl: EMULATOR_URL,
  rateLimitState: state,
  waitOnRateLimit: true,
});
await api.verifyCredentials();
api.close();
await state.close();
process.stdout.write("done\n");
