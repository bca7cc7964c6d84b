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

/**
 * Rejects with `signal.reason` when the signal aborts. The timer is not unref()ed on purpose: a program
 * awaiting a rate-limit reset must not exit in the middle of the wait.
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
      Math.max(0, ms),
    );
    signal?.addEventListener("abort", onAbort, { once: true });
  });
