import { execFileSync } from "node:child_process";
import { isTwauthError } from "@twauth/core";
import { describe, expect, it } from "vitest";
import { redisBearerTokenCache, redisRateLimitState } from "../src/index.js";

function optionsError(make: () => unknown): {
  code: string;
  message: string;
  keys: readonly string[] | undefined;
} {
  try {
    make();
  } catch (error) {
    if (isTwauthError(error)) return { code: error.code, message: error.message, keys: error.keys };
    throw error;
  }
  throw new Error("expected OPTIONS_INVALID");
}

describe("the options of redisRateLimitState and redisBearerTokenCache", () => {
  const cases: readonly [string, unknown, string, string][] = [
    [
      "neither client nor url",
      {},
      "client",
      "client: give either client (a node-redis or ioredis client) or url, not both or neither.",
    ],
    [
      "a client that is not a Redis client",
      { client: {} },
      "client",
      "client: expected a node-redis client (createClient) or an ioredis client (new Redis).",
    ],
    [
      "a URL of another scheme",
      { url: "http://127.0.0.1:6379" },
      "url",
      "url: expected redis:// or rediss://, not http://.",
    ],
    [
      "a URL that is not one",
      { url: "localhost 6379" },
      "url",
      "url: is not a URL; expected redis://host:port (or rediss:// for TLS).",
    ],
    [
      "a command timeout of 0",
      { url: "redis://127.0.0.1", commandTimeout: 0 },
      "commandTimeout",
      'commandTimeout: expected a duration from 1ms to 60s, such as "500ms" or 2 (seconds).',
    ],
    [
      "a lease time of two days",
      { url: "redis://127.0.0.1", leaseTime: "48h" },
      "leaseTime",
      'leaseTime: expected a duration from 10ms to 3600s, such as "500ms" or 2 (seconds).',
    ],
    [
      "an unknown onRedisError",
      { url: "redis://127.0.0.1", onRedisError: "retry" },
      "onRedisError",
      'onRedisError: expected "local" or "fail".',
    ],
    [
      "a notify that is not a function",
      { url: "redis://127.0.0.1", notify: "console" },
      "notify",
      "notify: expected a function receiving each notice.",
    ],
    [
      "a key prefix of 300 characters",
      { url: "redis://127.0.0.1", keyPrefix: "x".repeat(300) },
      "keyPrefix",
      "keyPrefix: expected a string of at most 200 characters.",
    ],
  ];
  for (const [what, options, keyName, message] of cases) {
    it(`rejects ${what} with OPTIONS_INVALID naming ${keyName}`, () => {
      expect(optionsError(() => redisRateLimitState(options as never))).toEqual({
        code: "OPTIONS_INVALID",
        message,
        keys: [keyName],
      });
    });
  }

  it("rejects a bad url for the bearer-token cache the same way", () => {
    expect(optionsError(() => redisBearerTokenCache({ url: "https://cache" }))).toEqual({
      code: "OPTIONS_INVALID",
      message: "url: expected redis:// or rediss://, not https://.",
      keys: ["url"],
    });
  });

  it("loads no Redis client when imported, nor when made from a URL, only when first used", () => {
    const script = `
      import { createRequire } from "node:module";
      const require = createRequire(import.meta.url);
      const loaded = () => Object.keys(require.cache).filter((path) => /node_modules\\/(redis|ioredis|@redis)\\//.test(path)).length > 0;
      const { redisRateLimitState } = await import("@twauth/ratelimit-redis");
      const state = redisRateLimitState({ url: "redis://127.0.0.1:1", commandTimeout: "50ms", notify() {} });
      const before = loaded();
      await state.acquire("key", Date.now());
      console.log(JSON.stringify([before, loaded()]));
      await state.close();
    `;
    const output = execFileSync(process.execPath, ["--input-type=module", "-e", script], {
      cwd: new URL("..", import.meta.url),
      encoding: "utf8",
    });
    expect(JSON.parse(output)).toEqual([false, true]);
  });
});
