import { randomUUID } from "node:crypto";
import { createMemorySpendLedger } from "@twauth/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type RedisClientLike,
  type RedisSpendLedger,
  type RedisStateNotice,
  redisSpendLedger,
} from "../src/index.js";
import { clientNames, connectClient, type TestClient } from "./support/clients.js";
import { useRedisServer } from "./support/redis-server.js";
import { spendLedgerContract } from "./support/spend-ledger-contract.js";

const redis = useRedisServer();

/** A command the package does not send, on either client (for checking what the scripts left). */
function rawCommand(client: RedisClientLike, args: string[]): Promise<unknown> {
  if ("call" in client) return client.call(args[0]!, args.slice(1));
  return client.sendCommand(args);
}
const today = new Date().toISOString().slice(0, 10);

describe("the spend-ledger contract on the memory ledger (the reference)", () => {
  for (const { name, run } of spendLedgerContract)
    it(name, () => run((options) => createMemorySpendLedger(options)));
});

for (const clientName of clientNames) {
  describe(`redisSpendLedger over ${clientName}`, () => {
    let connected: TestClient;
    let other: TestClient;
    const ledgers: RedisSpendLedger[] = [];
    beforeAll(async () => {
      connected = await connectClient(clientName, redis().url);
      other = await connectClient(clientName, redis().url);
    });
    afterAll(async () => {
      for (const ledger of ledgers) await ledger.close();
      await connected?.close();
      await other?.close();
    });
    const make = (client: TestClient, keyPrefix: string, maxResourcesPerDay?: number) => {
      const ledger = redisSpendLedger({
        client: client.client,
        keyPrefix,
        ...(maxResourcesPerDay === undefined ? {} : { maxResourcesPerDay }),
      });
      ledgers.push(ledger);
      return ledger;
    };

    for (const { name, run } of spendLedgerContract) {
      // A prefix per case: every case starts from an empty ledger, as with a fresh memory ledger.
      it(name, () => run((options) => make(connected, `${randomUUID()}:`, options?.maxResourcesPerDay)));
    }

    it("accepts exactly ceiling / amount of 40 reservations racing on two connections", async () => {
      const keyPrefix = `${randomUUID()}:`;
      const [a, b] = [make(connected, keyPrefix), make(other, keyPrefix)];
      const results = await Promise.all(
        Array.from({ length: 40 }, (_, n) => (n % 2 === 0 ? a : b).reserve(today, 100, 1_000)),
      );
      expect(results.filter((result) => result.accepted)).toHaveLength(10);
      expect(await b.totals(today)).toMatchObject({ reservedMicros: 1_000 });
    });

    it("bills a resource once fleet-wide when two workers settle it together", async () => {
      const keyPrefix = `${randomUUID()}:`;
      const [a, b] = [make(connected, keyPrefix), make(other, keyPrefix)];
      const charge = { kind: "Post", unitMicros: 5_000, resourceIds: ["42"] } as const;
      const settled = await Promise.all(
        [a, b].map((ledger) => ledger.settle({ reservedDay: today, reservedMicros: 0, day: today, charge })),
      );
      expect(settled.map((result) => result.chargedMicros).sort()).toEqual([0, 5_000]);
    });

    it("keeps a day's keys until the end of the next UTC day, with one script call per operation", async () => {
      const keyPrefix = `${randomUUID()}:`;
      const ledger = make(connected, keyPrefix);
      await ledger.reserve(today, 100, 1_000);
      await ledger.settle({
        reservedDay: today,
        reservedMicros: 100,
        day: today,
        charge: { kind: "Post", unitMicros: 5_000, resourceIds: ["1"] },
      });
      // Two script loads (first use of each script) and two EVALSHA.
      expect(ledger.commandsSent).toBe(4);
      const dayEnd = Date.parse(`${today}T00:00:00Z`) + 2 * 86_400_000;
      for (const key of [`${keyPrefix}spend:{${today}}`, `${keyPrefix}spend:{${today}}:billed`]) {
        const expiresAt = Number(await rawCommand(connected.client, ["PEXPIRETIME", key]));
        expect(expiresAt).toBeGreaterThanOrEqual(dayEnd);
        expect(expiresAt).toBeLessThanOrEqual(dayEnd + 3_600_000);
      }
    });

    it("fails with NETWORK_ERROR naming Redis by default when Redis does not answer, instead of counting alone", async () => {
      const ledger = redisSpendLedger({ url: "redis://127.0.0.1:1", commandTimeout: "200ms" });
      ledgers.push(ledger);
      await expect(ledger.reserve(today, 100, 1_000)).rejects.toMatchObject({
        code: "NETWORK_ERROR",
        message: expect.stringContaining("spend ledger: Redis at redis://127.0.0.1:1 did not answer"),
      });
    });

    it("counts on this process's own ledger with onRedisError: local, and says so once", async () => {
      const notices: RedisStateNotice[] = [];
      const ledger = redisSpendLedger({
        url: "redis://127.0.0.1:1",
        commandTimeout: "200ms",
        onRedisError: "local",
        notify: (notice) => notices.push(notice),
      });
      ledgers.push(ledger);
      expect(await ledger.reserve(today, 600, 1_000)).toMatchObject({ accepted: true });
      expect(await ledger.reserve(today, 600, 1_000)).toMatchObject({ accepted: false, reservedMicros: 600 });
      expect(notices.map((notice) => notice.code)).toEqual(["REDIS_UNREACHABLE"]);
      expect(notices[0]?.message).toContain("this process keeps its own spend ledger");
    });

    it("refuses a day that is not YYYY-MM-DD and amounts that are not whole micros, naming them", async () => {
      const ledger = make(connected, `${randomUUID()}:`);
      await expect(ledger.reserve("12/01/2026", 100, 1_000)).rejects.toMatchObject({
        code: "OPTIONS_INVALID",
        message: 'day: expected a UTC day as YYYY-MM-DD, not "12/01/2026".',
      });
      await expect(ledger.reserve(today, 0.5, 1_000)).rejects.toMatchObject({
        code: "OPTIONS_INVALID",
        message: "amountMicros: expected a whole number of micros, 0 or more.",
      });
    });
  });
}
