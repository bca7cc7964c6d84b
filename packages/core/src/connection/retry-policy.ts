import type { NormalizedConnectionOptions } from "./connection-options.js";
import { TransportFailure } from "./transport.js";

/** How an attempt failed: X answered with a status, or no answer came. */
export type AttemptFailure =
  | { readonly kind: "status"; readonly status: number; readonly retryAfterMs: number | undefined }
  | { readonly kind: "error"; readonly error: unknown };

type RetryOptions = Pick<
  NormalizedConnectionOptions,
  "retryCount" | "retryDelayMs" | "retryErrors" | "retryMethods" | "retryBackoff" | "maxRetryDelayMs"
>;

/**
 * Whether to send the request again after `failure`, and after how many milliseconds; `undefined`
 * means do not retry. `retriesDone` counts the retries already made for this call.
 */
export function retryDelay(
  options: RetryOptions,
  method: string,
  failure: AttemptFailure,
  retriesDone: number,
  random: () => number = Math.random,
): number | undefined {
  if (retriesDone >= options.retryCount) return undefined;
  if (failure.kind === "error") {
    const error = failure.error;
    // Unknown errors (a bug, a bad argument) are never retried; neither is the caller's abort.
    if (!(error instanceof TransportFailure) || error.kind === "aborted") return undefined;
    // Refused before anything was sent: safe for a POST too.
    if (!error.neverReachedServer && !options.retryMethods.has(method)) return undefined;
    return backoffDelay(options, retriesDone, random);
  }
  // 429 is waited out by the rate-limit logic, never retried blindly.
  if (failure.status === 429) return undefined;
  if (!options.retryErrors.has(failure.status)) return undefined;
  if (!options.retryMethods.has(method)) return undefined;
  if (failure.retryAfterMs !== undefined) return Math.min(failure.retryAfterMs, options.maxRetryDelayMs);
  return backoffDelay(options, retriesDone, random);
}

/** `retryDelay`, or with `retryBackoff` doubled per retry with equal jitter (half fixed, half random). */
function backoffDelay(options: RetryOptions, retriesDone: number, random: () => number): number {
  if (!options.retryBackoff) return Math.min(options.retryDelayMs, options.maxRetryDelayMs);
  const ceiling = Math.min(options.retryDelayMs * 2 ** retriesDone, options.maxRetryDelayMs);
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
