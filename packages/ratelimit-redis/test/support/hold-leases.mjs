// Takes COUNT leases of 500 ms on KEY and never settles them: the test kills this process.
import { redisRateLimitState } from "@twauth/ratelimit-redis";

const { REDIS_URL, KEY_PREFIX, KEY, AT, COUNT } = process.env;
const state = redisRateLimitState({ url: REDIS_URL, keyPrefix: KEY_PREFIX, leaseTime: "500ms" });
const tickets = await Promise.all(
  Array.from({ length: Number(COUNT) }, () => state.acquire(KEY, Number(AT))),
);
if (!tickets.every((ticket) => ticket.action === "send"))
  throw new Error(`expected sends: ${JSON.stringify(tickets)}`);
process.stdout.write("holding\n");
setInterval(() => {}, 1000);
