import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Emulator } from "@twauth/emulator";
import { defaultApp, defaultUser, startEmulator } from "@twauth/emulator";
import { createClient } from "redis";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type RedisServer, startRedisServer } from "../../ratelimit-redis/test/support/redis-server.js";
import { connect } from "../src/connect.js";

let emulator: Emulator;
let redis: RedisServer;
let root: string;
beforeAll(async () => {
  emulator = await startEmulator();
  redis = await startRedisServer();
});
afterAll(async () => {
  await redis.stop();
  await emulator.stop();
});
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "twauth-shared-state-"));
  writeFileSync(join(root, "package.json"), "{}");
  const env = `CONSUMER_KEY=${defaultApp.consumerKey}\nCONSUMER_SECRET=${defaultApp.consumerSecret}\nACCESS_KEY=${defaultUser.accessToken}\nACCESS_SECRET=${defaultUser.accessTokenSecret}\n`;
  writeFileSync(join(root, ".env"), env, { mode: 0o600 });
});
afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

describe("rate_limit_state in a config file", () => {
  it("shares the budget through the Redis it names, under its key prefix, and closes its client with the connection", async () => {
    writeFileSync(
      join(root, "twauth.config.yaml"),
      `store: { type: dotenv }\nbase_url: ${emulator.url}\nwait_on_rate_limit: true\nrate_limit_state:\n  type: redis\n  url: ${redis.url}\n  key_prefix: "cfg:"\n`,
    );
    const api = await connect({ cwd: root, env: {}, onWarning: () => {} });
    await api.get("/2/users/me");
    await api.get("/2/users/me");
    await api[Symbol.asyncDispose]();
    const client = createClient({ url: redis.url });
    await client.connect();
    const keys = await client.keys("cfg:*");
    await client.destroy();
    expect(keys.length).toBeGreaterThan(0);
  });

  it("refuses a url that is not a Redis URL, naming the key as written and its line", async () => {
    writeFileSync(
      join(root, "twauth.config.yaml"),
      "store: { type: dotenv }\nrate_limit_state:\n  type: redis\n  url: http://127.0.0.1:6379\n",
    );
    await expect(connect({ cwd: root, env: {}, onWarning: () => {} })).rejects.toMatchObject({
      code: "CONFIG_INVALID",
      line: 4,
      message: expect.stringContaining("rate_limit_state.url"),
    });
  });

  it("keeps the budget in the process with type: memory", async () => {
    writeFileSync(
      join(root, "twauth.config.yaml"),
      `store: { type: dotenv }\nbase_url: ${emulator.url}\nrate_limit_state: { type: memory }\n`,
    );
    await using api = await connect({ cwd: root, env: {}, onWarning: () => {} });
    expect((await api.get("/2/users/me")).status).toBe(200);
  });
});
