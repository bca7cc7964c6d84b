import { TwauthError } from "@twauth/core";

/**
 * The one `ABORTED` error a store gives: names the store's source, keeps the signal's reason as
 * `cause`. Every way a store notices an abort (before it starts, while it waits, from an SDK) ends here.
 *
 * @example
 * throw abortedError(store.source, signal.reason);
 */
export function abortedError(source: string, reason: unknown): TwauthError {
  return new TwauthError("ABORTED", `${source}: the operation was aborted.`, {
    source,
    ...(reason === undefined ? {} : { cause: reason }),
  });
}

/**
 * Throws `abortedError` when `signal` is already aborted; the first line of every store method.
 *
 * @example
 * throwIfAborted(loadOptions.signal, source);
 */
export function throwIfAborted(signal: AbortSignal | undefined, source: string): void {
  if (signal?.aborted === true) throw abortedError(source, signal.reason);
}

/**
 * Settles like `pending`, or rejects with `abortedError` as soon as `signal` aborts, without
 * cancelling `pending`: a read shared by several callers goes on for the ones that still wait.
 *
 * @example
 * return untilAborted(sharedRead, options.signal, store.source);
 */
export function untilAborted<T>(pending: Promise<T>, signal: AbortSignal, source: string): Promise<T> {
  if (signal.aborted) return Promise.reject(abortedError(source, signal.reason));
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(abortedError(source, signal.reason));
    signal.addEventListener("abort", onAbort, { once: true });
    pending.then(
      (value) => {
        signal.removeEventListener("abort", onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener("abort", onAbort);
        reject(error);
      },
    );
  });
}
