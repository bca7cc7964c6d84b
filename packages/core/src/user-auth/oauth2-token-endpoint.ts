import type { Answer } from "../connection/pipeline.js";
import { requestTarget } from "../connection/request-target.js";
import { TwauthError } from "../errors/twauth-error.js";
import { userAuthBaseUrl } from "./oauth-token-request.js";
import {
  type OAuth2ClientAuth,
  type OAuth2Tokens,
  oauth2FormRequest,
  parseOAuth2TokenAnswer,
} from "./oauth2-token-exchange.js";
import type { UserAuthorizationHttpOptions } from "./user-auth-http.js";
import { sendUserAuthCall } from "./user-auth-http.js";

/**
 * The code a user's consent brought back, with what the authorize URL was made with.
 *
 * @example
 * const options: ExchangeOAuth2CodeOptions = { clientId, redirectUri, code, codeVerifier };
 */
export interface ExchangeOAuth2CodeOptions extends OAuth2ClientAuth, UserAuthorizationHttpOptions {
  /** Exactly the redirect URI of the authorize URL. */
  redirectUri: string;
  /** The callback's `code` (single use, valid 30 seconds). */
  code: string;
  /** The `codeVerifier` `createOAuth2Authorization` returned. */
  codeVerifier: string;
  /** The clock `expiresAt` is counted from. @default Date.now */
  now?: () => number;
}

/**
 * A refresh token to redeem, and the client it was issued to.
 *
 * @example
 * const tokens = await refreshOAuth2Token({ clientId, clientSecret, refreshToken });
 */
export interface RefreshOAuth2TokenOptions extends OAuth2ClientAuth, UserAuthorizationHttpOptions {
  refreshToken: string;
  /** @default Date.now */
  now?: () => number;
}

/**
 * A token to revoke: an access token ends only itself, a refresh token the whole grant.
 *
 * @example
 * await revokeOAuth2Token({ clientId, token: refreshToken, tokenTypeHint: "refresh_token" });
 */
export interface RevokeOAuth2TokenOptions extends OAuth2ClientAuth, UserAuthorizationHttpOptions {
  token: string;
  tokenTypeHint?: "access_token" | "refresh_token";
}

const tokenEndpoint = "POST /2/oauth2/token";
const revokeEndpoint = "POST /2/oauth2/revoke";

function requireText(value: unknown, key: string, where: string): string {
  if (typeof value === "string" && value.trim() !== "") return value;
  throw new TwauthError("OPTIONS_INVALID", `${where}: ${key} is required and must be a non-empty string.`, {
    keys: [key],
  });
}

/**
 * One form POST to X's OAuth 2.0 endpoints through the http layer (timeout, abort, retries only when
 * the request provably never left: a code and a refresh token are single use).
 */
async function postOAuth2Form(
  path: string,
  client: OAuth2ClientAuth,
  fields: Readonly<Record<string, string>>,
  options: UserAuthorizationHttpOptions & { idempotent: boolean },
): Promise<Answer> {
  const baseUrl = userAuthBaseUrl(options.baseUrl);
  const form = oauth2FormRequest(client, fields);
  const target = requestTarget(baseUrl, "POST", path, {});
  const authorization = form.headers.authorization ?? "";
  const call = {
    ...target,
    body: form.body,
    contentType: "application/x-www-form-urlencoded",
    headers: { accept: "application/json" },
    signal: options.signal,
    authorization: undefined,
    metered: false,
    idempotent: options.idempotent,
    authorize: () => authorization,
  };
  return sendUserAuthCall(call, baseUrl, options);
}

/**
 * Redeems the authorization code of an OAuth 2.0 sign-in (PKCE) for the user's tokens, at
 * `POST /2/oauth2/token`. Confidential clients pass `clientSecret` (sent as HTTP Basic); public
 * clients do not. Throws `AUTH_FAILED` when X refuses the code (spent, expired, another verifier or
 * redirect URI), naming what to check and never a value.
 *
 * @example
 * const tokens = await exchangeOAuth2Code({ clientId, clientSecret, redirectUri, code, codeVerifier });
 * await store.save({ oauth2AccessToken: tokens.accessToken, oauth2RefreshToken: tokens.refreshToken ?? "" });
 */
export async function exchangeOAuth2Code(options: ExchangeOAuth2CodeOptions): Promise<OAuth2Tokens> {
  const where = "exchangeOAuth2Code";
  return redeem(where, "authorization_code", options, {
    code: requireText(options.code, "code", where),
    redirect_uri: requireText(options.redirectUri, "redirectUri", where),
    code_verifier: requireText(options.codeVerifier, "codeVerifier", where),
  });
}

/**
 * Redeems a refresh token for new tokens. X's refresh tokens are single use: save the new refresh
 * token before using the new access token. A spent, revoked or unknown one is `REFRESH_TOKEN_INVALID`
 * (sign the user in again). Connections built from a store do this themselves, under the store's lock.
 *
 * @example
 * const tokens = await refreshOAuth2Token({ clientId, refreshToken: saved.refreshToken });
 */
export async function refreshOAuth2Token(options: RefreshOAuth2TokenOptions): Promise<OAuth2Tokens> {
  const where = "refreshOAuth2Token";
  return redeem(where, "refresh_token", options, {
    refresh_token: requireText(options.refreshToken, "refreshToken", where),
  });
}

/** One grant at `POST /2/oauth2/token`: a code or a refresh token, both single use (never resent). */
async function redeem(
  where: string,
  grant: "authorization_code" | "refresh_token",
  options: OAuth2ClientAuth & UserAuthorizationHttpOptions & { now?: () => number },
  fields: Readonly<Record<string, string>>,
): Promise<OAuth2Tokens> {
  const client = {
    clientId: requireText(options.clientId, "clientId", where),
    clientSecret: options.clientSecret,
  };
  const form = { grant_type: grant, ...fields };
  const answer = await postOAuth2Form("/2/oauth2/token", client, form, { ...options, idempotent: false });
  const now = (options.now ?? Date.now)();
  return parseOAuth2TokenAnswer(
    { status: answer.status, body: answer.data },
    { endpoint: tokenEndpoint, grant, now },
  );
}

/**
 * Revokes a token at `POST /2/oauth2/revoke` (a refresh token ends the whole grant). Revoking is
 * idempotent, so it is retried like a GET. Throws `AUTH_FAILED` when X refuses the client.
 *
 * @example
 * await revokeOAuth2Token({ clientId, clientSecret, token: refreshToken, tokenTypeHint: "refresh_token" });
 */
export async function revokeOAuth2Token(options: RevokeOAuth2TokenOptions): Promise<void> {
  const where = "revokeOAuth2Token";
  const fields = {
    token: requireText(options.token, "token", where),
    ...(options.tokenTypeHint === undefined ? {} : { token_type_hint: options.tokenTypeHint }),
  };
  const client = {
    clientId: requireText(options.clientId, "clientId", where),
    clientSecret: options.clientSecret,
  };
  const answer = await postOAuth2Form("/2/oauth2/revoke", client, fields, { ...options, idempotent: true });
  if (answer.status < 300) return;
  const error = (answer.data as { error?: unknown } | undefined)?.error;
  const named = typeof error === "string" && /^[a-z_]{1,64}$/.test(error) ? ` ${error}` : "";
  throw new TwauthError(
    "AUTH_FAILED",
    `${revokeEndpoint} refused (${answer.status}${named}): check the client id and, for a confidential client, the client secret.`,
    { endpoint: revokeEndpoint, status: answer.status },
  );
}
