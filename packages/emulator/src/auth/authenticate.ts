import type { EmulatorRequest } from "../http/emulator-request.js";
import type { EmulatorResponse } from "../http/emulator-response.js";
import {
  type ErrorStyle,
  unauthorizedProblem,
  unsupportedAuthenticationProblem,
  type V1AuthError,
  v1AuthError,
} from "../http/x-errors.js";
import { constantTimeEqual } from "../oauth1/hmac-sha1-signature.js";
import type { NonceCache } from "../oauth1/nonce-cache.js";
import { type OAuth1Claim, parseOAuth1Request } from "../oauth1/parse-oauth1-request.js";
import { baseStringUri } from "../oauth1/signature-base-string.js";
import {
  type OAuth1Rejection,
  type OAuth1Secrets,
  verifyOAuth1Claim,
} from "../oauth1/verify-oauth1-claim.js";
import type { OAuth2Grants } from "../oauth2/oauth2-grants.js";
import type { Registry } from "../state/registry.js";
import type { Identity } from "./identity.js";

/**
 * What a route accepts. "user": OAuth 1.0a user or OAuth 2.0 user; "user-or-app": those or an
 * app-only bearer; "oauth1-user": OAuth 1.0a user only (v1.1 and invalidate_token);
 * "oauth1-consumer": consumer-only signature (request_token); "oauth1-request-token": signed with
 * a request token (access_token); "basic": consumer key and secret as Basic (oauth2/token).
 */
export type AuthPolicy =
  | "none"
  | "user"
  | "user-or-app"
  | "oauth1-user"
  | "oauth1-consumer"
  | "oauth1-request-token"
  | "basic";

export interface AuthContext {
  registry: Registry;
  oauth2: OAuth2Grants;
  nonces: NonceCache;
  now: number;
  toleranceSeconds: number;
  /** Host to sign against when a request has no Host header. */
  defaultHost: string;
}

/** A refusal carries the identity when the credentials were valid but not accepted by this route. */
export type AuthResult =
  | { ok: true; identity: Identity }
  | { ok: false; response: EmulatorResponse; identity?: Identity };

export function authenticate(
  request: EmulatorRequest,
  policy: AuthPolicy,
  style: ErrorStyle,
  context: AuthContext,
): AuthResult {
  if (policy === "none") return { ok: true, identity: { kind: "anonymous" } };
  const authorization = request.headers.authorization;
  if (policy === "basic") return authenticateBasic(authorization, context.registry);
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "")?.[1];
  if (bearer !== undefined) return authenticateBearer(bearer, policy, style, context);

  const parsed = parseOAuth1Request({
    method: request.method,
    uri: baseStringUri("http", request.headers.host ?? context.defaultHost, request.path),
    query: request.rawQuery,
    form: request.contentType === "application/x-www-form-urlencoded" ? request.body : undefined,
    authorization,
  });
  if (parsed.kind === "absent") return fail(style, "badAuthenticationData");
  if (parsed.kind === "malformed") return fail(style, "couldNotAuthenticate");
  return authenticateOAuth1(parsed.claim, policy, style, context);
}

function authenticateOAuth1(
  claim: OAuth1Claim,
  policy: AuthPolicy,
  style: ErrorStyle,
  context: AuthContext,
): AuthResult {
  const { registry } = context;
  const app = registry.app(claim.consumerKey);
  const check = (secrets: OAuth1Secrets): OAuth1Rejection | undefined =>
    verifyOAuth1Claim(claim, secrets, {
      nowSeconds: Math.floor(context.now / 1000),
      toleranceSeconds: context.toleranceSeconds,
      nonces: context.nonces,
    });

  if (policy === "oauth1-consumer") {
    const rejection = check({ consumerSecret: app?.consumerSecret, tokenSecret: "" });
    if (rejection || !app) return failOAuth1(style, rejection ?? "unknown-consumer");
    return { ok: true, identity: { kind: "oauth1-consumer", app, claim } };
  }

  if (policy === "oauth1-request-token") {
    const requestToken =
      claim.token === undefined ? undefined : registry.requestToken(claim.token, context.now);
    const tokenSecret = requestToken?.consumerKey === claim.consumerKey ? requestToken.secret : undefined;
    const rejection = check({ consumerSecret: app?.consumerSecret, tokenSecret });
    if (rejection || !app || !requestToken) return failOAuth1(style, rejection ?? "unknown-token");
    return { ok: true, identity: { kind: "oauth1-request-token", app, requestToken, claim } };
  }

  if (claim.token === undefined) return fail(style, "couldNotAuthenticate");
  const token = registry.accessToken(claim.token);
  const user = token && registry.user(token.userId);
  const tokenSecret = token?.consumerKey === claim.consumerKey && user ? token.secret : undefined;
  const rejection = check({ consumerSecret: app?.consumerSecret, tokenSecret });
  if (rejection || !app || !token || !user) return failOAuth1(style, rejection ?? "unknown-token");
  return { ok: true, identity: { kind: "oauth1-user", app, token, user, claim } };
}

function authenticateBearer(
  token: string,
  policy: AuthPolicy,
  style: ErrorStyle,
  context: AuthContext,
): AuthResult {
  const identity = bearerIdentity(token, context);
  if (!identity) return fail(style, "invalidOrExpiredToken");
  if (policy === "user-or-app" || (policy === "user" && identity.kind === "oauth2-user"))
    return { ok: true, identity };
  if (policy === "user" && style === "v2")
    return { ok: false, response: unsupportedAuthenticationProblem(), identity };
  const refusal = fail(style, policy === "oauth1-user" ? "credentialsNotAllowed" : "badAuthenticationData");
  return { ...refusal, identity };
}

function bearerIdentity(token: string, { registry, oauth2 }: AuthContext): Identity | undefined {
  const app = registry.appForBearer(token);
  if (app) return { kind: "app-bearer", app };
  const seeded = registry.userForOAuth2Token(token);
  if (seeded) return { kind: "oauth2-user", user: seeded, scopes: undefined };
  const grant = oauth2.accessGrant(token);
  const user = grant && registry.user(grant.userId);
  return user && grant ? { kind: "oauth2-user", user, scopes: grant.scopes } : undefined;
}

function authenticateBasic(authorization: string | undefined, registry: Registry): AuthResult {
  const encoded = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(authorization ?? "")?.[1];
  const decoded = encoded === undefined ? "" : Buffer.from(encoded, "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon === -1) return fail("v1", "unableToVerifyCredentials");
  let consumerKey: string;
  let consumerSecret: string;
  try {
    // RFC 6749 §2.3.1: each half is form-encoded before the pair is base64-encoded.
    consumerKey = decodeURIComponent(decoded.slice(0, colon).replace(/\+/g, " "));
    consumerSecret = decodeURIComponent(decoded.slice(colon + 1).replace(/\+/g, " "));
  } catch {
    return fail("v1", "unableToVerifyCredentials");
  }
  const app = registry.app(consumerKey);
  if (!app || !constantTimeEqual(consumerSecret, app.consumerSecret))
    return fail("v1", "unableToVerifyCredentials");
  return { ok: true, identity: { kind: "basic", app } };
}

const rejectionErrors: Record<OAuth1Rejection, V1AuthError> = {
  "unknown-consumer": "couldNotAuthenticate",
  "unknown-token": "invalidOrExpiredToken",
  timestamp: "timestampOutOfBounds",
  signature: "couldNotAuthenticate",
  "nonce-replay": "couldNotAuthenticate",
};

function failOAuth1(style: ErrorStyle, rejection: OAuth1Rejection): AuthResult {
  return fail(style, rejectionErrors[rejection]);
}

/** v2 routes answer every authentication failure with the same bare problem; v1.1 names the cause. */
function fail(style: ErrorStyle, error: V1AuthError): AuthResult {
  return { ok: false, response: style === "v2" ? unauthorizedProblem() : v1AuthError(error) };
}
