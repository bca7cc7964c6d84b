import { requestTarget } from "../connection/request-target.js";
import { xErrorDetails } from "../connection/response-error.js";
import { isTwauthError, TwauthError } from "../errors/twauth-error.js";
import { checkApiBaseUrl } from "../http/base-url.js";
import type { OAuth1Signer } from "../oauth1/signer.js";
import type { UserAuthorizationHttpOptions } from "./user-auth-http.js";
import { sendUserAuthCall } from "./user-auth-http.js";

export interface OAuthTokenRequest {
  signer: OAuth1Signer;
  /** `/oauth/request_token` or `/oauth/access_token`. */
  path: string;
  /** `oauth_*` parameters for the signed header: `oauth_callback`, `oauth_verifier`. */
  oauthParams: Record<string, string>;
  /** Form parameters sent in the body (and signed). */
  form?: Record<string, string>;
  /** Safe to send again after X may have seen it (a new request token is; a PIN is single use). */
  idempotent: boolean;
  /** Turns X's error code (or plain-text answer) into advice for this step. */
  hint: (failure: { status: number; code?: number; text: string }) => string;
  /** `POST /oauth/request_token`, for messages. */
  endpoint: string;
}

const defaultBaseUrl = "https://api.x.com";

/** The base URL under the one rule (https, or http on loopback), checked before anything is sent. */
export function userAuthBaseUrl(baseUrl: string | undefined): string {
  return checkApiBaseUrl(baseUrl ?? defaultBaseUrl, "baseUrl");
}

/** X answers these steps in v1.1 JSON or in plain text; plain text has no code to read. */
function errorCode(data: unknown): number | undefined {
  let body = data;
  if (typeof data === "string") {
    try {
      body = JSON.parse(data);
    } catch {
      return undefined;
    }
  }
  return xErrorDetails(body).apiCodes[0];
}

/** The http layer's NETWORK_ERROR, in the flow's words; the transport failure stays its cause. */
function unreachable(error: unknown, request: OAuthTokenRequest, baseUrl: string): unknown {
  if (!isTwauthError(error, "NETWORK_ERROR") || !(error.cause instanceof Error)) return error;
  const code = (error.cause as { code?: unknown }).code;
  const retries = /\(after (\d+) retr/.exec(error.message)?.[1];
  return new TwauthError(
    "NETWORK_ERROR",
    `${request.endpoint} could not reach ${baseUrl}${typeof code === "string" ? ` (${code})` : ""}${retries === undefined ? "" : ` after ${retries} ${retries === "1" ? "retry" : "retries"}`}; check the network and baseUrl.`,
    { endpoint: request.endpoint, cause: error.cause },
  );
}

/**
 * One step of the three-legged flow: a signed POST whose answer is form-encoded. X labels those
 * answers text/html and its errors come as v1.1 JSON or as plain text, so the body decides.
 */
export async function oauthTokenRequest(
  request: OAuthTokenRequest,
  options: UserAuthorizationHttpOptions,
): Promise<URLSearchParams> {
  const baseUrl = userAuthBaseUrl(options.baseUrl);
  const target = requestTarget(baseUrl, "POST", request.path, {});
  const body = new URLSearchParams(request.form ?? {}).toString();
  const call = {
    ...target,
    body,
    contentType: "application/x-www-form-urlencoded",
    signal: options.signal,
    authorization: undefined,
    metered: false,
    idempotent: request.idempotent,
    // Signed per attempt: a retry gets its own nonce and timestamp.
    authorize: () =>
      request.signer.authorize({
        method: "POST",
        url: target.url,
        form: body,
        oauthParams: request.oauthParams,
      }),
  };
  let answer: Awaited<ReturnType<typeof sendUserAuthCall>>;
  try {
    answer = await sendUserAuthCall(call, baseUrl, options);
  } catch (error) {
    throw unreachable(error, request, baseUrl);
  }
  const data = answer.data;
  const text = typeof data === "string" ? data : data === undefined ? "" : JSON.stringify(data);
  if (answer.status < 300) return new URLSearchParams(text);
  const code = errorCode(data);
  const hint = request.hint({ status: answer.status, text, ...(code === undefined ? {} : { code }) });
  throw new TwauthError(
    "AUTH_FAILED",
    `${request.endpoint} failed with ${answer.status}${code === undefined ? "" : ` (X error ${code})`}: ${hint}`,
    {
      endpoint: request.endpoint,
      status: answer.status,
      ...(code === undefined ? {} : { apiCodes: [code] }),
    },
  );
}

/** Reads a required field of a form answer, without ever printing the answer. */
export function requiredField(answer: URLSearchParams, name: string, endpoint: string): string {
  const value = answer.get(name);
  if (value === null || value === "") {
    throw new TwauthError(
      "API_ERROR",
      `${endpoint} answered without ${name}; X may have changed its answer.`,
      {
        endpoint,
        keys: [name],
      },
    );
  }
  return value;
}
