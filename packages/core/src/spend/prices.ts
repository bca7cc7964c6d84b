import { TwauthError } from "../errors/twauth-error.js";
import { type BillingKind, defaultPricesUsd } from "./billing-table.js";
import { type Micros, usdToMicros } from "./money.js";

/**
 * Prices to use instead of the documented defaults, in US dollars, by billing kind.
 *
 * @example
 * const prices: PriceOverrides = { Post: 0.004, ContentCreate: 0.02 };
 */
export type PriceOverrides = Readonly<Partial<Record<BillingKind, number>>>;

/** The price of each kind in micro-dollars, every kind present. */
export type PriceTable = Readonly<Record<BillingKind, Micros>>;

/** No single resource or request costs more than this: a larger figure is a typo (cents for dollars). */
const maxPriceUsd = 100;

/**
 * The default table with `overrides` merged over it, in micro-dollars. An unknown kind or a price
 * that is not a number from 0 to 100 dollars is `OPTIONS_INVALID`, naming `<optionName>.<kind>`.
 *
 * @example resolvePrices({ Post: 0.004 }).Post // 4000
 */
export function resolvePrices(overrides: unknown = {}, optionName = "prices"): PriceTable {
  if (typeof overrides !== "object" || overrides === null || Array.isArray(overrides)) {
    throw new TwauthError(
      "OPTIONS_INVALID",
      `${optionName} must be an object of prices in US dollars by kind, e.g. { Post: 0.005 }.`,
      { keys: [optionName] },
    );
  }
  const table = Object.fromEntries(
    Object.entries(defaultPricesUsd).map(([kind, usd]) => [kind, usdToMicros(usd)]),
  ) as Record<BillingKind, Micros>;
  for (const [kind, usd] of Object.entries(overrides)) {
    const key = `${optionName}.${kind}`;
    if (!Object.hasOwn(defaultPricesUsd, kind)) {
      throw new TwauthError(
        "OPTIONS_INVALID",
        `${key} is not a billing kind; the kinds are ${Object.keys(defaultPricesUsd).join(", ")}.`,
        { keys: [key] },
      );
    }
    if (typeof usd !== "number" || !Number.isFinite(usd) || usd < 0 || usd > maxPriceUsd) {
      throw new TwauthError(
        "OPTIONS_INVALID",
        `${key} must be a price in US dollars from 0 to ${maxPriceUsd}, e.g. 0.005.`,
        { keys: [key] },
      );
    }
    table[kind as BillingKind] = usdToMicros(usd);
  }
  return table;
}

/** The rule `getApiConnection` checks `prices` with, beside every other option. */
export function isPriceOverrides(value: unknown): boolean {
  try {
    resolvePrices(value);
    return true;
  } catch {
    return false;
  }
}
