import { describe, expect, it } from "vitest";
import { durationToMs, formatDuration } from "../src/http/duration.js";

describe("durationToMs", () => {
  it.each([
    [5, 5000],
    [0.25, 250],
    [0, 0],
    ["500ms", 500],
    ["5s", 5000],
    ["1.5s", 1500],
    ["2m", 120_000],
    ["1h", 3_600_000],
    ["30", 30_000],
  ])("reads %j as %i milliseconds", (input, expected) => {
    expect(durationToMs(input)).toBe(expected);
  });

  it.each([[-1], [Number.NaN], [Number.POSITIVE_INFINITY], ["5 minutes"], ["-5s"], [""], [null], [{}]])(
    "rejects %j",
    (input) => {
      expect(durationToMs(input)).toBeUndefined();
    },
  );
});

describe("formatDuration", () => {
  it.each([
    [850, "850ms"],
    [12_000, "12s"],
    [12_001, "13s"],
    [898_000, "14m 58s"],
    [900_000, "15m"],
    [3_660_000, "1h 1m"],
  ])("writes %i ms as %s", (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});
