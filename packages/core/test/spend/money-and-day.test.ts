import { describe, expect, it } from "vitest";
import { formatUsd, microsToUsd, usdToMicros } from "../../src/spend/money.js";
import { nextUtcMidnight, utcDay } from "../../src/spend/utc-day.js";

describe("money in micro-dollars", () => {
  it("converts dollars to whole micro-dollars so sums are exact", () => {
    expect(usdToMicros(0.005)).toBe(5_000);
    expect(usdToMicros(0.1) + usdToMicros(0.2)).toBe(usdToMicros(0.3));
    expect(microsToUsd(1_500_000)).toBe(1.5);
  });

  it("prints at least two decimals and every decimal the amount has", () => {
    expect(formatUsd(5_000)).toBe("$0.005");
    expect(formatUsd(1_500_000)).toBe("$1.50");
    expect(formatUsd(125)).toBe("$0.000125");
    expect(formatUsd(0)).toBe("$0.00");
    expect(formatUsd(12_000_000)).toBe("$12.00");
  });
});

describe("the UTC day", () => {
  it("changes at midnight UTC, not 24 hours after the first request", () => {
    expect(utcDay(Date.UTC(2026, 11, 1, 23, 59, 59, 999))).toBe("2026-12-01");
    expect(utcDay(Date.UTC(2026, 11, 2, 0, 0, 0))).toBe("2026-12-02");
  });

  it("names the next midnight UTC", () => {
    expect(nextUtcMidnight(Date.UTC(2026, 11, 1, 13, 5))).toBe(Date.UTC(2026, 11, 2));
    expect(nextUtcMidnight(Date.UTC(2026, 11, 2))).toBe(Date.UTC(2026, 11, 3));
  });
});
