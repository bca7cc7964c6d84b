/**
 * How a connection waits: for retries, rate-limit resets and backoff. Injectable (the `sleep` option)
 * so tests can record waits and move a fake clock instead of sleeping. Must reject when `signal`
 * aborts.
 *
 * @example
 * const waits: number[] = [];
 * await getApiConnection({ credentials, sleep: async (ms) => { waits.push(ms); } });
 */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

/** The longest single timer Node keeps (2^31 - 1 ms, about 24.8 days); longer ones fire at once. */
export const maxTimerMs = 2 ** 31 - 1;

/**
 * Rejects with `signal.reason` when the signal aborts. The timer is not unref()ed on purpose: a program
 * awaiting a rate-limit reset must not exit in the middle of the wait. A wait longer than one timer
 * can hold is clamped to it (options and server-given waits are bounded far below it; this only keeps
 * a stray value from firing at once with a `TimeoutOverflowWarning`).
 */
export const abortableSleep: Sleep = (ms, signal) =>
  new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(
      () => {
        signal?.removeEventListener("abort", onAbort);
        resolve();
      },
      Math.min(maxTimerMs, Math.max(0, Number.isFinite(ms) ? ms : 0)),
    );
    signal?.addEventListener("abort", onAbort, { once: true });
  });
