/**
 * A clock that moves only when the test says so. Sleepers wait until `advanceTo` passes their wake
 * time, so a test can look at who is waiting (and what the server saw) before time moves on.
 */
export interface ManualClock {
  now: () => number;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Wake times of everyone asleep, earliest first. */
  sleepers(): number[];
  /** Moves the clock to `time` and wakes everyone due by then. */
  advanceTo(time: number): void;
}

export function createManualClock(start = Date.UTC(2025, 0, 1, 12, 0, 0)): ManualClock {
  let time = start;
  const asleep: { wakeAt: number; wake: () => void }[] = [];
  return {
    now: () => time,
    sleepers: () => asleep.map((sleeper) => sleeper.wakeAt).sort((a, b) => a - b),
    sleep(ms, signal) {
      return new Promise((resolve, reject) => {
        if (signal?.aborted) {
          reject(signal.reason);
          return;
        }
        const sleeper = {
          wakeAt: time + ms,
          wake: () => {
            signal?.removeEventListener("abort", onAbort);
            resolve();
          },
        };
        const onAbort = () => {
          asleep.splice(asleep.indexOf(sleeper), 1);
          reject(signal?.reason);
        };
        signal?.addEventListener("abort", onAbort, { once: true });
        asleep.push(sleeper);
      });
    },
    advanceTo(target) {
      time = Math.max(time, target);
      for (const sleeper of [...asleep]) {
        if (sleeper.wakeAt > time) continue;
        asleep.splice(asleep.indexOf(sleeper), 1);
        sleeper.wake();
      }
    },
  };
}

/** Polls `condition` on the event loop until it holds; fails after `limitMs` of real time. */
export async function eventually(condition: () => boolean, what: string, limitMs = 5000): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
}
