import type { SpendLedger } from "@twauth/core";
import { expect } from "vitest";

/** Makes a fresh, empty ledger; `maxResourcesPerDay` as `createMemorySpendLedger` takes it. */
export type LedgerMaker = (options?: { maxResourcesPerDay?: number }) => SpendLedger;

// Today on the host's clock: the Redis ledger keeps a day's keys until the end of the next day, so
// the cases use days that are not long past.
const today = new Date().toISOString().slice(0, 10);
const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
const posts = (...ids: string[]) => ({ kind: "Post", unitMicros: 5_000, resourceIds: ids }) as const;

/**
 * The behaviour every `SpendLedger` keeps, as data: the cases of core's memory ledger tests (those
 * that are not about its memory bound by days), run against the memory ledger (the reference) and
 * the Redis ledger on each client.
 */
export const spendLedgerContract: readonly { name: string; run: (make: LedgerMaker) => Promise<void> }[] = [
  {
    name: "accepts a reservation up to the ceiling exactly and refuses one past it",
    async run(make) {
      const ledger = make();
      expect(await ledger.reserve(today, 600, 1_000)).toEqual({
        accepted: true,
        spentMicros: 0,
        reservedMicros: 0,
      });
      expect(await ledger.reserve(today, 400, 1_000)).toEqual({
        accepted: true,
        spentMicros: 0,
        reservedMicros: 600,
      });
      expect(await ledger.reserve(today, 1, 1_000)).toEqual({
        accepted: false,
        spentMicros: 0,
        reservedMicros: 1_000,
      });
      expect((await ledger.totals(today)).reservedMicros).toBe(1_000);
    },
  },
  {
    name: "counts each resource id once per day and kind",
    async run(make) {
      const ledger = make();
      const settle = (ids: string[]) =>
        ledger.settle({ reservedDay: today, reservedMicros: 0, day: today, charge: posts(...ids) });
      expect(await settle(["1", "2"])).toEqual({ chargedMicros: 10_000, spentMicros: 10_000 });
      expect(await settle(["2", "3"])).toEqual({ chargedMicros: 5_000, spentMicros: 15_000 });
      await ledger.settle({
        reservedDay: today,
        reservedMicros: 0,
        day: today,
        charge: { kind: "User", unitMicros: 10_000, resourceIds: ["1"] },
      });
      expect(await ledger.totals(today)).toEqual({
        spentMicros: 25_000,
        reservedMicros: 0,
        byKind: { Post: { units: 3, micros: 15_000 }, User: { units: 1, micros: 10_000 } },
      });
    },
  },
  {
    name: "bills a resource again on a new UTC day",
    async run(make) {
      const ledger = make();
      await ledger.settle({ reservedDay: today, reservedMicros: 0, day: today, charge: posts("1") });
      const next = await ledger.settle({
        reservedDay: today,
        reservedMicros: 0,
        day: tomorrow,
        charge: posts("1"),
      });
      expect(next).toEqual({ chargedMicros: 5_000, spentMicros: 5_000 });
    },
  },
  {
    name: "replaces the reservation with the charge in one step, and releases what was not billed",
    async run(make) {
      const ledger = make();
      await ledger.reserve(today, 50_000, 100_000);
      await ledger.reserve(today, 50_000, 100_000);
      await ledger.settle({ reservedDay: today, reservedMicros: 50_000, day: today, charge: posts("1") });
      await ledger.release(today, 50_000);
      expect(await ledger.totals(today)).toMatchObject({ spentMicros: 5_000, reservedMicros: 0 });
    },
  },
  {
    name: "releases a reservation made before midnight when it settles on the next day",
    async run(make) {
      const ledger = make();
      await ledger.reserve(today, 50_000, 100_000);
      await ledger.settle({ reservedDay: today, reservedMicros: 50_000, day: tomorrow, charge: posts("1") });
      expect(await ledger.totals(today)).toMatchObject({ spentMicros: 0, reservedMicros: 0 });
      expect(await ledger.totals(tomorrow)).toMatchObject({ spentMicros: 5_000, reservedMicros: 0 });
    },
  },
  {
    name: "bills requests per request, without ids",
    async run(make) {
      const ledger = make();
      const charge = { kind: "ContentCreate", unitMicros: 15_000, requests: 1 } as const;
      await ledger.settle({ reservedDay: today, reservedMicros: 0, day: today, charge });
      await ledger.settle({ reservedDay: today, reservedMicros: 0, day: today, charge });
      expect((await ledger.totals(today)).byKind).toEqual({ ContentCreate: { units: 2, micros: 30_000 } });
    },
  },
  {
    name: "keeps charging past its memory of ids instead of growing without bound",
    async run(make) {
      const ledger = make({ maxResourcesPerDay: 1 });
      await ledger.settle({ reservedDay: today, reservedMicros: 0, day: today, charge: posts("1", "2") });
      const again = await ledger.settle({
        reservedDay: today,
        reservedMicros: 0,
        day: today,
        charge: posts("1", "2"),
      });
      expect(again.chargedMicros).toBe(5_000);
    },
  },
  {
    name: "reports an unknown day as empty and ignores releasing on it",
    async run(make) {
      const ledger = make();
      await ledger.release(today, 5_000);
      expect(await ledger.totals(today)).toEqual({ spentMicros: 0, reservedMicros: 0, byKind: {} });
    },
  },
];
