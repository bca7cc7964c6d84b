const dayMs = 86_400_000;

/**
 * The UTC calendar day of an instant, `YYYY-MM-DD`: X bills each resource once per UTC day, so the
 * budget starts afresh at midnight UTC (not 24 hours after the first request).
 *
 * @example utcDay(Date.UTC(2026, 11, 1, 23, 59)) // "2026-12-01"
 */
export function utcDay(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(0, 10);
}

/** Epoch milliseconds of the next midnight UTC after `epochMs`. */
export function nextUtcMidnight(epochMs: number): number {
  return (Math.floor(epochMs / dayMs) + 1) * dayMs;
}
