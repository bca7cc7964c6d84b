import type { Micros } from "./money.js";
import type { SpendCharge } from "./request-cost.js";

/** One day's figures: billed (settled) spend, spend reserved by requests in flight, and per kind. */
export interface SpendTotals {
  readonly spentMicros: Micros;
  readonly reservedMicros: Micros;
  /** Billed units (resources or requests) and their cost, by billing kind. */
  readonly byKind: Readonly<Record<string, { readonly units: number; readonly micros: Micros }>>;
}

/** The outcome of a reservation: accepted or not, and the day's figures it was decided on. */
export interface ReserveResult {
  readonly accepted: boolean;
  readonly spentMicros: Micros;
  readonly reservedMicros: Micros;
}

/** A reservation being replaced by what the response was actually billed. */
export interface SettleRequest {
  /** The day and amount the request reserved. */
  readonly reservedDay: string;
  readonly reservedMicros: Micros;
  /** The UTC day the response arrived on: the charge counts there. */
  readonly day: string;
  readonly charge: SpendCharge;
}

/** What a settle added, and the day's billed spend after it. */
export interface SettleResult {
  readonly chargedMicros: Micros;
  readonly spentMicros: Micros;
}

/**
 * Where the estimated spend per UTC day is kept. Each operation is atomic on its own, so one ledger
 * can be shared by concurrent callers (and, implemented over Redis, by workers on many hosts).
 * The memory ledger (`createMemorySpendLedger`) is the default.
 *
 * @example
 * const { accepted } = await ledger.reserve("2026-12-01", 500_000, 1_000_000);
 */
export interface SpendLedger {
  /**
   * Adds `amountMicros` to the day's reservations when `spent + reserved + amount <= ceilingMicros`;
   * otherwise changes nothing. Either way says which, with the figures it compared.
   */
  reserve(day: string, amountMicros: Micros, ceilingMicros: Micros): Promise<ReserveResult>;
  /**
   * In one step: drops the reservation and adds the charge, skipping resource ids already billed
   * on `day` (each resource id counts once per UTC day and kind). Resolves to what was added.
   */
  settle(request: SettleRequest): Promise<SettleResult>;
  /** Drops a reservation that was not billed (the request failed or was never sent). */
  release(day: string, amountMicros: Micros): Promise<void>;
  totals(day: string): Promise<SpendTotals>;
}
