import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Emulator } from "@twauth/emulator";
import { defaultApp, defaultUser, startEmulator } from "@twauth/emulator";
import { createClient } from "redis";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type RedisServer, startRedisServer } from "../../ratelimit-redis/test/support/redis-server.js";
import { connect } from "../src/connect.js";
import { createSharedState } from "../src/shared-state.js";

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
  root = mkdtempSync(join(tmpdir(), "twauth-spend-ledger-"));
  writeFileSync(join(root, "package.json"), "{}");
  const env = `CONSUMER_KEY=${defaultApp.consumerKey}\nCONSUMER_SECRET=${defaultApp.consumerSecret}\nACCESS_KEY=${defaultUser.accessToken}\nACCESS_SECRET=${defaultUser.accessTokenSecret}\n`;
  writeFileSync(join(root, ".env"), env, { mode: 0o600 });
});
afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

function writeConfig(prefix: string, spendLimit: string): void {
  writeFileSync(
    join(root, "twauth.config.yaml"),
    `store: { type: dotenv }\nbase_url: ${emulator.url}\n${spendLimit}rate_limit_state:\n  type: redis\n  url: ${redis.url}\n  key_prefix: "${prefix}"\n`,
  );
}

/** Runs one command on a client of its own, closed after. */
async function onRedis(args: string[]): Promise<unknown> {
  const client = createClient({ url: redis.url });
  await client.connect();
  try {
    return await client.sendCommand(args);
  } finally {
    await client.destroy();
  }
}

const redisKeys = async (pattern: string) => (await onRedis(["KEYS", pattern])) as string[];
/** The clients connected to the server, this one not counted. */
const otherClients = async () =>
  String(await onRedis(["CLIENT", "LIST"]))
    .trim()
    .split("\n").length - 1;

describe("the spend ledger of a Redis rate_limit_state", () => {
  it("is one ledger for every connection of the config: a second process sees what the first spent", async () => {
    writeConfig("fleet:", "spend_limit: { daily: 5 }\n");
    const before = emulator.billing.billedMicros();
    const first = await connect({ cwd: root, env: {}, onWarning: () => {} });
    await first.post("/2/tweets", { json: { text: "billed once" } });
    await first[Symbol.asyncDispose]();
    const billed = emulator.billing.billedMicros() - before;
    expect(billed).toBeGreaterThan(0);

    await using second = await connect({ cwd: root, env: {}, onWarning: () => {} });
    const today = await second.spend();
    expect(today?.estimatedUsd).toBe(billed / 1_000_000);
    expect(await redisKeys("fleet:spend:*")).toEqual([`fleet:spend:{${today?.day}}`]);
  });

  it("is not made without a spend_limit: nothing is counted, so nothing is kept", async () => {
    writeConfig("nolimit:", "");
    await using api = await connect({ cwd: root, env: {}, onWarning: () => {} });
    await api.post("/2/tweets", { json: { text: "not counted" } });
    expect(await api.spend()).toBeUndefined();
    expect(await redisKeys("nolimit:spend:*")).toEqual([]);
  });

  it("is given to the connection only when asked for, and closed with the rest of the state", async () => {
    const target = { type: "redis", url: redis.url, keyPrefix: "own:" } as const;
    const without = await createSharedState(target, undefined);
    expect(without.options.spendLedger).toBeUndefined();
    await without.close();
    const before = await otherClients();
    const shared = await createSharedState(target, undefined, emulator.url, { spendLimit: true });
    expect((await shared.options.spendLedger!.totals("2026-12-01")).spentMicros).toBe(0);
    expect(await otherClients()).toBe(before + 1);
    await shared.close();
    expect(await otherClients()).toBe(before);
  });
});
