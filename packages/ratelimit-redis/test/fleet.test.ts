import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RedisRateLimitState, redisRateLimitState } from "../src/index.js";
import { clientNames, connectClient, type TestClient } from "./support/clients.js";
import { key, knownBudget, sendTicket, t0, window } from "./support/rate-limit-contract.js";
import { useRedisServer } from "./support/redis-server.js";

const redis = useRedisServer();

for (const clientName of clientNames) {
  describe(`workers sharing one Redis over ${clientName}`, () => {
    let connected: TestClient;
    const opened: RedisRateLimitState[] = [];
    beforeAll(async () => {
      connected = await connectClient(clientName, redis().url);
    });
    afterAll(async () => {
      for (const state of opened) await state.close();
      await connected?.close();
    });
    /** Two workers' states on one fleet prefix (each its own process-local queue, as in two processes). */
    let keyPrefix = "";
    function fleet(count = 2, options: { leaseTime?: `${number}ms` } = {}) {
      keyPrefix = `${randomUUID()}:`;
      const states = Array.from({ length: count }, () =>
        redisRateLimitState({ client: connected.client, keyPrefix, ...options }),
      );
      opened.push(...states);
      return states as [RedisRateLimitState, RedisRateLimitState, ...RedisRateLimitState[]];
    }
    const command = (args: string[]) =>
      "call" in connected.client
        ? connected.client.call(args[0]!, args.slice(1))
        : connected.client.sendCommand(args);

    it("lets two workers together send only what remains of the window", async () => {
      const [a, b] = fleet();
      await knownBudget(a, 3);
      sendTicket(await a.acquire(key, t0));
      sendTicket(await a.acquire(key, t0));
      sendTicket(await b.acquire(key, t0));
      expect(await b.acquire(key, t0)).toEqual({
        action: "wait",
        until: t0 + 60_000,
        reason: "exhausted",
        limit: 75,
      });
      expect((await a.acquire(key, t0)).action).toBe("wait");
    });

    it("holds every worker after a 429 one of them saw, until the reset", async () => {
      const [a, b] = fleet();
      await knownBudget(a, 10);
      a.settle(key, undefined, {
        answered: true,
        blockedUntil: t0 + 9000,
        blockedReason: "too-many-requests",
      });
      await a.flush();
      expect(await b.acquire(key, t0 + 1)).toEqual({
        action: "wait",
        until: t0 + 9000,
        reason: "too-many-requests",
      });
      expect(await b.acquire(key, t0 + 9000)).toEqual({ action: "send", probe: true });
    });

    it("after the reset lets one worker probe while the others wait for its figures", async () => {
      const [a, b] = fleet();
      await knownBudget(a, 0);
      const afterReset = t0 + 60_001;
      const probe = sendTicket(await a.acquire(key, afterReset));
      expect(probe.probe).toBe(true);
      const queued = await b.acquire(key, afterReset);
      expect(queued.action).toBe("await-probe");
      a.settle(key, probe, { answered: true, figures: window(5, t0 + 120_000) });
      await a.flush();
      // The contract: try again when `settled` resolves (here: B's next poll of Redis).
      if (queued.action === "await-probe") await queued.settled;
      expect(await b.acquire(key, afterReset)).toEqual({ action: "send", probe: false });
    });

    it("counts a silent worker's leases against the next window too, until they expire", async () => {
      const [a, b] = fleet(2, { leaseTime: "500ms" });
      await knownBudget(a, 2, t0 + 100);
      sendTicket(await a.acquire(key, t0));
      sendTicket(await a.acquire(key, t0));
      // A never settles (its worker died). The window resets; B probes the new one.
      const probe = sendTicket(await b.acquire(key, t0 + 100));
      b.settle(key, probe, { answered: true, figures: window(2, t0 + 1100) });
      expect(await b.acquire(key, t0 + 150)).toEqual({
        action: "wait",
        until: t0 + 1100,
        reason: "exhausted",
        limit: 75,
      });
      expect((await b.acquire(key, t0 + 499)).action).toBe("wait");
      expect(await b.acquire(key, t0 + 500)).toEqual({ action: "send", probe: false });
    });

    it("asks Redis once for 8 callers of one process that acquire together", async () => {
      const [a] = fleet(1);
      await knownBudget(a, 20);
      await a.flush();
      const before = a.commandsSent;
      const tickets = await Promise.all(Array.from({ length: 8 }, () => a.acquire(key, t0)));
      expect(tickets.every((ticket) => ticket.action === "send")).toBe(true);
      expect(a.commandsSent - before).toBe(1);
    });

    it("writes a finished request with the next acquire: one command per request in a loop", async () => {
      const [a] = fleet(1);
      await knownBudget(a, 50);
      await a.flush();
      const before = a.commandsSent;
      for (let remaining = 49; remaining > 39; remaining--) {
        const ticket = sendTicket(await a.acquire(key, t0));
        a.settle(key, ticket, { answered: true, figures: window(remaining) });
      }
      expect(a.commandsSent - before).toBe(10);
      await a.flush();
      expect(a.commandsSent - before).toBe(11);
    });

    it("lets a process's callers share a wait instead of each asking Redis", async () => {
      const [a] = fleet(1);
      await knownBudget(a, 0);
      expect((await a.acquire(key, t0)).action).toBe("wait");
      const before = a.commandsSent;
      for (let index = 0; index < 5; index++) expect((await a.acquire(key, t0 + index)).action).toBe("wait");
      expect(a.commandsSent).toBe(before);
    });

    it("expires the window's keys a minute after the reset they hold (PEXPIREAT)", async () => {
      const [a] = fleet(1);
      const reset = t0 + 900_000;
      const probe = sendTicket(await a.acquire(key, t0));
      const appDaily = { limit: 500, remaining: 499, resetAt: t0 + 86_400_000 };
      a.settle(key, probe, { answered: true, figures: { ...window(74, reset), appDaily } });
      sendTicket(await a.acquire(key, t0));
      await a.flush();
      const expiry = async (suffix: string) =>
        Number(await command(["PEXPIRETIME", `${keyPrefix}rl:{${key}}${suffix}`]));
      expect(await expiry("")).toBe(reset + 60_000);
      expect(await expiry(":app24")).toBe(appDaily.resetAt + 60_000);
      expect(await expiry(":leases")).toBe(t0 + 60_000 + 60_000);
    });

    it("loads its script again when Redis forgot it (NOSCRIPT after SCRIPT FLUSH)", async () => {
      const [a] = fleet(1);
      sendTicket(await a.acquire(key, t0));
      await command(["SCRIPT", "FLUSH"]);
      const before = a.commandsSent;
      expect((await a.acquire(key, t0)).action).toBe("await-probe");
      // EVALSHA (NOSCRIPT), SCRIPT LOAD, EVALSHA.
      expect(a.commandsSent - before).toBe(3);
    });
  });
}
