import { createHash } from "node:crypto";
import type {
  AppOnlyCredentials,
  Credentials,
  OAuth1UserCredentials,
  OAuth2UserCredentials,
  TokenType,
} from "../credentials/credentials.js";
import type { OAuth1Form } from "../oauth1/form.js";
import { createOAuth1Signer } from "../oauth1/signer.js";
import type { OAuth2Tokens } from "../user-auth/oauth2-token-exchange.js";
import type { BearerTokenSource } from "./bearer-token.js";
import { createBearerTokenSource, fixedBearerToken } from "./bearer-token.js";
import type { BearerTokenCache } from "./bearer-token-cache.js";
import { assertSendableCredentials } from "./credential-check.js";
import type { OAuth2Rotation } from "./oauth2-token-source.js";
import { createOAuth2TokenSource } from "./oauth2-token-source.js";
import { createRedactor, redactSecrets, secretForms } from "./redact.js";

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
  /** Where the exchanged app-only bearer token is shared. */
  readonly bearerTokenCache: BearerTokenCache;
  readonly now: () => number;
  /** Exchanges the consumer key and secret (sent as `basicAuthorization`) for a bearer token. */
  readonly exchangeBearerToken: (basicAuthorization: string) => Promise<string>;
  /** The app owner's credentials, kept by app-only connections to invalidate the bearer token. */
  readonly owner?: OAuth1UserCredentials;
  /** How an OAuth 2.0 user token is refreshed: X's token endpoint, and the store's rotation if any. */
  readonly oauth2?: OAuth2RefreshDependencies;
}

/** What an OAuth 2.0 user authorizer needs to keep its token fresh. */
export interface OAuth2RefreshDependencies {
  /** Redeems a refresh token at `POST /2/oauth2/token` for the client the credentials name. */
  readonly refresh: (credentials: OAuth2UserCredentials, refreshToken: string) => Promise<OAuth2Tokens>;
  /** The store's one-step rotation (`UpdatableSecretStore`); without it tokens rotate in this process. */
  readonly rotation: OAuth2Rotation | undefined;
  /** Refresh this long before the access token expires. */
  readonly refreshBeforeMs: number;
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

/** What every authorizer shares: redaction of its own secrets and the comparison for store reloads. */
function commonParts(credentials: Credentials): Pick<Authorizer, "redact" | "sameAs"> {
  const values = credentialValues(credentials);
  const joined = values.join("\n");
  return {
    redact: createRedactor(values),
    sameAs: (other) => other.type === credentials.type && credentialValues(other).join("\n") === joined,
  };
}

const noRenewal = async () => false;

/** The authorizer for credentials of any token type. Throws `CREDENTIALS_INVALID` for unsendable values. */
export function createAuthorizer(credentials: Credentials, dependencies: AuthorizerDependencies): Authorizer {
  assertSendableCredentials(credentials);
  const common = commonParts(credentials);
  if (credentials.type === "user") {
    const signer = createOAuth1Signer(credentials, { now: dependencies.now });
    return {
      tokenType: "user",
      tokenKey: secretHash(credentials.accessToken),
      authorize: (method, url, form) => signer.authorize({ method, url, form }),
      renew: noRenewal,
      ...common,
    };
  }
  if (credentials.type === "oauth2-user") return oauth2Authorizer(credentials, dependencies, common);
  return appAuthorizer(credentials, dependencies, common);
}

/**
 * An OAuth 2.0 user token: sent as is when nothing can refresh it; otherwise through a token source
 * that refreshes shortly before expiry and once after a 401 (never a 403), saving through the store.
 */
function oauth2Authorizer(
  credentials: OAuth2UserCredentials,
  dependencies: AuthorizerDependencies,
  common: Pick<Authorizer, "redact" | "sameAs">,
): Authorizer {
  const tokenKey = secretHash(credentials.accessToken);
  const refreshing = dependencies.oauth2;
  if (
    refreshing === undefined ||
    (credentials.refreshToken === undefined && refreshing.rotation === undefined)
  ) {
    const header = `Bearer ${credentials.accessToken}`;
    return { tokenType: "oauth2-user", tokenKey, authorize: () => header, renew: noRenewal, ...common };
  }
  const source = createOAuth2TokenSource({
    initial: credentials,
    refresh: (refreshToken) => refreshing.refresh(credentials, refreshToken),
    rotate: refreshing.rotation,
    now: dependencies.now,
    refreshBeforeMs: refreshing.refreshBeforeMs,
  });
  const withBearer = (token: string) => `Bearer ${token}`;
  const fixedForms = credentialValues(credentials).flatMap(secretForms);
  return {
    tokenType: "oauth2-user",
    tokenKey,
    authorize() {
      const token = source.current();
      return typeof token === "string" ? withBearer(token) : token.then(withBearer);
    },
    renew: (authorization) => source.renew(authorization.slice("Bearer ".length)),
    redact: (text) => redactSecrets(text, [...source.known().flatMap(secretForms), ...fixedForms]),
    sameAs: common.sameAs,
  };
}

function appAuthorizer(
  credentials: AppOnlyCredentials,
  dependencies: AuthorizerDependencies,
  common: Pick<Authorizer, "redact" | "sameAs">,
): Authorizer {
  const { consumerKey, consumerSecret, bearerToken } = credentials;
  if (consumerKey === undefined || consumerSecret === undefined) {
    const header = `Bearer ${bearerToken}`;
    return {
      tokenType: "app",
      tokenKey: secretHash(bearerToken ?? ""),
      authorize: () => header,
      renew: noRenewal,
      bearer: fixedBearerToken(bearerToken ?? ""),
      ...common,
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
          cache: dependencies.bearerTokenCache,
          appKey,
          exchange: () => dependencies.exchangeBearerToken(basic),
        })
      : fixedBearerToken(bearerToken);
  const withBearer = (token: string) => `Bearer ${token}`;
  const owner = dependencies.owner;
  const ownerSigner = owner === undefined ? undefined : createOAuth1Signer(owner, { now: dependencies.now });
  const fixedForms = [
    ...credentialValues(credentials),
    ...(owner === undefined ? [] : credentialValues(owner)),
    basic.slice("Basic ".length),
  ].flatMap(secretForms);
  return {
    tokenType: "app",
    tokenKey: appKey,
    authorize() {
      const token = bearer.current();
      return typeof token === "string" ? withBearer(token) : token.then(withBearer);
    },
    renew: (authorization) => bearer.renew(authorization.slice("Bearer ".length)),
    redact: (text) => {
      const known = bearer.known();
      return redactSecrets(text, known === undefined ? fixedForms : [...secretForms(known), ...fixedForms]);
    },
    bearer,
    ...(ownerSigner === undefined
      ? {}
      : { invalidationAuthorization: (method, url, form) => ownerSigner.authorize({ method, url, form }) }),
    sameAs: common.sameAs,
  };
}
