import type { FetchFunction } from "../connection/fetch-transport.js";
import { xErrorDetails } from "../connection/response-error.js";
import { TwauthError } from "../errors/twauth-error.js";
import type { OAuth1Signer } from "../oauth1/signer.js";

export interface OAuthTokenRequest {
  signer: OAuth1Signer;
  url: string;
  /** `oauth_*` parameters for the signed header: `oauth_callback`, `oauth_verifier`. */
  oauthParams: Record<string, string>;
  /** Form parameters sent in the body (and signed). */
  form?: Record<string, string>;
  fetch?: FetchFunction | undefined;
  signal?: AbortSignal | undefined;
  /** Turns X's error code (or plain-text answer) into advice for this step. */
  hint: (failure: { status: number; code?: number; text: string }) => string;
  /** `POST /oauth/request_token`, for messages. */
  endpoint: string;
}

/**
 * One step of the three-legged flow: a signed POST whose answer is form-encoded. X labels those
 * answers text/html and its errors come as v1.1 JSON or as plain text, so the body decides.
 */
export async function oauthTokenRequest(request: OAuthTokenRequest): Promise<URLSearchParams> {
  const body = new URLSearchParams(request.form ?? {}).toString();
  const authorization = request.signer.authorize({
    method: "POST",
    url: request.url,
    form: body,
    oauthParams: request.oauthParams,
  });
  const send = request.fetch ?? globalThis.fetch;
  let response: Response;
  let text: string;
  try {
    response = await send(request.url, {
      method: "POST",
      headers: { authorization, "content-type": "application/x-www-form-urlencoded" },
      body,
      ...(request.signal === undefined ? {} : { signal: request.signal }),
    });
    text = await response.text();
  } catch (error) {
    if (request.signal?.aborted) {
      throw new TwauthError("ABORTED", `${request.endpoint} was aborted.`, { endpoint: request.endpoint });
    }
    const code = (error as { cause?: { code?: unknown } }).cause?.code;
    throw new TwauthError(
      "NETWORK_ERROR",
      `${request.endpoint} could not reach ${new URL(request.url).origin}${typeof code === "string" ? ` (${code})` : ""}; check the network and baseUrl.`,
      { endpoint: request.endpoint },
    );
  }
  if (response.ok) return new URLSearchParams(text);

  const code = xErrorDetails(parseJson(text)).apiCodes[0];
  const hint = request.hint({ status: response.status, text, ...(code === undefined ? {} : { code }) });
  throw new TwauthError(
    "AUTH_FAILED",
    `${request.endpoint} failed with ${response.status}${code === undefined ? "" : ` (X error ${code})`}: ${hint}`,
    {
      endpoint: request.endpoint,
      status: response.status,
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

/** X answers these steps in v1.1 JSON or in plain text; plain text has no code to read. */
function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
