/** The token types a connection can hold (the seed tutorial's three, plus OAuth 2.0 user context). */
export type TokenType = "user" | "app" | "oauth2-user";

/** OAuth 1.0a user context: the seed's "App Access Token". Signs every request. */
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
 */
export interface AppOnlyCredentials {
  readonly type: "app";
  readonly bearerToken?: string;
  readonly consumerKey?: string;
  readonly consumerSecret?: string;
}

/** OAuth 2.0 user context (PKCE): a user access token, and what is needed to refresh it. */
export interface OAuth2UserCredentials {
  readonly type: "oauth2-user";
  readonly accessToken: string;
  readonly clientId?: string;
  readonly clientSecret?: string;
  readonly refreshToken?: string;
  /** When the access token expires, epoch milliseconds. */
  readonly expiresAt?: number;
}

export type Credentials = OAuth1UserCredentials | AppOnlyCredentials | OAuth2UserCredentials;
