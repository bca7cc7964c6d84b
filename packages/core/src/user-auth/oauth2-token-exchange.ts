import { TwauthError } from "../errors/twauth-error.js";

/**
 * The tokens of an OAuth 2.0 user: what `exchangeOAuth2Code` and `refreshOAuth2Token` resolve to.
 * Save `refreshToken` before using `accessToken`: X's refresh tokens are single-use, and the one
 * just spent no longer works.
 *
 * @example
 * const tokens: OAuth2Tokens = await refreshOAuth2Token({ clientId, refreshToken });
 * await store.save({ OAUTH2_ACCESS_TOKEN: tokens.accessToken, OAUTH2_REFRESH_TOKEN: tokens.refreshToken ?? "" });
 */
export interface OAuth2Tokens {
  readonly accessToken: string;
  /** Present when the `offline.access` scope was granted. */
  readonly refreshToken: string | undefined;
  /** When the access token expires, epoch milliseconds (from `expires_in`). */
  readonly expiresAt: number;
  /** The scopes X granted, which can be fewer than those asked for. */
  readonly scopes: readonly string[];
}

/** How the client authenticates at the token endpoint: confidential clients by Basic, public ones by `client_id`. */
export interface OAuth2ClientAuth {
  readonly clientId: string;
  /** Only confidential clients (Web App, Automated App or bot) have one. */
  readonly clientSecret?: string | undefined;
}

/** A form POST to X's token or revoke endpoint, before sending: no secret is ever in `url`. */
export interface OAuth2FormRequest {
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/**
 * Builds the form and headers of a token or revoke request. X refuses `client_secret_post`: a
 * confidential client sends HTTP Basic with both halves form-encoded first (RFC 6749 §2.3.1);
 * a public client sends only `client_id` in the body.
 */
export function oauth2FormRequest(
  client: OAuth2ClientAuth,
  fields: Readonly<Record<string, string>>,
): OAuth2FormRequest {
  const form = new URLSearchParams(fields);
  const headers: Record<string, string> = {
    "content-type": "application/x-www-form-urlencoded",
    accept: "application/json",
  };
  if (client.clientSecret === undefined || client.clientSecret === "") {
    form.set("client_id", client.clientId);
  } else {
    const pair = `${formEncode(client.clientId)}:${formEncode(client.clientSecret)}`;
    headers.authorization = `Basic ${Buffer.from(pair, "utf8").toString("base64")}`;
  }
  return { headers, body: form.toString() };
}

function formEncode(value: string): string {
  return new URLSearchParams({ v: value }).toString().slice(2);
}

// X answers a spent, revoked or unknown refresh token with 400 invalid_request ("Value passed for
// the token was invalid."); RFC 6749 servers say invalid_grant. Both mean: sign in again.
const refreshRefusals = new Set(["invalid_grant", "invalid_request"]);

/**
 * Reads a token endpoint's answer. A success must carry an access token and a positive
 * `expires_in`; anything else is RESPONSE_INVALID naming what was missing (never a value). A
 * refused refresh is REFRESH_TOKEN_INVALID; other refusals are AUTH_FAILED with X's `error` code.
 */
export function parseOAuth2TokenAnswer(
  answer: { readonly status: number; readonly body: unknown },
  context: {
    readonly endpoint: string;
    readonly grant: "authorization_code" | "refresh_token";
    readonly now: number;
  },
): OAuth2Tokens {
  if (answer.status >= 200 && answer.status < 300)
    return tokensFrom(answer.body, context.endpoint, context.now);
  const error = oauth2ErrorCode(answer.body);
  if (
    context.grant === "refresh_token" &&
    error !== undefined &&
    refreshRefusals.has(error) &&
    answer.status === 400
  ) {
    throw new TwauthError(
      "REFRESH_TOKEN_INVALID",
      `${context.endpoint} refused the refresh token (400 ${error}): it was already used, revoked, or expired. Sign the user in again (twauth login --oauth2).`,
      { endpoint: context.endpoint, status: answer.status },
    );
  }
  const what = context.grant === "authorization_code" ? "the authorization code" : "the refresh";
  throw new TwauthError(
    "AUTH_FAILED",
    `${context.endpoint} refused ${what} (${answer.status}${error === undefined ? "" : ` ${error}`}): ${refusalHint(error, context.grant)}`,
    { endpoint: context.endpoint, status: answer.status },
  );
}

function refusalHint(error: string | undefined, grant: "authorization_code" | "refresh_token"): string {
  if (error === "unauthorized_client" || error === "invalid_client")
    return "check the client id and, for a confidential client (Web App, Automated App or bot), the client secret.";
  if (grant === "authorization_code")
    return "codes are single-use and live 30 seconds, and the redirect URI and code verifier must be those of the authorize request; start the sign-in again.";
  return "sign the user in again.";
}

function oauth2ErrorCode(body: unknown): string | undefined {
  const error = (body as { error?: unknown } | undefined)?.error;
  return typeof error === "string" && /^[a-z_]{1,64}$/.test(error) ? error : undefined;
}

function tokensFrom(body: unknown, endpoint: string, now: number): OAuth2Tokens {
  const fields = (typeof body === "object" && body !== null ? body : {}) as Record<string, unknown>;
  const accessToken = fields.access_token;
  const expiresIn = fields.expires_in;
  const missing = [
    typeof accessToken === "string" && accessToken !== "" ? undefined : "access_token",
    typeof expiresIn === "number" && expiresIn > 0 && expiresIn <= 31_536_000 ? undefined : "expires_in",
  ].filter((name) => name !== undefined);
  if (missing.length > 0) {
    throw new TwauthError(
      "RESPONSE_INVALID",
      `${endpoint} answered without a valid ${missing.join(" and ")}.`,
      {
        endpoint,
        keys: missing,
      },
    );
  }
  const refreshToken =
    typeof fields.refresh_token === "string" && fields.refresh_token !== ""
      ? fields.refresh_token
      : undefined;
  const scope = typeof fields.scope === "string" ? fields.scope : "";
  return {
    accessToken: accessToken as string,
    refreshToken,
    expiresAt: now + (expiresIn as number) * 1000,
    scopes: scope.split(" ").filter(Boolean),
  };
}
