import { TwauthError } from "../errors/twauth-error.js";
import { formatDuration } from "./duration.js";
import type { TransportFailure } from "./transport.js";

/** What a transport error message needs to say where and how long. */
export interface TransportErrorContext {
  /** `METHOD /path`, how messages name the request. */
  readonly endpoint: string;
  /** The origin the request went to. */
  readonly baseUrl: string;
  readonly timeoutMs: number;
  readonly connectTimeoutMs: number;
  readonly maxResponseBytes: number;
  /** Retries already made, for "(after 3 retries)". */
  readonly retries: number;
}

/** The caller's abort, as every request reports it. */
export function abortedError(endpoint: string, reason: unknown): TwauthError {
  return new TwauthError("ABORTED", `${endpoint}: the request was aborted.`, {
    endpoint,
    ...(reason === undefined ? {} : { cause: reason }),
  });
}

/** A short account of a failure for a retry notice: "connection refused (ECONNREFUSED)". */
export function describeTransportFailure(failure: TransportFailure): string {
  if (failure.kind === "timeout") return "no complete response in time";
  if (failure.kind === "connect-timeout") return "no connection within the connect timeout";
  if (failure.code === "ECONNREFUSED") return "connection refused (ECONNREFUSED)";
  if (failure.code === "ECONNRESET") return "connection reset (ECONNRESET)";
  if (failure.code === "EAI_AGAIN") return "name lookup failed for now (EAI_AGAIN)";
  return failure.code ?? failure.message;
}

/**
 * The `TwauthError` for an attempt that got no usable response: `TIMEOUT`, `ABORTED`,
 * `RESPONSE_TOO_LARGE` or `NETWORK_ERROR`, with the transport failure as `cause` (it carries no
 * request data: no header, no body).
 */
export function transportError(failure: TransportFailure, context: TransportErrorContext): TwauthError {
  const { endpoint, retries } = context;
  const options = { endpoint, cause: failure };
  const after = retries === 0 ? "" : ` (after ${retries} ${retries === 1 ? "retry" : "retries"})`;
  const host = new URL(context.baseUrl).host;
  switch (failure.kind) {
    case "aborted":
      return abortedError(endpoint, undefined);
    case "timeout":
      return new TwauthError(
        "TIMEOUT",
        `${endpoint}: no complete response within ${formatDuration(context.timeoutMs)}${after}. Raise the timeout option if X is slow.`,
        options,
      );
    case "connect-timeout":
      return new TwauthError(
        "TIMEOUT",
        `${endpoint}: could not connect to ${host} within ${formatDuration(context.connectTimeoutMs)}${after}. Check baseUrl and the network.`,
        options,
      );
    case "too-large":
      return new TwauthError(
        "RESPONSE_TOO_LARGE",
        `${endpoint}: the response from ${host} passed maxResponseBytes (${context.maxResponseBytes} bytes); the connection was closed. Ask for less (max_results, fields), or raise maxResponseBytes.`,
        options,
      );
    default: {
      const hint =
        failure.code === "ECONNREFUSED" || failure.code === "ENOTFOUND"
          ? ` Check baseUrl (${host}) and the network.`
          : "";
      return new TwauthError(
        "NETWORK_ERROR",
        `${endpoint}: the connection to ${host} failed (${failure.code ?? failure.message})${after}.${hint}`,
        options,
      );
    }
  }
}
