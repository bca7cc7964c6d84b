/**
 * Money as integer micro-dollars (1 USD = 1,000,000), so sums are exact: a limit reached exactly is
 * reached exactly, never missed or passed by a floating-point rounding error.
 */
export type Micros = number;

export const microsPerUsd = 1_000_000;

/** Dollars to micro-dollars, rounded to the nearest micro-dollar. */
export function usdToMicros(usd: number): Micros {
  return Math.round(usd * microsPerUsd);
}

export function microsToUsd(micros: Micros): number {
  return micros / microsPerUsd;
}

/**
 * `$1.50`, `$0.005`, `$0.000125`: at least two decimals, more only when the amount has them.
 *
 * @example formatUsd(5_000) // "$0.005"
 */
export function formatUsd(micros: Micros): string {
  const sign = micros < 0 ? "-" : "";
  const magnitude = Math.abs(micros);
  const whole = Math.floor(magnitude / microsPerUsd);
  const fraction = String(magnitude % microsPerUsd)
    .padStart(6, "0")
    .replace(/0+$/, "")
    .padEnd(2, "0");
  return `${sign}$${whole}.${fraction}`;
}
