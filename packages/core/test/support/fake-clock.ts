/**
 * A clock that only moves when code sleeps on it: every wait is recorded and takes no real time.
 * A sleeper wakes at the time it asked for (the clock never goes backwards when several sleep at
 * once), after yielding to the event loop so concurrent callers interleave as they would for real.
 */
export interface FakeClock {
  now: () => number;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  advance(ms: number): void;
  /** Every wait asked for, in milliseconds, in order. */
  sleeps: number[];
}

export function createFakeClock(start = Date.UTC(2025, 0, 1, 12, 0, 0)): FakeClock {
  let time = start;
  const sleeps: number[] = [];
  return {
    now: () => time,
    sleeps,
    advance(ms) {
      time += ms;
    },
    async sleep(ms, signal) {
      if (signal?.aborted) throw signal.reason;
      sleeps.push(ms);
      const wakeAt = time + ms;
      await new Promise((resolve) => setImmediate(resolve));
      if (signal?.aborted) throw signal.reason;
      time = Math.max(time, wakeAt);
    },
  };
}
