import { describe, expect, it } from "vitest";
import { createWaitNotice } from "../src/rate-limit/rate-limit-notify.js";

const now = Date.UTC(2025, 0, 1, 12, 0, 0);
const wait = {
  endpoint: "GET /2/users/me",
  waitMs: 898_000,
  resetAt: now + 898_000,
  limit: 75,
  reason: "exhausted" as const,
};

function recorder(isTTY: boolean) {
  const written: string[] = [];
  return { isTTY, written, write: (text: string) => written.push(text) };
}

describe("createWaitNotice", () => {
  it("writes one log line per endpoint and reset when stderr is not a TTY", () => {
    const stream = recorder(false);
    const notify = createWaitNotice(stream, () => now);
    const ends = [notify(wait), notify(wait), notify(wait)];
    for (const end of ends) end();
    expect(stream.written).toEqual([
      "twauth: GET /2/users/me: rate limit reached, limit 75; waiting 14m 58s (until 12:14:58 UTC)\n",
    ]);
  });

  it("draws one countdown line on a TTY and clears it when the last waiter is done", () => {
    const stream = recorder(true);
    const notify = createWaitNotice(stream, () => now);
    const first = notify(wait);
    const second = notify(wait);
    first();
    expect(stream.written).toEqual([
      "\rtwauth: GET /2/users/me: rate limit reached, limit 75; waiting 14m 58s (until 12:14:58 UTC)\x1b[K",
    ]);
    second();
    expect(stream.written.at(-1)).toBe("\r\x1b[K");
  });

  it("names a backoff after a 429 that gave no reset time", () => {
    const stream = recorder(false);
    createWaitNotice(
      stream,
      () => now,
    )({ endpoint: "POST /2/tweets", waitMs: 2000, resetAt: now + 2000, reason: "backoff" })();
    expect(stream.written).toEqual([
      "twauth: POST /2/tweets: X answered 429 without a reset time, backing off; waiting 2s (until 12:00:02 UTC)\n",
    ]);
  });
});
