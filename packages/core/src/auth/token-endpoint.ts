import type { TwauthErrorOptions } from "../errors/twauth-error.js";
import { isTwauthError, TwauthError } from "../errors/twauth-error.js";
import { isSendableToken } from "./credential-check.js";

/** A token-endpoint request: a form POST with a fixed `Authorization` header, never metered. */
export interface TokenEndpointRequest {
  readonly path: string;
  readonly form: Readonly<Record<string, string>>;
  /** The header, or how to sign it once the URL is known (OAuth 1.0a signs the URL). */
  readonly authorization: string | ((url: string) => string);
  readonly contentType?: string;
}

/** Sends a token-endpoint request through the connection's pipeline (timeout, retries, errors). */
export type TokenEndpointSend = (
  request: TokenEndpointRequest,
) => Promise<{ readonly status: number; readonly data: unknown }>;

const tokenEndpoint = "POST /oauth2/token";

/** The context fields of an error, to carry them over to an error that rewords it. */
function contextOf(error: TwauthError): TwauthErrorOptions {
  const context: Record<string, unknown> = {};
  const json = error.toJSON();
  for (const key of ["status", "apiCodes", "problemType", "endpoint", "resetAt", "limit", "remaining"]) {
    if (json[key] !== undefined) context[key] = json[key];
  }
  return context as TwauthErrorOptions;
}

function refusedExchange(error: TwauthError): TwauthError {
  const codes = error.apiCodes === undefined ? "" : `, code ${error.apiCodes.join(", ")}`;
  return new TwauthError(
    "AUTH_FAILED",
    `X refused to exchange the consumer key and secret for a bearer token (POST /oauth2/token answered ${error.status}${codes}). Check the consumer key and consumer secret; if they are right, X may be limiting how often the app asks (code 99): share one connection, or one bearerTokenCache.`,
    { ...contextOf(error), cause: error },
  );
}

/**
 * Exchanges the consumer key and secret (as `basicAuthorization`) for the app's bearer token at
 * `POST /oauth2/token`. Throws `AUTH_FAILED` when X refuses or answers with something that is not a
 * sendable bearer token.
 */
export async function exchangeBearerToken(
  send: TokenEndpointSend,
  basicAuthorization: string,
): Promise<string> {
  let answer: { status: number; data: unknown };
  try {
    answer = await send({
      path: "/oauth2/token",
      form: { grant_type: "client_credentials" },
      authorization: basicAuthorization,
      // X's documentation asks for the charset on this endpoint.
      contentType: "application/x-www-form-urlencoded;charset=UTF-8",
    });
  } catch (error) {
    if (isTwauthError(error) && (error.status === 401 || error.status === 403)) throw refusedExchange(error);
    throw error;
  }
  const body = answer.data as { token_type?: unknown; access_token?: unknown } | undefined;
  const tokenType = typeof body?.token_type === "string" ? body.token_type.toLowerCase() : undefined;
  const token = body?.access_token;
  if (tokenType !== "bearer" || typeof token !== "string" || token === "" || !isSendableToken(token)) {
    const said = tokenType === undefined ? "missing" : `"${tokenType}"`;
    throw new TwauthError(
      "AUTH_FAILED",
      `POST /oauth2/token did not answer with a bearer token (token_type ${said}${tokenType === "bearer" ? ", access_token missing or not sendable" : ""}); check baseUrl.`,
      { endpoint: tokenEndpoint, status: answer.status },
    );
  }
  return token;
}

/** Revokes `token` at `POST /oauth2/invalidate_token`, signed as the app owner (`ownerAuthorization`). */
export async function invalidateBearerToken(
  send: TokenEndpointSend,
  token: string,
  ownerAuthorization: (method: string, url: string, form: Readonly<Record<string, string>>) => string,
): Promise<void> {
  const form = { access_token: token };
  await send({
    path: "/oauth2/invalidate_token",
    form,
    authorization: (url) => ownerAuthorization("POST", url, form),
  });
}
