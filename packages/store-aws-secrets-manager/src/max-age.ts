const unitMs: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/**
 * Milliseconds for a core `Duration` (seconds as a number, or `"500ms"`, `"30s"`, `"5m"`, `"1h"`),
 * or undefined when the value is not one (negative, NaN, a typo). Core keeps its parser internal,
 * so this small copy stays local.
 */
export function durationMs(value: unknown): number | undefined {
  if (typeof value === "number") return Number.isFinite(value) && value >= 0 ? value * 1000 : undefined;
  if (typeof value !== "string") return undefined;
  const match = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h)?\s*$/.exec(value);
  return match === null ? undefined : Number(match[1]) * (unitMs[match[2] ?? "s"] ?? 1000);
}
