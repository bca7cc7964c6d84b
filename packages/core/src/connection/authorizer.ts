import { createHash } from "node:crypto";
import type { Credentials, OAuth1UserCredentials, TokenType } from "../credentials/credentials.js";
import type { OAuth1Form } from "../oauth1/form.js";
import { createOAuth1Signer } from "../oauth1/signer.js";
import type { BearerTokenSource } from "./bearer-token.js";
import { createBearerTokenSource, fixedBearerToken } from "./bearer-token.js";
import type { RateLimitState } from "./rate-limit-state.js";

/**
 * How a connection authorizes requests with one set of credentials. Secrets live only in the
 * closures behind these functions, never in a property a logger could print.
 */
export interface Authorizer {
  readonly tokenType: TokenType;
  /** A short hash naming the token in rate-limit keys. */
  readonly tokenKey: string;
  /** The `Authorization` header value for one request. */
  authorize(method: string, url: string, form: OAuth1Form | undefined): string | Promise<string>;
  /** After a 401 to a request sent with `authorization`: true when a fresh token is worth one more try. */
  renew(authorization: string): Promise<boolean>;
  /** Replaces every secret of these credentials in `text` (for X's words quoted in error messages). */
  redact(text: string): string;
  /** The exchanged bearer token, for app-only credentials with a consumer key and secret. */
  readonly bearer?: BearerTokenSource;
  /**
   * Signs `POST /oauth2/invalidate_token` as the app owner (OAuth 1.0a user context, as X asks);
   * only for app-only credentials that came with the owner's access token.
   */
  invalidationAuthorization?(method: string, url: string, form: OAuth1Form | undefined): string;
  /** True when both sets of credentials hold the same values. */
  sameAs(credentials: Credentials): boolean;
}

export interface AuthorizerDependencies {
  readonly state: RateLimitState;
  readonly now: () => number;
  /** Exchanges the consumer key and secret (sent as `basicAuthorization`) for a bearer token. */
  readonly exchangeBearerToken: (basicAuthorization: string) => Promise<string>;
  /** The app owner's credentials, kept by app-only connections to invalidate the bearer token. */
  readonly owner?: OAuth1UserCredentials;
}

/** A short, stable, one-way name for a secret: safe in rate-limit keys, logs and Redis. */
export function secretHash(value: string): string {
  return createHash("sha256").update(value).digest("base64url").slice(0, 16);
}

function credentialValues(credentials: Credentials): string[] {
  const values: string[] = [];
  for (const value of Object.values(credentials)) {
    if (typeof value === "string" && value !== credentials.type) values.push(value);
  }
  return values;
}

// An Authorization header value of any scheme twauth sends, e.g. echoed back by a proxy's error page.
const authorizationPattern = /\bOAuth\s+(?:oauth_\w+="[^"]*"(?:,\s*)?)+|\b(?:Bearer|Basic)\s+[\w.~+/=%-]+/g;

/** Replaces each secret, and anything shaped like an Authorization header, in `text`. */
function redactSecrets(text: string, secrets: readonly (string | undefined)[]): string {
  let result = text.replace(authorizationPattern, "[redacted authorization]");
  for (const secret of secrets) {
    // Short values (a test's "k") would mangle ordinary words; real X secrets are 25+ characters.
    if (secret !== undefined && secret.length >= 6 && result.includes(secret)) {
      result = result.split(secret).join("[redacted]");
    }
  }
  return result;
}

/** The authorizer for credentials of any token type. */
export function createAuthorizer(credentials: Credentials, dependencies: AuthorizerDependencies): Authorizer {
  const values = credentialValues(credentials);
  const redact = (text: string) => redactSecrets(text, values);
  const sameAs = (other: Credentials) => {
    const otherValues = credentialValues(other);
    return other.type === credentials.type && otherValues.join("\n") === values.join("\n");
  };

  if (credentials.type === "user") {
    const signer = createOAuth1Signer(credentials, { now: dependencies.now });
    return {
      tokenType: "user",
      tokenKey: secretHash(credentials.accessToken),
      authorize: (method, url, form) => signer.authorize({ method, url, form }),
      renew: async () => false,
      redact,
      sameAs,
    };
  }

  if (credentials.type === "oauth2-user") {
    const header = `Bearer ${credentials.accessToken}`;
    return {
      tokenType: "oauth2-user",
      tokenKey: secretHash(credentials.accessToken),
      authorize: () => header,
      renew: async () => false,
      redact,
      sameAs,
    };
  }

  const { consumerKey, consumerSecret, bearerToken } = credentials;
  if (consumerKey === undefined || consumerSecret === undefined) {
    const bearer = fixedBearerToken(bearerToken ?? "");
    return {
      tokenType: "app",
      tokenKey: secretHash(bearerToken ?? ""),
      authorize: () => `Bearer ${bearerToken}`,
      renew: async () => false,
      redact,
      bearer,
      sameAs,
    };
  }
  // RFC 6749 §2.3.1: both halves are form-encoded before they are joined.
  const basic = `Basic ${Buffer.from(
    `${encodeURIComponent(consumerKey)}:${encodeURIComponent(consumerSecret)}`,
  ).toString("base64")}`;
  const appKey = secretHash(consumerKey);
  const bearer =
    bearerToken === undefined
      ? createBearerTokenSource({
          state: dependencies.state,
          appKey,
          exchange: () => dependencies.exchangeBearerToken(basic),
        })
      : fixedBearerToken(bearerToken);
  const withBearer = (token: string) => `Bearer ${token}`;
  const owner =
    dependencies.owner === undefined
      ? undefined
      : createOAuth1Signer(dependencies.owner, { now: dependencies.now });
  const ownerSecrets = dependencies.owner === undefined ? [] : credentialValues(dependencies.owner);
  return {
    tokenType: "app",
    tokenKey: appKey,
    authorize() {
      const token = bearer.current();
      return typeof token === "string" ? withBearer(token) : token.then(withBearer);
    },
    renew: (authorization) => bearer.renew(authorization.slice("Bearer ".length)),
    redact: (text) =>
      redactSecrets(text, [...values, ...ownerSecrets, bearer.known(), basic.slice("Basic ".length)]),
    bearer,
    ...(owner === undefined
      ? {}
      : { invalidationAuthorization: (method, url, form) => owner.authorize({ method, url, form }) }),
    sameAs,
  };
}
