/**
 * An OAuth 2.0 client of the emulator, as the developer portal shows it for an app: confidential
 * clients (Web App, Automated App or bot) authenticate with HTTP Basic, public ones (Native App,
 * single-page app) send only `client_id` in the body.
 *
 * @example
 * emulator.addOAuth2Client({ type: "public", redirectUris: ["http://127.0.0.1:8765/callback"] });
 */
export interface OAuth2ClientSeed {
  /** @default generated */
  clientId?: string;
  /** Only for confidential clients. @default generated for "confidential" */
  clientSecret?: string;
  /** @default "confidential" */
  type?: "confidential" | "public";
  /** Exact redirect URIs the client may use (X compares them exactly). @default [] */
  redirectUris?: readonly string[];
}

export interface OAuth2Client {
  readonly clientId: string;
  readonly clientSecret: string | undefined;
  readonly type: "confidential" | "public";
  readonly redirectUris: readonly string[];
}

/** What a token response carries, in X's field names. */
export interface OAuth2TokenResponse {
  token_type: "bearer";
  expires_in: number;
  access_token: string;
  scope: string;
  refresh_token?: string;
}

/** An OAuth 2.0 error answer: `error` and `error_description` as X sends them, and the status. */
export interface OAuth2Failure {
  readonly status: number;
  readonly error: string;
  readonly description: string;
}

/** What a valid OAuth 2.0 user access token stands for. */
export interface OAuth2AccessGrant {
  readonly userId: string;
  readonly clientId: string;
  readonly scopes: readonly string[];
}

/**
 * Counts that prove rotation: refresh tokens redeemed, attempts to redeem one already spent, and
 * grants revoked by a second sign-in.
 */
export interface OAuth2Stats {
  readonly codesIssued: number;
  readonly codesRedeemed: number;
  /** Refresh tokens redeemed (each is accepted once, then replaced). */
  readonly refreshTokensSpent: number;
  /** Attempts to redeem a refresh token that was already spent: 0 when every client rotated safely. */
  readonly spentRefreshTokenReuses: number;
  readonly grantsRevokedBySecondSignIn: number;
}

/** The scopes X documents for OAuth 2.0 user context. */
export const knownOAuth2Scopes: ReadonlySet<string> = new Set([
  "tweet.read",
  "tweet.write",
  "tweet.moderate.write",
  "users.email",
  "users.read",
  "follows.read",
  "follows.write",
  "offline.access",
  "space.read",
  "mute.read",
  "mute.write",
  "like.read",
  "like.write",
  "list.read",
  "list.write",
  "block.read",
  "block.write",
  "bookmark.read",
  "bookmark.write",
  "dm.read",
  "dm.write",
  "media.write",
  "timeline.read",
]);
