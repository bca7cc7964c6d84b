import type { RateLimitRule } from "./limits/rate-limiter.js";

const fifteenMinutes = 15 * 60 * 1000;

/**
 * The built-in app: fake credentials shaped like X's (25-character consumer key, 50-character
 * secret). Read-write, with two loopback callback URLs approved.
 *
 * @example
 * const signer = createOAuth1Signer({
 *   consumerKey: defaultApp.consumerKey,
 *   consumerSecret: defaultApp.consumerSecret,
 *   accessToken: defaultUser.accessToken,
 *   accessTokenSecret: defaultUser.accessTokenSecret,
 * });
 */
export const defaultApp = {
  id: "29000000",
  name: "twauth emulator app",
  consumerKey: "EmuLat0rC0nsumerKey000001",
  consumerSecret: "EmuLat0rC0nsumerSecret0000000000000000000000000001",
  accessLevel: "read-write",
  callbackUrls: ["http://127.0.0.1:3000/callback", "http://localhost:3000/callback"],
} as const;

/**
 * The built-in app's OAuth 2.0 client: confidential (a Web App or bot), with the same loopback
 * redirect URIs as the app's callback URLs plus the CLI's default one.
 *
 * @example
 * const auth = createOAuth2Authorization({ clientId: defaultOAuth2Client.clientId, redirectUri: defaultOAuth2Client.redirectUris[0] });
 */
export const defaultOAuth2Client = {
  clientId: "RW11TGF0MHJPQXV0aDJDbGllbnQx",
  clientSecret: "EmuLat0rOAuth2ClientSecret00000000000000000000001",
  type: "confidential",
  redirectUris: [
    "http://127.0.0.1:3000/callback",
    "http://localhost:3000/callback",
    "http://127.0.0.1:8765/callback",
  ],
} as const;

/**
 * A public OAuth 2.0 client (a Native App or single-page app): no secret, `client_id` in the body.
 *
 * @example
 * await exchangeOAuth2Code({ clientId: defaultPublicOAuth2Client.clientId, code, codeVerifier, redirectUri });
 */
export const defaultPublicOAuth2Client = {
  clientId: "RW11TGF0MHJQdWJsaWNDbGllbnQx",
  type: "public",
  redirectUris: ["http://127.0.0.1:3000/callback", "http://127.0.0.1:8765/callback"],
} as const;

/**
 * The built-in user, holding an OAuth 1.0a access token for defaultApp and an OAuth 2.0 user token.
 *
 * @example
 * await using emulator = await startEmulator();
 * const api = await getApiConnection({
 *   baseUrl: emulator.url,
 *   credentials: { ...defaultApp, accessToken: defaultUser.accessToken, accessTokenSecret: defaultUser.accessTokenSecret },
 * });
 */
export const defaultUser = {
  id: "1460000000000000001",
  username: "twauth_emulator",
  name: "twauth Emulator",
  accessToken: "1460000000000000001-EmuLat0rAccessT0ken000000000000000000001",
  accessTokenSecret: "EmuLat0rAccessT0kenSecret00000000000000000001",
  oauth2AccessToken:
    "RW11TGF0MHJPQXV0aDJVc2VyQWNjZXNzVDBrZW4wMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDE",
} as const;

/**
 * A second built-in user with no tokens at all: sign them in through the PIN flow
 * (`screen_name=twauth_second` on the authorize URL, or setAuthorizeBehaviour).
 *
 * @example
 * emulator.setAuthorizeBehaviour({ signedInUser: secondUser.username });
 * const start = await startUserAuthorization({ ...defaultApp, baseUrl: emulator.url });
 */
export const secondUser = {
  id: "1460000000000000002",
  username: "twauth_second",
  name: "twauth Second User",
} as const;

/**
 * Realistic per-endpoint, per-token limits (X's documented 15-minute windows for the user-context
 * figures). The /oauth and /oauth2 endpoints are not limited by default.
 *
 * @example
 * // A tight window for a test, the other defaults kept:
 * await startEmulator({ rateLimits: { "GET /2/users/me": { limit: 2, windowMs: 1000 } } });
 * defaultRateLimits["GET /2/users/me"]; // { limit: 75, windowMs: 900000 }
 */
export const defaultRateLimits: Readonly<Record<string, RateLimitRule>> = {
  "GET /2/users/me": { limit: 75, windowMs: fifteenMinutes },
  "GET /1.1/account/verify_credentials.json": { limit: 75, windowMs: fifteenMinutes },
  "POST /2/tweets": { limit: 200, windowMs: fifteenMinutes },
  "GET /2/tweets/:id": { limit: 900, windowMs: fifteenMinutes },
  "GET /2/tweets/search/recent": { limit: 450, windowMs: fifteenMinutes },
};
