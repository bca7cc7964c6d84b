import { type XProblemFault, xProblemFaults } from "./x-problem-fault.js";

/**
 * One injected failure. A fault needs at least one of status, problem, resetSocket or delayMs; a
 * delay alone slows the request down and then answers it normally.
 *
 * @example
 * emulator.inject("POST /2/tweets", [
 *   { status: 503, retryAfter: 1 },
 *   { resetSocket: true, afterHandling: true },
 *   { status: 429, rateLimitReset: Math.floor(Date.now() / 1000) + 60 },
 *   { problem: "credits-depleted" },
 * ]);
 */
export interface Fault {
  /**
   * Answer with one of X's 2026 failures, in X's exact body, status and headers (see
   * XProblemFault); `headers` still apply on top. @default none
   */
  problem?: XProblemFault;
  /** Answer this status instead (X's body for it, unless `body` is given). @default no status: the request is answered normally */
  status?: number;
  /** Adds `retry-after` (seconds). @default no retry-after header */
  retryAfter?: number;
  /** Waits this long (real time) before going on; stop() cuts the wait short. @default 0 */
  delayMs?: number;
  /** Destroys the socket with a TCP reset instead of answering. @default false */
  resetSocket?: boolean;
  /**
   * With status 429: adds `x-rate-limit-limit/-remaining: 0/-reset` with this reset (epoch seconds).
   * Without it a 429 fault carries no rate-limit headers at all.
   */
  rateLimitReset?: number;
  /** The `x-rate-limit-limit` of a 429 with rateLimitReset. @default the route's limit, else 15 */
  rateLimitLimit?: number;
  /** Extra response headers. @default none */
  headers?: Record<string, string>;
  /** Replaces the body: a string as is, anything else as JSON. @default X's body for `status` */
  body?: unknown;
  /**
   * Handle the request first (store the tweet, count the rate limit), then fail: the client
   * sees an error for a request that did take effect. When false, fail before anything happens.
   * @default false
   */
  afterHandling?: boolean;
}

/**
 * Faults drawn at random, reproducibly: the same `seed` gives the same requests the same faults.
 *
 * @example
 * emulator.injectRandom("*", { rate: 0.2, faults: [{ status: 503 }, { resetSocket: true }], seed: 42 });
 */
export interface RandomFaults {
  /** Probability in [0, 1] that a matching request gets a fault. */
  rate: number;
  /** One is picked uniformly for each faulted request. */
  faults: readonly Fault[];
  /** Seeds the generator, so a failing run can be replayed. */
  seed: number;
}

export function validateFault(route: string, fault: Fault): void {
  if (
    fault.status === undefined &&
    fault.problem === undefined &&
    !fault.resetSocket &&
    fault.delayMs === undefined
  ) {
    throw new TypeError(`fault for ${route}: give status, problem, resetSocket or delayMs`);
  }
  if (fault.problem !== undefined && !xProblemFaults.includes(fault.problem)) {
    throw new RangeError(`fault for ${route}: problem must be one of ${xProblemFaults.join(", ")}`);
  }
  if (
    fault.status !== undefined &&
    (!Number.isInteger(fault.status) || fault.status < 200 || fault.status > 599)
  ) {
    throw new RangeError(`fault for ${route}: status must be an integer from 200 to 599`);
  }
  if (fault.delayMs !== undefined && (!Number.isFinite(fault.delayMs) || fault.delayMs < 0)) {
    throw new RangeError(`fault for ${route}: delayMs must be a number >= 0`);
  }
}
