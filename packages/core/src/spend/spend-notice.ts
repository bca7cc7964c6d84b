import { formatUsd, type Micros, microsToUsd, usdToMicros } from "./money.js";

/** The shares of the daily limit that get a notice, in percent. */
export const noticeThresholds = [50, 80, 100] as const;

/**
 * Sent once per UTC day for each threshold the day's estimated spend reaches. A connection passes it
 * to `waitOnRateLimitNotify` beside the waits; `reason` tells them apart.
 *
 * @example
 * // { reason: "spend-limit", day: "2026-12-01", percent: 80, estimatedUsd: 4.01, limitUsd: 5 }
 */
export interface SpendNotice {
  readonly reason: "spend-limit";
  readonly day: string;
  readonly percent: (typeof noticeThresholds)[number];
  readonly estimatedUsd: number;
  readonly limitUsd: number;
}

/**
 * Remembers which thresholds were announced today and returns those newly reached by `spent`.
 * A new day forgets the old one's.
 */
export function createNoticeTracker(
  limitMicros: Micros,
): (day: string, spentMicros: Micros) => SpendNotice[] {
  let currentDay = "";
  const announced = new Set<number>();
  return (day, spentMicros) => {
    if (day !== currentDay) {
      currentDay = day;
      announced.clear();
    }
    const notices: SpendNotice[] = [];
    for (const percent of noticeThresholds) {
      // Integers only: spent * 100 >= limit * percent, so 50% of $0.03 is reached at exactly $0.015.
      if (announced.has(percent) || spentMicros * 100 < limitMicros * percent) continue;
      announced.add(percent);
      notices.push({
        reason: "spend-limit",
        day,
        percent,
        estimatedUsd: microsToUsd(spentMicros),
        limitUsd: microsToUsd(limitMicros),
      });
    }
    return notices;
  };
}

/**
 * The stderr line for a notice.
 *
 * @example formatSpendNotice({ reason: "spend-limit", day: "2026-12-01", percent: 80, estimatedUsd: 4, limitUsd: 5 })
 * // "twauth: estimated spend on 2026-12-01 (UTC) reached 80% of the daily limit: $4.00 of $5.00"
 */
export function formatSpendNotice(notice: SpendNotice): string {
  const spent = formatUsd(usdToMicros(notice.estimatedUsd));
  const limit = formatUsd(usdToMicros(notice.limitUsd));
  return `twauth: estimated spend on ${notice.day} (UTC) reached ${notice.percent}% of the daily limit: ${spent} of ${limit}`;
}
