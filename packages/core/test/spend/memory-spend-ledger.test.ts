import { describe, expect, it } from "vitest";
import { createMemorySpendLedger } from "../../src/spend/memory-spend-ledger.js";

const day = "2026-12-01";
const posts = (...ids: string[]) => ({ kind: "Post", unitMicros: 5_000, resourceIds: ids }) as const;

describe("the memory spend ledger", () => {
  it("accepts a reservation up to the ceiling exactly and refuses one past it", async () => {
    const ledger = createMemorySpendLedger();
    expect(await ledger.reserve(day, 600, 1_000)).toEqual({
      accepted: true,
      spentMicros: 0,
      reservedMicros: 0,
    });
    expect(await ledger.reserve(day, 400, 1_000)).toEqual({
      accepted: true,
      spentMicros: 0,
      reservedMicros: 600,
    });
    expect(await ledger.reserve(day, 1, 1_000)).toEqual({
      accepted: false,
      spentMicros: 0,
      reservedMicros: 1_000,
    });
    expect((await ledger.totals(day)).reservedMicros).toBe(1_000);
  });

  it("counts each resource id once per day and kind", async () => {
    const ledger = createMemorySpendLedger();
    const settle = (ids: string[]) =>
      ledger.settle({ reservedDay: day, reservedMicros: 0, day, charge: posts(...ids) });
    expect(await settle(["1", "2"])).toEqual({ chargedMicros: 10_000, spentMicros: 10_000 });
    expect(await settle(["2", "3"])).toEqual({ chargedMicros: 5_000, spentMicros: 15_000 });
    await ledger.settle({
      reservedDay: day,
      reservedMicros: 0,
      day,
      charge: { kind: "User", unitMicros: 10_000, resourceIds: ["1"] },
    });
    expect(await ledger.totals(day)).toEqual({
      spentMicros: 25_000,
      reservedMicros: 0,
      byKind: { Post: { units: 3, micros: 15_000 }, User: { units: 1, micros: 10_000 } },
    });
  });

  it("bills a resource again on a new UTC day", async () => {
    const ledger = createMemorySpendLedger();
    await ledger.settle({ reservedDay: day, reservedMicros: 0, day, charge: posts("1") });
    const next = await ledger.settle({
      reservedDay: day,
      reservedMicros: 0,
      day: "2026-12-02",
      charge: posts("1"),
    });
    expect(next).toEqual({ chargedMicros: 5_000, spentMicros: 5_000 });
  });

  it("replaces the reservation with the charge in one step, and releases what was not billed", async () => {
    const ledger = createMemorySpendLedger();
    await ledger.reserve(day, 50_000, 100_000);
    await ledger.reserve(day, 50_000, 100_000);
    await ledger.settle({ reservedDay: day, reservedMicros: 50_000, day, charge: posts("1") });
    await ledger.release(day, 50_000);
    expect(await ledger.totals(day)).toMatchObject({ spentMicros: 5_000, reservedMicros: 0 });
  });

  it("bills requests per request, without ids", async () => {
    const ledger = createMemorySpendLedger();
    const charge = { kind: "ContentCreate", unitMicros: 15_000, requests: 1 } as const;
    await ledger.settle({ reservedDay: day, reservedMicros: 0, day, charge });
    await ledger.settle({ reservedDay: day, reservedMicros: 0, day, charge });
    expect((await ledger.totals(day)).byKind).toEqual({ ContentCreate: { units: 2, micros: 30_000 } });
  });

  it("keeps charging past its memory of ids instead of growing without bound", async () => {
    const ledger = createMemorySpendLedger({ maxResourcesPerDay: 1 });
    await ledger.settle({ reservedDay: day, reservedMicros: 0, day, charge: posts("1", "2") });
    const again = await ledger.settle({ reservedDay: day, reservedMicros: 0, day, charge: posts("1", "2") });
    expect(again.chargedMicros).toBe(5_000);
  });

  it("forgets days older than yesterday", async () => {
    const ledger = createMemorySpendLedger();
    for (const d of ["2026-12-01", "2026-12-02", "2026-12-03"]) {
      await ledger.settle({ reservedDay: d, reservedMicros: 0, day: d, charge: posts("1") });
    }
    expect((await ledger.totals("2026-12-01")).spentMicros).toBe(0);
    expect((await ledger.totals("2026-12-02")).spentMicros).toBe(5_000);
  });

  it("refuses a memory bound that is not a whole number", () => {
    expect(() => createMemorySpendLedger({ maxResourcesPerDay: 1.5 })).toThrow(
      "maxResourcesPerDay must be a whole number from 0 to 100000000.",
    );
  });
});
