import { describe, expect, it } from "vitest";
import { retryDelay } from "../src/connection/retry-policy.js";
import { TransportFailure } from "../src/http/transport.js";

const options = {
  retryCount: 3,
  retryDelayMs: 5000,
  retryErrors: new Set([500, 502, 503, 504]),
  retryBackoff: false,
  maxRetryDelayMs: 60_000,
};
// A GET (in the default retryMethods) is idempotent; a POST is not unless its caller says so.
const idempotent = true;
const notIdempotent = false;
const status = (code: number, retryAfterMs?: number) =>
  ({ kind: "status", status: code, retryAfterMs }) as const;
const failure = (error: unknown) => ({ kind: "error", error }) as const;
const reset = new TransportFailure("network", "socket hang up", "ECONNRESET");
const refused = new TransportFailure("network", "connect ECONNREFUSED", "ECONNREFUSED");

describe("retryDelay", () => {
  it("retries a GET after 503 with retryDelay", () => {
    expect(retryDelay(options, idempotent, status(503), 0)).toBe(5000);
  });

  it("does not retry a POST after 503: a duplicate tweet is worse than an error", () => {
    expect(retryDelay(options, notIdempotent, status(503), 0)).toBeUndefined();
  });

  it("retries a POST after 503 when the call is idempotent (retryMethods opts in, or the caller says so)", () => {
    expect(retryDelay(options, idempotent, status(503), 0)).toBe(5000);
  });

  it("does not retry a host name that does not resolve (ENOTFOUND), but retries EAI_AGAIN", () => {
    const notFound = new TransportFailure("network", "getaddrinfo ENOTFOUND", "ENOTFOUND");
    const tryAgain = new TransportFailure("network", "getaddrinfo EAI_AGAIN", "EAI_AGAIN");
    expect(retryDelay(options, idempotent, failure(notFound), 0)).toBeUndefined();
    expect(retryDelay(options, notIdempotent, failure(tryAgain), 0)).toBe(5000);
  });

  it("retries a connect timeout for any method: no connection was made, so nothing was sent", () => {
    const noConnection = new TransportFailure("connect-timeout", "no connection within 5000ms");
    expect(noConnection.neverReachedServer).toBe(true);
    expect(retryDelay(options, notIdempotent, failure(noConnection), 0)).toBe(5000);
  });

  it("does not retry a body past maxResponseBytes: it would be as large again", () => {
    const tooLarge = new TransportFailure("too-large", "the response body passed 10 bytes");
    expect(retryDelay(options, idempotent, failure(tooLarge), 0)).toBeUndefined();
  });

  it("never retries 429, even when listed, because rate-limit waiting handles it", () => {
    expect(
      retryDelay({ ...options, retryErrors: new Set([429]) }, idempotent, status(429), 0),
    ).toBeUndefined();
  });

  it("does not retry a 4xx that is not listed", () => {
    expect(retryDelay(options, idempotent, status(404), 0)).toBeUndefined();
    expect(retryDelay(options, idempotent, status(401), 0)).toBeUndefined();
  });

  it("retries the seed tutorial's [401, 404, 500, 503] when given", () => {
    const seed = { ...options, retryErrors: new Set([401, 404, 500, 503]) };
    expect(retryDelay(seed, idempotent, status(401), 0)).toBe(5000);
    expect(retryDelay(seed, idempotent, status(404), 0)).toBe(5000);
    expect(retryDelay(seed, idempotent, status(502), 0)).toBeUndefined();
  });

  it("stops after retryCount retries", () => {
    expect(retryDelay(options, idempotent, status(503), 2)).toBe(5000);
    expect(retryDelay(options, idempotent, status(503), 3)).toBeUndefined();
  });

  it("honours Retry-After without jitter, capped by maxRetryDelay", () => {
    expect(retryDelay(options, idempotent, status(503, 7000), 0)).toBe(7000);
    expect(retryDelay(options, idempotent, status(503, 3_600_000), 0)).toBe(60_000);
  });

  it("retries a reset connection for idempotent methods only", () => {
    expect(retryDelay(options, idempotent, failure(reset), 0)).toBe(5000);
    expect(retryDelay(options, notIdempotent, failure(reset), 0)).toBeUndefined();
  });

  it("retries a refused connection for any method: the request provably never left", () => {
    expect(retryDelay(options, notIdempotent, failure(refused), 0)).toBe(5000);
  });

  it("retries a per-attempt timeout for idempotent methods only", () => {
    const timeout = new TransportFailure("timeout", "no response");
    expect(retryDelay(options, idempotent, failure(timeout), 0)).toBe(5000);
    expect(retryDelay(options, notIdempotent, failure(timeout), 0)).toBeUndefined();
  });

  it("never retries an unknown error or an abort", () => {
    expect(retryDelay(options, idempotent, failure(new TypeError("bug")), 0)).toBeUndefined();
    expect(
      retryDelay(options, idempotent, failure(new TransportFailure("aborted", "aborted")), 0),
    ).toBeUndefined();
  });

  it("doubles the delay per retry with equal jitter when retryBackoff is on", () => {
    const backoff = { ...options, retryDelayMs: 1000, retryBackoff: true, maxRetryDelayMs: 5000 };
    expect(retryDelay(backoff, idempotent, status(503), 0, () => 0)).toBe(500);
    expect(retryDelay(backoff, idempotent, status(503), 0, () => 1)).toBe(1000);
    expect(retryDelay(backoff, idempotent, status(503), 2, () => 0)).toBe(2000);
    expect(retryDelay(backoff, idempotent, status(503), 2, () => 1)).toBe(4000);
    expect(retryDelay({ ...backoff, retryCount: 10 }, idempotent, status(503), 8, () => 1)).toBe(5000);
  });
});
