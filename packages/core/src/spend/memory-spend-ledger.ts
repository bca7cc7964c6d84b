import { TwauthError } from "../errors/twauth-error.js";
import type { Micros } from "./money.js";
import type { ReserveResult, SettleRequest, SettleResult, SpendLedger, SpendTotals } from "./spend-ledger.js";

interface DayState {
  spentMicros: Micros;
  reservedMicros: Micros;
  byKind: Record<string, { units: number; micros: Micros }>;
  billed: Set<string>;
}

/** Options of `createMemorySpendLedger`. */
export interface MemorySpendLedgerOptions {
  /**
   * Resource ids remembered per day. Past it, a repeated resource is charged again: the estimate
   * errs high rather than memory growing without bound. @default 1000000
   */
  maxResourcesPerDay?: number;
}

/** Days kept: today and yesterday (a request reserved before midnight settles after it). */
const daysKept = 2;

/**
 * The spend ledger of one process, in memory. Every operation runs to completion before another
 * starts (no await inside), so concurrent reservations cannot pass the ceiling together.
 *
 * @example
 * const guard = createSpendGuard({ limit: { daily: 5 }, ledger: createMemorySpendLedger() });
 */
export function createMemorySpendLedger(options: MemorySpendLedgerOptions = {}): SpendLedger {
  const maxResources = options.maxResourcesPerDay ?? 1_000_000;
  if (!Number.isSafeInteger(maxResources) || maxResources < 0 || maxResources > 100_000_000) {
    throw new TwauthError(
      "OPTIONS_INVALID",
      "maxResourcesPerDay must be a whole number from 0 to 100000000.",
      { keys: ["maxResourcesPerDay"] },
    );
  }
  const days = new Map<string, DayState>();

  function state(day: string): DayState {
    let found = days.get(day);
    if (found === undefined) {
      found = { spentMicros: 0, reservedMicros: 0, byKind: {}, billed: new Set() };
      days.set(day, found);
      // ISO days sort as strings: forget the oldest beyond the days kept.
      for (const old of [...days.keys()].sort().slice(0, -daysKept)) days.delete(old);
    }
    return found;
  }

  function release(day: string, amountMicros: Micros): void {
    const found = days.get(day);
    if (found !== undefined) found.reservedMicros = Math.max(0, found.reservedMicros - amountMicros);
  }

  function charge({ day, charge }: SettleRequest): Micros {
    const target = state(day);
    let units: number;
    if ("requests" in charge) {
      units = charge.requests;
    } else {
      units = 0;
      for (const id of charge.resourceIds) {
        const key = `${charge.kind}:${id}`;
        if (target.billed.has(key)) continue;
        if (target.billed.size < maxResources) target.billed.add(key);
        units++;
      }
    }
    const micros = units * charge.unitMicros;
    target.spentMicros += micros;
    const before = target.byKind[charge.kind] ?? { units: 0, micros: 0 };
    target.byKind[charge.kind] = { units: before.units + units, micros: before.micros + micros };
    return micros;
  }

  return {
    async reserve(day, amountMicros, ceilingMicros): Promise<ReserveResult> {
      const target = state(day);
      const accepted = target.spentMicros + target.reservedMicros + amountMicros <= ceilingMicros;
      const result = { accepted, spentMicros: target.spentMicros, reservedMicros: target.reservedMicros };
      if (accepted) target.reservedMicros += amountMicros;
      return result;
    },
    async settle(request): Promise<SettleResult> {
      release(request.reservedDay, request.reservedMicros);
      const chargedMicros = charge(request);
      return { chargedMicros, spentMicros: state(request.day).spentMicros };
    },
    async release(day, amountMicros) {
      release(day, amountMicros);
    },
    async totals(day): Promise<SpendTotals> {
      const found = days.get(day);
      if (found === undefined) return { spentMicros: 0, reservedMicros: 0, byKind: {} };
      const byKind = Object.fromEntries(
        Object.entries(found.byKind).map(([kind, entry]) => [kind, { ...entry }]),
      );
      return { spentMicros: found.spentMicros, reservedMicros: found.reservedMicros, byKind };
    },
  };
}
