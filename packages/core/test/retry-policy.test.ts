import { describe, expect, it } from "vitest";
import { retryDelay } from "../src/connection/retry-policy.js";
import { TransportFailure } from "../src/connection/transport.js";

const options = {
  retryCount: 3,
  retryDelayMs: 5000,
  retryErrors: new Set([500, 502, 503, 504]),
  retryMethods: new Set(["GET", "HEAD", "PUT", "DELETE", "OPTIONS"]),
  retryBackoff: false,
  maxRetryDelayMs: 60_000,
};
const status = (code: number, retryAfterMs?: number) =>
  ({ kind: "status", status: code, retryAfterMs }) as const;
const failure = (error: unknown) => ({ kind: "error", error }) as const;
const reset = new TransportFailure("network", "socket hang up", "ECONNRESET");
const refused = new TransportFailure("network", "connect ECONNREFUSED", "ECONNREFUSED");

describe("retryDelay", () => {
  it("retries a GET after 503 with retryDelay", () => {
    expect(retryDelay(options, "GET", status(503), 0)).toBe(5000);
  });

  it("does not retry a POST after 503: a duplicate tweet is worse than an error", () => {
    expect(retryDelay(options, "POST", status(503), 0)).toBeUndefined();
  });

  it("retries a POST after 503 when retryMethods opts in", () => {
    expect(retryDelay({ ...options, retryMethods: new Set(["POST"]) }, "POST", status(503), 0)).toBe(5000);
  });

  it("never retries 429, even when listed, because rate-limit waiting handles it", () => {
    expect(retryDelay({ ...options, retryErrors: new Set([429]) }, "GET", status(429), 0)).toBeUndefined();
  });

  it("does not retry a 4xx that is not listed", () => {
    expect(retryDelay(options, "GET", status(404), 0)).toBeUndefined();
    expect(retryDelay(options, "GET", status(401), 0)).toBeUndefined();
  });

  it("retries the seed tutorial's [401, 404, 500, 503] when given", () => {
    const seed = { ...options, retryErrors: new Set([401, 404, 500, 503]) };
    expect(retryDelay(seed, "GET", status(401), 0)).toBe(5000);
    expect(retryDelay(seed, "GET", status(404), 0)).toBe(5000);
    expect(retryDelay(seed, "GET", status(502), 0)).toBeUndefined();
  });

  it("stops after retryCount retries", () => {
    expect(retryDelay(options, "GET", status(503), 2)).toBe(5000);
    expect(retryDelay(options, "GET", status(503), 3)).toBeUndefined();
  });

  it("honours Retry-After without jitter, capped by maxRetryDelay", () => {
    expect(retryDelay(options, "GET", status(503, 7000), 0)).toBe(7000);
    expect(retryDelay(options, "GET", status(503, 3_600_000), 0)).toBe(60_000);
  });

  it("retries a reset connection for idempotent methods only", () => {
    expect(retryDelay(options, "GET", failure(reset), 0)).toBe(5000);
    expect(retryDelay(options, "POST", failure(reset), 0)).toBeUndefined();
  });

  it("retries a refused connection for any method: the request provably never left", () => {
    expect(retryDelay(options, "POST", failure(refused), 0)).toBe(5000);
  });

  it("retries a per-attempt timeout for idempotent methods only", () => {
    const timeout = new TransportFailure("timeout", "no response");
    expect(retryDelay(options, "GET", failure(timeout), 0)).toBe(5000);
    expect(retryDelay(options, "POST", failure(timeout), 0)).toBeUndefined();
  });

  it("never retries an unknown error or an abort", () => {
    expect(retryDelay(options, "GET", failure(new TypeError("bug")), 0)).toBeUndefined();
    expect(
      retryDelay(options, "GET", failure(new TransportFailure("aborted", "aborted")), 0),
    ).toBeUndefined();
  });

  it("doubles the delay per retry with equal jitter when retryBackoff is on", () => {
    const backoff = { ...options, retryDelayMs: 1000, retryBackoff: true, maxRetryDelayMs: 5000 };
    expect(retryDelay(backoff, "GET", status(503), 0, () => 0)).toBe(500);
    expect(retryDelay(backoff, "GET", status(503), 0, () => 1)).toBe(1000);
    expect(retryDelay(backoff, "GET", status(503), 2, () => 0)).toBe(2000);
    expect(retryDelay(backoff, "GET", status(503), 2, () => 1)).toBe(4000);
    expect(retryDelay({ ...backoff, retryCount: 10 }, "GET", status(503), 8, () => 1)).toBe(5000);
  });
});
