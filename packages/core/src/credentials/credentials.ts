/**
 * The token types a connection can hold (the seed tutorial's three, plus OAuth 2.0 user context).
 *
 * @example
 * const api = await getApiConnection({ store, auth: "app" satisfies TokenType });
 */
export type TokenType = "user" | "app" | "oauth2-user";

/**
 * OAuth 1.0a user context: the seed's "App Access Token". Signs every request.
 *
 * @example
 * const credentials: OAuth1UserCredentials = {
 *   type: "user",
 *   consumerKey: process.env.CONSUMER_KEY ?? "",
 *   consumerSecret: process.env.CONSUMER_SECRET ?? "",
 *   accessToken: process.env.ACCESS_TOKEN ?? "",
 *   accessTokenSecret: process.env.ACCESS_TOKEN_SECRET ?? "",
 * };
 */
export interface OAuth1UserCredentials {
  readonly type: "user";
  readonly consumerKey: string;
  readonly consumerSecret: string;
  readonly accessToken: string;
  readonly accessTokenSecret: string;
}

/**
 * App-only: a given bearer token, or a consumer key and secret exchanged for one at
 * `POST /oauth2/token`. At least one of the two ways is present.
 *
 * @example
 * const credentials: AppOnlyCredentials = { type: "app", bearerToken: process.env.BEARER_TOKEN ?? "" };
 */
export interface AppOnlyCredentials {
  readonly type: "app";
  /** A bearer token from the developer portal; when absent, one is exchanged for the key and secret. */
  readonly bearerToken?: string;
  /** With `consumerSecret`, exchanged for a bearer token (and needed to invalidate one). */
  readonly consumerKey?: string;
  readonly consumerSecret?: string;
}

/**
 * OAuth 2.0 user context (PKCE): a user access token, and what is needed to refresh it.
 *
 * @example
 * const credentials: OAuth2UserCredentials = {
 *   type: "oauth2-user",
 *   accessToken: tokens.access_token,
 *   refreshToken: tokens.refresh_token,
 *   clientId: "M1M5R3BMVy13QmpScXkzTUt5OE46MTpjaQ",
 *   expiresAt: Date.now() + tokens.expires_in * 1000,
 * };
 */
export interface OAuth2UserCredentials {
  readonly type: "oauth2-user";
  /** Sent as `Authorization: Bearer …` on every request. */
  readonly accessToken: string;
  /** The app's OAuth 2.0 client id, needed to refresh. */
  readonly clientId?: string;
  /** Only confidential clients have one. */
  readonly clientSecret?: string;
  /** Given when the `offline.access` scope was granted. */
  readonly refreshToken?: string;
  /** When the access token expires, epoch milliseconds. */
  readonly expiresAt?: number;
}

/**
 * Typed credentials of any kind, told apart by `type`: what `resolveCredentials` returns and what
 * `getApiConnection({ credentials })` accepts.
 *
 * @example
 * const credentials: Credentials = resolveCredentials(await store.load());
 * const api = await getApiConnection({ credentials });
 */
export type Credentials = OAuth1UserCredentials | AppOnlyCredentials | OAuth2UserCredentials;

/** The canonical record field for each typed field, per token type (OAuth 2.0's tokens have their own names). */
const recordFields: Readonly<Record<TokenType, Readonly<Record<string, string>>>> = {
  user: {
    consumerKey: "consumerKey",
    consumerSecret: "consumerSecret",
    accessToken: "accessToken",
    accessTokenSecret: "accessTokenSecret",
  },
  app: { bearerToken: "bearerToken", consumerKey: "consumerKey", consumerSecret: "consumerSecret" },
  "oauth2-user": {
    accessToken: "oauth2AccessToken",
    refreshToken: "oauth2RefreshToken",
    clientId: "clientId",
    clientSecret: "clientSecret",
    expiresAt: "oauth2ExpiresAt",
  },
};

/**
 * Typed credentials as the string record `resolveCredentials` reads, each field under its canonical
 * name for its token type: an OAuth 2.0 `accessToken` is the record's `oauth2AccessToken`, not the
 * OAuth 1.0a access token. Fields that do not belong to the type are left out.
 *
 * @example credentialsRecord({ type: "oauth2-user", accessToken: "…", expiresAt: 1735732800000 })
 * // { oauth2AccessToken: "…", oauth2ExpiresAt: "1735732800000" }
 */
export function credentialsRecord(credentials: Credentials): Record<string, string> {
  const fields = recordFields[credentials.type];
  const record: Record<string, string> = {};
  for (const [field, value] of Object.entries(credentials)) {
    const name = fields[field];
    if (name === undefined || value === undefined) continue;
    record[name] = typeof value === "number" ? String(value) : (value as string);
  }
  return record;
}

/** True for a typed `Credentials` object: one whose `type` names a token type. */
export function isTypedCredentials(value: object): value is Credentials {
  const type = (value as { type?: unknown }).type;
  return type === "user" || type === "app" || type === "oauth2-user";
}
