/**
 * One injected failure. A fault needs at least one of status, resetSocket or delayMs; a delay alone
 * slows the request down and then answers it normally.
 */
export interface Fault {
  /** Answer this status instead (X's body for it, unless `body` is given). */
  status?: number;
  /** Adds `retry-after` (seconds). */
  retryAfter?: number;
  /** Waits this long (real time) before going on; stop() cuts the wait short. */
  delayMs?: number;
  /** Destroys the socket with a TCP reset instead of answering. */
  resetSocket?: boolean;
  /**
   * With status 429: adds `x-rate-limit-limit/-remaining: 0/-reset` with this reset (epoch seconds).
   * Without it a 429 fault carries no rate-limit headers at all.
   */
  rateLimitReset?: number;
  /** The `x-rate-limit-limit` of a 429 with rateLimitReset; default the route's limit, else 15. */
  rateLimitLimit?: number;
  /** Extra response headers. */
  headers?: Record<string, string>;
  /** Replaces the body: a string as is, anything else as JSON. */
  body?: unknown;
  /**
   * Handle the request first (store the tweet, count the rate limit), then fail: the client
   * sees an error for a request that did take effect. Default false: fail before anything happens.
   */
  afterHandling?: boolean;
}

export interface RandomFaults {
  /** Probability in [0, 1] that a matching request gets a fault. */
  rate: number;
  /** One is picked uniformly for each faulted request. */
  faults: readonly Fault[];
  seed: number;
}

export function validateFault(route: string, fault: Fault): void {
  if (fault.status === undefined && !fault.resetSocket && fault.delayMs === undefined) {
    throw new TypeError(`fault for ${route}: give status, resetSocket or delayMs`);
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
