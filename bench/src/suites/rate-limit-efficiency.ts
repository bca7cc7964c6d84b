/**
 * Rate-limit efficiency: the emulator allows 20 requests per 1 s window on GET /2/users/me (real
 * time, windows aligned to the clock), and 8 concurrent callers make 200 requests. The floor is 9
 * full windows (the first 20 go at once, the last 20 at the start of the tenth window). Printed per
 * contender: wall time over that floor, 429s the emulator sent (its stats), and errors surfaced.
 * Target for twauth (waitOnRateLimit): ratio <= 1.05, zero 429s, zero errors.
 *
 * twitter-api-v2 runs beside it with its documented handling: @twitter-api-v2/plugin-rate-limit
 * remembers each endpoint's figures, a caller waits until `reset` when the plugin says the limit is
 * hit, and a 429 (`ApiResponseError.rateLimitError`) waits until its `rateLimit.reset` and retries.
 */
import { Agent } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import { getApiConnection } from "@twauth/core";
import { defaultApp, defaultUser, startEmulator } from "@twauth/emulator";
import { TwitterApiRateLimitPlugin } from "@twitter-api-v2/plugin-rate-limit";
import { ApiResponseError, TwitterApi } from "twitter-api-v2";
import type { BenchSuite } from "../suite.js";

const route = "GET /2/users/me";
const limit = 20;
const windowMs = 1000;
const total = 200;
const callers = 8;
const floorMs = (Math.ceil(total / limit) - 1) * windowMs;
const targets = { ratio: 1.05 };

interface Run {
  elapsedMs: number;
  tooManyRequests: number;
  errors: number;
  served: number;
}

/** Starts a fresh emulator, lines the start up with a window boundary, and runs 8 callers. */
async function run(
  makeCaller: (url: string) => Promise<{ call: () => Promise<unknown>; close: () => void }>,
): Promise<Run> {
  const emulator = await startEmulator({ rateLimits: { [route]: { limit, windowMs } } });
  const { call, close } = await makeCaller(emulator.url);
  let issued = 0;
  let errors = 0;
  try {
    await sleep(windowMs - (Date.now() % windowMs) + 5);
    const started = performance.now();
    await Promise.all(
      Array.from({ length: callers }, async () => {
        while (issued < total) {
          issued++;
          await call().catch(() => errors++);
        }
      }),
    );
    return {
      elapsedMs: performance.now() - started,
      tooManyRequests: emulator.stats.count({ route, status: 429 }),
      errors,
      served: emulator.stats.count({ route, status: 200 }),
    };
  } finally {
    close();
    await emulator.stop();
  }
}

const credentials = {
  consumerKey: defaultApp.consumerKey,
  consumerSecret: defaultApp.consumerSecret,
  accessToken: defaultUser.accessToken,
  accessTokenSecret: defaultUser.accessTokenSecret,
};

async function twauthCaller(url: string) {
  const api = await getApiConnection({
    credentials,
    baseUrl: url,
    waitOnRateLimit: true,
    waitOnRateLimitNotify: false,
  });
  return { call: () => api.get("/2/users/me"), close: () => api.close() };
}

async function twitterApiV2Caller(url: string) {
  const plugin = new TwitterApiRateLimitPlugin();
  // twitter-api-v2 speaks https unless given an agent; its documented httpAgent setting takes one.
  const agent = new Agent({ keepAlive: true });
  const client = new TwitterApi(
    {
      appKey: credentials.consumerKey,
      appSecret: credentials.consumerSecret,
      accessToken: credentials.accessToken,
      accessSecret: credentials.accessTokenSecret,
    },
    { plugins: [plugin], httpAgent: agent },
  );
  const prefix = `${url}/2/`;
  const untilReset = (reset: number) => sleep(Math.max(0, reset * 1000 - Date.now()));
  const call = async () => {
    // Bounded like any of our loops: a caller gives up after 20 waits.
    for (let attempt = 0; attempt < 20; attempt++) {
      const known = await plugin.getRateLimit(`${prefix}users/me`, "GET");
      if (known && plugin.hasHitRateLimit(known)) await untilReset(known.reset);
      try {
        return await client.v2.get("users/me", undefined, { prefix });
      } catch (error) {
        if (error instanceof ApiResponseError && error.rateLimitError && error.rateLimit) {
          await untilReset(error.rateLimit.reset);
          continue;
        }
        throw error;
      }
    }
    throw new Error("still rate limited after 20 waits");
  };
  return { call, close: () => agent.destroy() };
}

function describe(name: string, result: Run): string {
  return `${name}: ${total} requests (${result.served} served) in ${(result.elapsedMs / 1000).toFixed(2)} s = ${(result.elapsedMs / floorMs).toFixed(3)}x the minimum (${floorMs / 1000} s), ${result.tooManyRequests} x 429 sent by the emulator, ${result.errors} errors`;
}

export const suite: BenchSuite = {
  name: "rate-limit-efficiency",
  async run() {
    const ours = await run(twauthCaller);
    const theirs = await run(twitterApiV2Caller);
    const ratio = ours.elapsedMs / floorMs;
    const met = ratio <= targets.ratio && ours.tooManyRequests === 0 && ours.errors === 0;
    return [
      `L=${limit} per ${windowMs / 1000} s window on ${route}, ${total} requests from ${callers} concurrent callers`,
      describe("twauth (waitOnRateLimit)", ours),
      describe("twitter-api-v2 + plugin-rate-limit (documented wait on reset and on 429)", theirs),
      `twauth target: ratio <= ${targets.ratio}, zero 429s, zero errors: ${met ? "met" : "NOT met"}`,
    ];
  },
};
