import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { createServer, type Server, type Socket } from "node:net";
import { fileURLToPath } from "node:url";
import { inspect } from "node:util";
import { getApiConnection, isTwauthError } from "@twauth/core";
import { startEmulator } from "@twauth/emulator";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type RedisRateLimitState, type RedisStateNotice, redisRateLimitState } from "../src/index.js";
import { clientNames, connectClient } from "./support/clients.js";
import { sharedStateOptions } from "./support/connection-state.mjs";
import { key, knownBudget, sendTicket, t0 } from "./support/rate-limit-contract.js";
import { useRedisServer } from "./support/redis-server.js";
import { fleetCredentials } from "./support/worker-fleet.js";

const redis = useRedisServer();
// Every test here may kill the server: the next one starts from a running, empty Redis.
afterEach(async () => {
  await redis().restart();
});

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Asks until the state is back on Redis, moving its clock past each retry (bounded: 40 tries). */
async function untilShared(state: RedisRateLimitState, from: number): Promise<number> {
  let at = from;
  for (let attempt = 0; attempt < 40 && state.mode !== "shared"; attempt++) {
    at += 1000;
    await state.acquire(`rejoin ${attempt}`, at);
    if ((state.mode as string) !== "shared") await pause(100);
  }
  return at;
}

for (const clientName of clientNames) {
  describe(`when Redis goes away and comes back (${clientName})`, () => {
    it("keeps answering from this process's own budget, says so once, and rejoins when Redis is back", async () => {
      const connected = await connectClient(clientName, redis().url);
      const notices: RedisStateNotice[] = [];
      const state = redisRateLimitState({
        client: connected.client,
        keyPrefix: `${randomUUID()}:`,
        notify: (notice) => notices.push(notice),
      });
      try {
        await knownBudget(state, 5);
        await state.flush();
        await redis().kill();
        // The local state knew the window: it goes on counting it down, without a probe.
        expect(await state.acquire(key, t0)).toEqual({ action: "send", probe: false });
        const sent = state.commandsSent;
        for (let index = 0; index < 4; index++) sendTicket(await state.acquire(key, t0 + 1));
        expect((await state.acquire(key, t0 + 2)).action).toBe("wait");
        expect(state.commandsSent).toBe(sent);
        expect(state.mode).toBe("local");
        expect(notices).toEqual([
          {
            code: "REDIS_UNREACHABLE",
            message: expect.stringContaining(
              "this process keeps its own rate-limit budget until Redis answers again",
            ),
          },
        ]);
        await redis().restart();
        await untilShared(state, t0);
        expect(state.mode).toBe("shared");
        expect(notices.map((notice) => notice.code)).toEqual(["REDIS_UNREACHABLE", "REDIS_REJOINED"]);
      } finally {
        await state.close();
        await connected.close();
      }
    });
  });
}

describe("a Redis that does not answer", () => {
  let silent: Server;
  const sockets: Socket[] = [];
  beforeAll(async () => {
    silent = createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
  });
  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => silent.close(resolve));
  });
  const silentUrl = () => `redis://127.0.0.1:${(silent.address() as { port: number }).port}`;

  it("costs a request no more than commandTimeout before it goes on locally", async () => {
    const notices: RedisStateNotice[] = [];
    const state = redisRateLimitState({
      url: silentUrl(),
      commandTimeout: "50ms",
      notify: (n) => notices.push(n),
    });
    try {
      expect(await state.acquire(key, t0)).toEqual({ action: "send", probe: true });
      expect(notices).toHaveLength(1);
      expect(notices[0]?.message).toBe(
        `Redis at ${silentUrl()} did not answer (connecting to Redis got no answer within 50ms): this process keeps its own rate-limit budget until Redis answers again, so the fleet may overrun what it shares.`,
      );
    } finally {
      await state.close();
    }
  });

  it('fails the request with NETWORK_ERROR under onRedisError: "fail", without the URL\'s password', async () => {
    const port = (silent.address() as { port: number }).port;
    const state = redisRateLimitState({
      url: `redis://:hunter2-s3cret@127.0.0.1:${port}`,
      commandTimeout: "50ms",
      onRedisError: "fail",
    });
    try {
      const error = await Promise.resolve(state.acquire(key, t0)).catch((caught: unknown) => caught);
      expect(isTwauthError(error, "NETWORK_ERROR")).toBe(true);
      expect((error as Error).message).toBe(
        `${key}: Redis at redis://127.0.0.1:${port} did not answer (connecting to Redis got no answer within 50ms); check that it runs and is reachable, or set onRedisError: "local" to keep going on this process's own state.`,
      );
      for (const shown of [(error as Error).message, JSON.stringify(error), inspect(error, { depth: 5 })]) {
        expect(shown).not.toContain("hunter2");
      }
    } finally {
      await state.close();
    }
  });
});

describe("a worker killed while it holds leases", () => {
  it("holds the fleet's budget only until its leases expire", async () => {
    const keyPrefix = `${randomUUID()}:`;
    const connected = await connectClient("node-redis", redis().url);
    const state = redisRateLimitState({ client: connected.client, keyPrefix });
    try {
      await knownBudget(state, 3, t0 + 100);
      await state.flush();
      // A real process takes the whole window's budget (3 leases of 500 ms) and is killed.
      const holder = spawn(
        process.execPath,
        [fileURLToPath(new URL("./support/hold-leases.mjs", import.meta.url))],
        {
          env: {
            ...process.env,
            REDIS_URL: redis().url,
            KEY_PREFIX: keyPrefix,
            KEY: key,
            AT: String(t0),
            COUNT: "3",
          },
          stdio: ["ignore", "pipe", "inherit"],
        },
      );
      await new Promise<void>((resolve) => holder.stdout.once("data", () => resolve()));
      holder.kill("SIGKILL");
      expect(await state.acquire(key, t0 + 1)).toMatchObject({ action: "wait", reason: "exhausted" });
      // The window resets: the probe goes, but the dead worker's leases still count until they expire.
      const probe = sendTicket(await state.acquire(key, t0 + 100));
      state.settle(key, probe, { answered: true, figures: { limit: 3, remaining: 2, resetAt: t0 + 1100 } });
      expect((await state.acquire(key, t0 + 200)).action).toBe("wait");
      expect(await state.acquire(key, t0 + 500)).toEqual({ action: "send", probe: false });
    } finally {
      await state.close();
      await connected.close();
    }
  });
});

describe("connections on a Redis that is killed mid-run", () => {
  it("answer every request (none lost, none twice) on local state, then rejoin the fleet", {
    timeout: 60_000,
  }, async () => {
    const route = "GET /2/users/me";
    const emulator = await startEmulator({ rateLimits: { [route]: { limit: 1000, windowMs: 60_000 } } });
    let skew = 0;
    const now = () => Date.now() + skew;
    const keyPrefix = `${randomUUID()}:`;
    const workers = await Promise.all(
      [0, 1, 2].map(async () => {
        // A killed Redis refuses at once; the long timeout only keeps a loaded machine from looking like one.
        const state = redisRateLimitState({
          url: redis().url,
          keyPrefix,
          commandTimeout: "5s",
          notify: () => {},
        });
        const api = await getApiConnection({
          credentials: fleetCredentials,
          baseUrl: emulator.url,
          waitOnRateLimit: true,
          waitOnRateLimitNotify: false,
          now,
          ...sharedStateOptions(state),
        });
        return { state, api };
      }),
    );
    try {
      let answered = 0;
      const errors: unknown[] = [];
      const run = (count: number) =>
        Promise.all(
          workers.map(async ({ api }) => {
            for (let index = 0; index < count; index++) {
              await api.get("/2/users/me").then(
                () => answered++,
                (error) => errors.push(error),
              );
            }
          }),
        );
      await run(10);
      expect(workers.every(({ state }) => state.mode === "shared")).toBe(true);
      await redis().kill();
      await run(10);
      expect(workers.every(({ state }) => state.mode === "local")).toBe(true);
      await redis().restart();
      for (let attempt = 0; attempt < 40 && workers.some(({ state }) => state.mode !== "shared"); attempt++) {
        skew += 1000;
        await pause(100);
        await run(1);
      }
      expect(workers.map(({ state }) => state.mode)).toEqual(["shared", "shared", "shared"]);
      expect(errors).toEqual([]);
      expect(emulator.stats.count({ route })).toBe(answered);
      expect(emulator.stats.count({ route, status: 200 })).toBe(answered);
    } finally {
      for (const { state, api } of workers) {
        api.close();
        await state.close();
      }
      await emulator.stop();
    }
  });
});
