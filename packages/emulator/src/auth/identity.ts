import type { OAuth1Claim } from "../oauth1/parse-oauth1-request.js";
import type { AccessTokenRecord, Registry, RequestTokenRecord } from "../state/registry.js";

type AppRecord = NonNullable<ReturnType<Registry["app"]>>;
type UserRecord = NonNullable<ReturnType<Registry["user"]>>;

/** Who a request was authenticated as. */
export type Identity =
  | { kind: "oauth1-user"; app: AppRecord; token: AccessTokenRecord; user: UserRecord; claim: OAuth1Claim }
  | { kind: "oauth1-consumer"; app: AppRecord; claim: OAuth1Claim }
  | { kind: "oauth1-request-token"; app: AppRecord; requestToken: RequestTokenRecord; claim: OAuth1Claim }
  | { kind: "app-bearer"; app: AppRecord }
  | { kind: "oauth2-user"; user: UserRecord; scopes: readonly string[] | undefined }
  | { kind: "basic"; app: AppRecord }
  | { kind: "anonymous" };

/**
 * The key stats and rate limits use for an identity. Never a secret: the OAuth 1.0a access token
 * is the public half of the pair; app bearers and OAuth 2 tokens are named by app and user instead.
 */
export function tokenKey(identity: Identity): string | null {
  switch (identity.kind) {
    case "oauth1-user":
      return identity.token.token;
    case "oauth1-consumer":
    case "basic":
      return `consumer:${identity.app.consumerKey}`;
    case "oauth1-request-token":
      return `request-token:${identity.requestToken.token}`;
    case "app-bearer":
      return `app:${identity.app.consumerKey}`;
    case "oauth2-user":
      return `oauth2:${identity.user.id}`;
    case "anonymous":
      return null;
  }
}

/** The user a user-context identity acts for. */
export function userOf(identity: Identity): UserRecord | undefined {
  return identity.kind === "oauth1-user" || identity.kind === "oauth2-user" ? identity.user : undefined;
}
