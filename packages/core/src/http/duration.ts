/**
 * A length of time as people write it in options: seconds as a number (fractions allowed, the seed
 * tutorial's unit), or a string with a unit: `"250ms"`, `"5s"`, `"2m"`, `"1h"`.
 *
 * @example 1.5
 * @example "500ms"
 */
export type Duration = number | `${number}${"ms" | "s" | "m" | "h"}` | `${number}`;

const unitMs: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/**
 * Milliseconds for a `Duration`, or `undefined` when the value is not one (negative, NaN, a typo).
 * Exported so that stores with duration options (the AWS store's `maxAge`) read them as core does.
 *
 * @example durationToMs("2m") // 120000
 * @example durationToMs(1.5) // 1500
 */
export function durationToMs(value: unknown): number | undefined {
  if (typeof value === "number") {
    return Number.isFinite(value) && value >= 0 ? Math.round(value * 1000) : undefined;
  }
  if (typeof value !== "string") return undefined;
  const match = /^\s*(\d+(?:\.\d+)?|\.\d+)\s*(ms|s|m|h)?\s*$/.exec(value);
  if (match === null) return undefined;
  return Math.round(Number(match[1]) * (unitMs[match[2] ?? "s"] ?? 1000));
}

/**
 * The longest duration any option accepts: 24 days, below the longest timer Node keeps (about 24.8
 * days). A longer wait would fire at once with a `TimeoutOverflowWarning` instead of waiting.
 */
export const maxDurationMs = 24 * 24 * 3_600_000;

/** A short human form for messages: `"850ms"`, `"12s"`, `"14m 58s"`. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.max(0, Math.round(ms))}ms`;
  const totalSeconds = Math.ceil(ms / 1000);
  if (totalSeconds < 60) return `${totalSeconds}s`;
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  const parts = hours > 0 ? [`${hours}h`, `${minutes}m`] : [`${minutes}m`];
  if (seconds > 0 && hours === 0) parts.push(`${seconds}s`);
  return parts.join(" ");
}
