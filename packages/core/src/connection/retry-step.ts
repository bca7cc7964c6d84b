import { TransportFailure } from "../http/transport.js";
import { describeTransportFailure, transportError } from "../http/transport-error.js";
import { parseRetryAfter } from "../rate-limit/rate-limit-info.js";
import type { NormalizedConnectionOptions } from "./connection-options.js";
import type { Answer, Call, CallProgress, SendStep } from "./pipeline.js";
import type { AttemptFailure } from "./retry-policy.js";
import { retryDelay } from "./retry-policy.js";

export type RetryStepOptions = Pick<
  NormalizedConnectionOptions,
  | "retryCount"
  | "retryDelayMs"
  | "retryErrors"
  | "retryBackoff"
  | "maxRetryDelayMs"
  | "now"
  | "sleep"
  | "notify"
  | "baseUrl"
  | "timeoutMs"
  | "connectTimeoutMs"
  | "maxResponseBytes"
>;

/** Tells the notify callback about the pause before a retry: what failed, attempt n of m, how long. */
function announceRetry(
  options: RetryStepOptions,
  call: Call,
  failure: string,
  attempt: number,
  waitMs: number,
) {
  const done = options.notify?.({
    endpoint: call.endpoint,
    waitMs,
    resetAt: options.now() + waitMs,
    reason: "retry",
    failure,
    attempt,
    attempts: options.retryCount + 1,
  });
  return done ?? (() => {});
}

/** A retry that will happen: after how long, and what failed (for the notice). */
interface RetryDecision {
  readonly delay: number;
  readonly failure: string;
}

/** After an error status: the retry, or `undefined` to report the answer as it is. */
function retryAfterAnswer(
  options: RetryStepOptions,
  call: Call,
  answer: Answer,
  progress: CallProgress,
): RetryDecision | undefined {
  // A 401 whose store reload failed is reported at once, with the reason as its cause.
  if (progress.recoveryError !== undefined) return undefined;
  const failure: AttemptFailure = {
    kind: "status",
    status: answer.status,
    retryAfterMs: parseRetryAfter(answer.headers["retry-after"], options.now()),
  };
  const delay = retryDelay(options, call.idempotent, failure, progress.retries);
  return delay === undefined ? undefined : { delay, failure: `X answered ${answer.status}` };
}

/** After no answer came: the retry, or the call's `TwauthError` thrown. Anything else is rethrown. */
function retryAfterError(
  options: RetryStepOptions,
  call: Call,
  error: unknown,
  progress: CallProgress,
): RetryDecision {
  if (!(error instanceof TransportFailure)) throw error;
  const delay = retryDelay(options, call.idempotent, { kind: "error", error }, progress.retries);
  if (delay === undefined) {
    throw transportError(error, { ...options, endpoint: call.endpoint, retries: progress.retries });
  }
  return { delay, failure: describeTransportFailure(error) };
}

/**
 * Sends again what is safe to send again: after a status in `retryErrors` (idempotent calls only),
 * or when no answer came (idempotent calls, or any call that provably never left). Each pause is
 * announced and honours the call's signal. When it gives up on a missing answer, the transport
 * failure becomes the call's `TwauthError`; an answer is returned as it is.
 */
export function createRetryStep(options: RetryStepOptions): SendStep {
  return async (call, progress, next) => {
    // Bounded: each round returns, throws, or counts one retry, up to retryCount (at most 100).
    for (;;) {
      let decision: RetryDecision | undefined;
      try {
        const answer = await next(call, progress);
        if (answer.status < 400) return answer;
        decision = retryAfterAnswer(options, call, answer, progress);
        if (decision === undefined) return answer;
      } catch (error) {
        decision = retryAfterError(options, call, error, progress);
      }
      progress.retries++;
      const done = announceRetry(options, call, decision.failure, progress.retries, decision.delay);
      try {
        if (decision.delay > 0) await options.sleep(decision.delay, call.signal);
      } finally {
        done();
      }
    }
  };
}
