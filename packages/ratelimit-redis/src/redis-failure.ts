import { isTwauthError, TwauthError } from "@twauth/core";
import type { NormalizedConnectionOptions } from "./options.js";

/**
 * The failure's own words, without the URL's password (a client's message may quote its options).
 * Only the error's name, code and redacted message are kept: a client's error object can hold the
 * options it was made with.
 */
export function redactedCause(error: unknown, password: string | undefined): Error {
  const original = error instanceof Error ? error : new Error(String(error));
  const message = password === undefined ? original.message : original.message.split(password).join("***");
  const cause = new Error(message);
  cause.name = original.name;
  const code = (original as { code?: unknown }).code;
  if (typeof code === "string") (cause as { code?: string }).code = code;
  return cause;
}

/** Errors that no fallback hides: the user has to fix something (a missing client package). */
export function isConfigurationError(error: unknown): boolean {
  return isTwauthError(error, "DEPENDENCY_MISSING") || isTwauthError(error, "OPTIONS_INVALID");
}

/** `NETWORK_ERROR` for a Redis that failed with `onRedisError: "fail"`. */
export function redisUnavailableError(
  error: unknown,
  options: NormalizedConnectionOptions,
  what: string,
): TwauthError {
  if (isTwauthError(error)) return error;
  const cause = redactedCause(error, options.password);
  return new TwauthError(
    "NETWORK_ERROR",
    `${what}: Redis at ${options.location} did not answer (${cause.message}); check that it runs and is reachable, or set onRedisError: "local" to keep going on this process's own state.`,
    { source: options.location, cause },
  );
}
