import type { ResponseHeaders } from "../http/transport.js";
import type { RateLimitInfo } from "../rate-limit/rate-limit-info.js";
import type { RequestTarget } from "./request-target.js";

/**
 * One request on its way through the pipeline: a checked target, and what the steps need to know
 * about it. Built once per request, read by every step, changed by none.
 */
export interface Call extends RequestTarget {
  readonly signal: AbortSignal | undefined;
  /** A fixed `Authorization` for the token endpoints; otherwise the connection's credentials sign. */
  readonly authorization: string | undefined;
  /** Rate-limit bookkeeping and waiting apply (not to the token endpoints). */
  readonly metered: boolean;
  /**
   * Safe to send again after the server may have seen it: the method is in `retryMethods`, or the
   * caller said so (the bearer exchange returns the same token however often it is asked).
   */
  readonly idempotent: boolean;
}

/** What X answered to one attempt: any status, the body parsed, the rate-limit figures. */
export interface Answer {
  readonly status: number;
  /** Lower-case header names. */
  readonly headers: ResponseHeaders;
  readonly data: unknown;
  readonly rateLimit: RateLimitInfo | undefined;
}

/**
 * What the steps record while one call runs (one object per call, shared by its attempts): how many
 * retries and rate-limit waits it made, what the last attempt was authorized with, whether auth
 * recovery has been tried. Each step writes only its own fields.
 */
export interface CallProgress {
  retries: number;
  /** Set by the rate-limit step when it gave up waiting after this many 429s; otherwise undefined. */
  rateLimitWaits: number | undefined;
  /** The `Authorization` value of the last attempt (for bearer renewal after a 401). */
  authorization: string;
  renewed: boolean;
  reloaded: boolean;
  /** Why a 401 could not be recovered from (the store failed to reload), for the error's `cause`. */
  recoveryError: unknown;
}

/** Sends a call and returns X's answer, whatever its status; throws when there is no answer. */
export type Send = (call: Call, progress: CallProgress) => Promise<Answer>;

/**
 * One policy around sending: it may act before `next` (wait, reserve, refuse), after it (record,
 * settle), and call it again (retry). A step knows nothing of the steps around it.
 */
export type SendStep = (call: Call, progress: CallProgress, next: Send) => Promise<Answer>;

/** A fresh progress record for one call. */
export function startProgress(): CallProgress {
  return {
    retries: 0,
    rateLimitWaits: undefined,
    authorization: "",
    renewed: false,
    reloaded: false,
    recoveryError: undefined,
  };
}

/**
 * The pipeline: `steps` from the outside in, around `attempt`. Built once per connection; a new
 * policy is one more entry in the list.
 *
 * @example const send = composeSteps([retryStep, authRecoveryStep, rateLimitStep], attempt);
 */
export function composeSteps(steps: readonly SendStep[], attempt: Send): Send {
  let send = attempt;
  for (let index = steps.length - 1; index >= 0; index--) {
    const step = steps[index]!;
    const next = send;
    send = (call, progress) => step(call, progress, next);
  }
  return send;
}
