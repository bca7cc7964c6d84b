import { createHash, randomBytes } from "node:crypto";
import { TwauthError } from "../errors/twauth-error.js";
import { defaultOAuth2Scopes } from "./oauth2-scopes.js";

/**
 * What the authorize URL needs: the app's OAuth 2.0 client id, the exact redirect URI registered in
 * the developer portal, and the scopes to ask for.
 *
 * @example
 * const options: OAuth2AuthorizationOptions = {
 *   clientId,
 *   redirectUri: "http://127.0.0.1:8765/callback",
 *   scopes: oauth2ScopePresets.post,
 * };
 */
export interface OAuth2AuthorizationOptions {
  /** The app's OAuth 2.0 Client ID (developer portal, "Keys and tokens"). */
  clientId: string;
  /** Where X sends the user back; must match a callback URL of the app exactly. */
  redirectUri: string;
  /** @default oauth2ScopePresets.read */
  scopes?: readonly string[];
  /** A value of your own to check on the callback. @default 32 random bytes, base64url */
  state?: string;
  /** X's consent page (the emulator's `/i/oauth2/authorize` in tests). @default "https://x.com/i/oauth2/authorize" */
  authorizeUrl?: string;
}

/**
 * The URL to send the user to, and the two values to keep until the callback: `state` (compare it
 * with the callback's) and `codeVerifier` (a secret: pass it to `exchangeOAuth2Code`, never log it).
 *
 * @example
 * const { url, state, codeVerifier } = createOAuth2Authorization({ clientId, redirectUri });
 */
export interface OAuth2Authorization {
  readonly url: string;
  readonly state: string;
  readonly codeVerifier: string;
}

const maxStateLength = 500;
// X documents `state` as up to 500 characters; a scope is a word of letters, dots and underscores.
const scopePattern = /^[a-z][a-z._]*$/;

/**
 * Starts OAuth 2.0 Authorization Code with PKCE (S256, the only method X accepts): a fresh code
 * verifier and state from `crypto.randomBytes`, and the authorize URL carrying the challenge.
 *
 * @example
 * const auth = createOAuth2Authorization({ clientId, redirectUri, scopes: ["tweet.read", "users.read", "offline.access"] });
 * response.writeHead(302, { location: auth.url });
 */
export function createOAuth2Authorization(options: OAuth2AuthorizationOptions): OAuth2Authorization {
  const scopes = options.scopes ?? defaultOAuth2Scopes;
  checkAuthorizationOptions(options, scopes);
  const state = options.state ?? randomBytes(32).toString("base64url");
  const codeVerifier = randomBytes(48).toString("base64url");
  const url = new URL(options.authorizeUrl ?? "https://x.com/i/oauth2/authorize");
  url.searchParams.set("response_type", "code");
  url.searchParams.set("client_id", options.clientId);
  url.searchParams.set("redirect_uri", options.redirectUri);
  url.searchParams.set("scope", scopes.join(" "));
  url.searchParams.set("state", state);
  url.searchParams.set("code_challenge", pkceS256Challenge(codeVerifier));
  url.searchParams.set("code_challenge_method", "S256");
  return { url: url.toString(), state, codeVerifier };
}

/** RFC 7636 §4.2: the unpadded base64url of the verifier's SHA-256. */
export function pkceS256Challenge(codeVerifier: string): string {
  return createHash("sha256").update(codeVerifier, "ascii").digest("base64url");
}

function checkAuthorizationOptions(options: OAuth2AuthorizationOptions, scopes: readonly string[]): void {
  const problems: string[] = [];
  if (typeof options.clientId !== "string" || options.clientId.trim() === "")
    problems.push("clientId must be the app's OAuth 2.0 Client ID");
  if (!isAbsoluteUrl(options.redirectUri)) problems.push("redirectUri must be an absolute URL");
  if (scopes.length === 0 || scopes.some((scope) => !scopePattern.test(scope)))
    problems.push('scopes must be a non-empty list of X scopes such as "tweet.read"');
  if (options.state !== undefined && (options.state === "" || options.state.length > maxStateLength))
    problems.push("state must be 1 to 500 characters");
  if (options.authorizeUrl !== undefined && !isAbsoluteUrl(options.authorizeUrl))
    problems.push("authorizeUrl must be an absolute URL");
  if (problems.length === 0) return;
  throw new TwauthError("OPTIONS_INVALID", `createOAuth2Authorization: ${problems.join("; ")}.`, {
    keys: problems.map((problem) => problem.split(" ")[0] ?? ""),
  });
}

function isAbsoluteUrl(value: unknown): boolean {
  return typeof value === "string" && URL.canParse(value);
}
