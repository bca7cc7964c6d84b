import { TwauthError } from "../errors/twauth-error.js";
import { createMemorySpendLedger } from "./memory-spend-ledger.js";
import type { Micros } from "./money.js";
import { usdToMicros } from "./money.js";
import { type PriceOverrides, type PriceTable, resolvePrices } from "./prices.js";
import type { SpendLedger } from "./spend-ledger.js";
import type { SpendNotice } from "./spend-notice.js";

/**
 * `worst-case`: a request is sent only if the most it can cost fits in what is left of today's limit.
 * `observed`: requests are sent while some of the limit is left, priced by what they returned; the
 * one that crosses the limit is the last.
 */
export type SpendLimitMode = "worst-case" | "observed";

/**
 * A daily spend limit in US dollars, per UTC day.
 *
 * @example { daily: 5, mode: "worst-case" }
 */
export interface SpendLimit {
  readonly daily: number;
  /** @default "worst-case" */
  readonly mode?: SpendLimitMode;
}

/**
 * Options of `createSpendGuard`.
 *
 * @example
 * const guard = createSpendGuard({ limit: { daily: 5 }, prices: { Post: 0.004 }, notify: (n) => log.info(n) });
 */
export interface SpendGuardOptions {
  readonly limit: SpendLimit;
  /** Prices in US dollars by kind, merged over the documented defaults. */
  readonly prices?: PriceOverrides;
  /** Where the day's spend is kept. @default createMemorySpendLedger() */
  readonly ledger?: SpendLedger;
  /** Epoch milliseconds; decides the UTC day. @default Date.now */
  readonly now?: () => number;
  /** Called when 50%, 80% and 100% of the limit are reached, once each per UTC day. */
  readonly notify?: (notice: SpendNotice) => void;
  /**
   * How messages name the limit and the prices, in the words of where they were set.
   * @default { limit: "spendLimit.daily", prices: "prices" }
   */
  readonly names?: { readonly limit?: string; readonly prices?: string };
}

/** The options with every default filled, checked once. */
export interface NormalizedSpendGuardOptions {
  readonly limitMicros: Micros;
  readonly mode: SpendLimitMode;
  readonly prices: PriceTable;
  readonly ledger: SpendLedger;
  readonly now: () => number;
  readonly notify: ((notice: SpendNotice) => void) | undefined;
  readonly limitName: string;
}

/** No one means a daily limit above this; a larger figure is a typo (micro-dollars for dollars). */
export const maxDailyLimitUsd = 100_000;

const limitKeys = new Set(["daily", "mode"]);
const ledgerMethods = ["reserve", "settle", "release", "totals"] as const;

function invalid(key: string, message: string): TwauthError {
  return new TwauthError("OPTIONS_INVALID", `${key} ${message}`, { keys: [key] });
}

function checkLimit(limit: unknown, limitName: string): { limitMicros: Micros; mode: SpendLimitMode } {
  const parent = limitName.replace(/\.daily$/, "");
  if (typeof limit !== "object" || limit === null || Array.isArray(limit)) {
    throw invalid(parent, "must be an object such as { daily: 5 } (US dollars per UTC day).");
  }
  for (const key of Object.keys(limit)) {
    if (!limitKeys.has(key)) throw invalid(`${parent}.${key}`, "is not an option; use daily and mode.");
  }
  const { daily, mode = "worst-case" } = limit as { daily?: unknown; mode?: unknown };
  if (typeof daily !== "number" || !Number.isFinite(daily) || daily <= 0 || daily > maxDailyLimitUsd) {
    throw invalid(
      limitName,
      `must be a number of US dollars above 0 and at most ${maxDailyLimitUsd}, e.g. 5.`,
    );
  }
  const limitMicros = usdToMicros(daily);
  if (limitMicros < 1) throw invalid(limitName, "must be at least $0.000001.");
  if (mode !== "worst-case" && mode !== "observed") {
    throw invalid(`${parent}.mode`, 'must be "worst-case" or "observed".');
  }
  return { limitMicros, mode };
}

/** The rule `getApiConnection` checks `spendLimit` with, beside every other option. */
export function isSpendLimit(value: unknown): boolean {
  try {
    checkLimit(value, "spendLimit.daily");
    return true;
  } catch {
    return false;
  }
}

function checkFunction<T>(value: unknown, key: string): T | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "function") throw invalid(key, "must be a function.");
  return value as T;
}

/** Checks `createSpendGuard`'s options and fills the defaults; every problem is `OPTIONS_INVALID`. */
export function normalizeSpendGuardOptions(options: SpendGuardOptions): NormalizedSpendGuardOptions {
  if (typeof options !== "object" || options === null) {
    throw invalid("options", "must be an object with limit: { daily }.");
  }
  const limitName = options.names?.limit ?? "spendLimit.daily";
  const { limitMicros, mode } = checkLimit(options.limit, limitName);
  const ledger = options.ledger ?? createMemorySpendLedger();
  for (const method of ledgerMethods) {
    if (typeof (ledger as unknown as Record<string, unknown>)[method] !== "function") {
      throw invalid("ledger", `must be a SpendLedger (its ${method} is not a function).`);
    }
  }
  return {
    limitMicros,
    mode,
    prices: resolvePrices(options.prices ?? {}, options.names?.prices ?? "prices"),
    ledger,
    now: checkFunction<() => number>(options.now, "now") ?? Date.now,
    notify: checkFunction<(notice: SpendNotice) => void>(options.notify, "notify"),
    limitName,
  };
}
