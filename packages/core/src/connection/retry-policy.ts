import { TransportFailure } from "../http/transport.js";
import type { NormalizedConnectionOptions } from "./connection-options.js";

/** How an attempt failed: X answered with a status, or no answer came. */
export type AttemptFailure =
  | { readonly kind: "status"; readonly status: number; readonly retryAfterMs: number | undefined }
  | { readonly kind: "error"; readonly error: unknown };

type RetryOptions = Pick<
  NormalizedConnectionOptions,
  "retryCount" | "retryDelayMs" | "retryErrors" | "retryBackoff" | "maxRetryDelayMs"
>;

/**
 * Whether to send the request again after `failure`, and after how many milliseconds; `undefined`
 * means do not retry. `idempotent` says the request may be sent again after the server may have seen
 * it (its method is in `retryMethods`, or its caller said so); `retriesDone` counts the retries
 * already made for this call.
 */
export function retryDelay(
  options: RetryOptions,
  idempotent: boolean,
  failure: AttemptFailure,
  retriesDone: number,
  random: () => number = Math.random,
): number | undefined {
  if (retriesDone >= options.retryCount) return undefined;
  if (failure.kind === "error") {
    const error = failure.error;
    // Unknown errors (a bug, a bad argument) are never retried; neither is the caller's abort, nor a
    // body too large (it would be as large again).
    if (!(error instanceof TransportFailure) || error.kind === "aborted" || error.kind === "too-large") {
      return undefined;
    }
    // A name that does not exist will not exist in five seconds (EAI_AGAIN, "try again", is retried).
    if (error.code === "ENOTFOUND") return undefined;
    // Refused before anything was sent: safe for a POST too.
    if (!error.neverReachedServer && !idempotent) return undefined;
    return backoffDelay(options, retriesDone, random);
  }
  // 429 is waited out by the rate-limit logic, never retried blindly.
  if (failure.status === 429) return undefined;
  if (!options.retryErrors.has(failure.status)) return undefined;
  if (!idempotent) return undefined;
  if (failure.retryAfterMs !== undefined) return Math.min(failure.retryAfterMs, options.maxRetryDelayMs);
  return backoffDelay(options, retriesDone, random);
}

/**
 * `retryDelay`, or with `retryBackoff` doubled per retry with equal jitter: half the delay fixed, half
 * random (the fixed half keeps a minimum pause; the random half spreads many clients apart).
 */
function backoffDelay(options: RetryOptions, retriesDone: number, random: () => number): number {
  if (!options.retryBackoff) return Math.min(options.retryDelayMs, options.maxRetryDelayMs);
  const ceiling = Math.min(options.retryDelayMs * 2 ** retriesDone, options.maxRetryDelayMs);
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
