import { TwauthError } from "../errors/twauth-error.js";
import { invalidJson, invalidJsonError, parseBody } from "../http/parse-body.js";
import type { Transport, TransportResponse } from "../http/transport.js";
import { abortedError } from "../http/transport-error.js";
import type { RateLimitInfo } from "../rate-limit/rate-limit-info.js";
import { parseRateLimitHeaders } from "../rate-limit/rate-limit-info.js";
import type { NormalizedConnectionOptions } from "./connection-options.js";
import type { Answer, Call, CallProgress, Send } from "./pipeline.js";

export interface AttemptDependencies {
  readonly transport: Transport;
  readonly options: Pick<
    NormalizedConnectionOptions,
    "timeoutMs" | "connectTimeoutMs" | "maxResponseBytes" | "userAgent"
  >;
  /**
   * The `Authorization` value for a call without a fixed one: the connection's current authorizer
   * (it changes when a store reload rotates the credentials). Asked again for every attempt, so an
   * OAuth 1.0a retry gets a fresh nonce.
   */
  readonly authorize: (call: Call) => string | Promise<string>;
  readonly closed: () => boolean;
  /** Keeps an endpoint's latest figures for `api.rateLimits`. */
  readonly recordRateLimit: (endpoint: string, rateLimit: RateLimitInfo) => void;
}

function requestHeaders(call: Call, authorization: string, userAgent: string): Record<string, string> {
  // No `accept`: X answers JSON anyway, and every byte of a header is paid on every request.
  // A public OAuth 2.0 client's token request has no Authorization at all (its client_id is in the body).
  const headers: Record<string, string> =
    authorization === "" ? { "user-agent": userAgent } : { authorization, "user-agent": userAgent };
  if (call.contentType !== undefined) headers["content-type"] = call.contentType;
  if (call.headers !== undefined) {
    for (const name in call.headers) headers[name] = call.headers[name]!;
  }
  return headers;
}

/** The body as data; a success that says JSON and is not is `RESPONSE_INVALID`, an error's is left out. */
function answerData(call: Call, response: TransportResponse): unknown {
  const data = parseBody(response);
  if (data !== invalidJson) return data;
  if (response.status < 400) throw invalidJsonError(call.endpoint, response);
  return undefined;
}

/**
 * The innermost step: authorizes and sends one attempt and reads its answer. Throws the transport's
 * `TransportFailure` when no answer came, for the retry step to judge.
 */
export function createAttempt(dependencies: AttemptDependencies): Send {
  const { transport, options } = dependencies;
  return async (call: Call, progress: CallProgress): Promise<Answer> => {
    if (dependencies.closed()) {
      throw new TwauthError("NETWORK_ERROR", `${call.endpoint}: this connection was closed.`, {
        endpoint: call.endpoint,
      });
    }
    if (call.signal?.aborted) throw abortedError(call.endpoint, call.signal.reason);
    const pending = call.authorization ?? dependencies.authorize(call);
    // Signing is synchronous; only a bearer exchange in progress needs an await.
    const authorization = typeof pending === "string" ? pending : await pending;
    progress.authorization = authorization;
    const response = await transport.send({
      method: call.method,
      url: call.url,
      headers: requestHeaders(call, authorization, options.userAgent),
      body: call.body,
      timeoutMs: options.timeoutMs,
      connectTimeoutMs: options.connectTimeoutMs,
      maxResponseBytes: options.maxResponseBytes,
      signal: call.signal,
    });
    const rateLimit = parseRateLimitHeaders(response.headers);
    if (call.metered && rateLimit !== undefined) dependencies.recordRateLimit(call.endpoint, rateLimit);
    return {
      status: response.status,
      headers: response.headers,
      data: answerData(call, response),
      rateLimit,
    };
  };
}
