/** What a token lets an app do, as X's `x-access-level` header names it. */
export type AccessLevel = "read" | "read-write" | "read-write-directmessages";

/** An app (a developer portal "project app") as given to the emulator; missing fields are generated. */
export interface AppSeed {
  consumerKey?: string;
  consumerSecret?: string;
  name?: string;
  /** Numeric string; generated when omitted. */
  id?: string;
  /** Default "read-write". */
  accessLevel?: AccessLevel;
  /** Approved callback URLs for the three-legged flow; empty means a desktop (PIN only) app. */
  callbackUrls?: readonly string[];
}

export interface EmulatorApp {
  readonly id: string;
  readonly name: string;
  readonly consumerKey: string;
  readonly consumerSecret: string;
  readonly accessLevel: AccessLevel;
  readonly callbackUrls: readonly string[];
}

/** A user as given to the emulator. */
export interface UserSeed {
  /** Numeric string; generated when omitted. */
  id?: string;
  username: string;
  /** Display name; defaults to the username. */
  name?: string;
  /** The user's OAuth 1.0a access token for `consumerKey`'s app; generated when omitted and issueTokens is not false. */
  accessToken?: string;
  accessTokenSecret?: string;
  /** Which app the access token belongs to; default the first app. */
  consumerKey?: string;
  /** The token's access level; default the app's. */
  accessLevel?: AccessLevel;
  /** An OAuth 2.0 user access token (Bearer); generated when omitted and issueTokens is not false. */
  oauth2AccessToken?: string;
  /** false: the user starts with no tokens (sign them in through the PIN flow). Default true. */
  issueTokens?: boolean;
}

export interface EmulatorUser {
  readonly id: string;
  readonly username: string;
  readonly name: string;
  readonly accessToken?: string;
  readonly accessTokenSecret?: string;
  readonly oauth2AccessToken?: string;
}

export interface OAuth1Token {
  readonly accessToken: string;
  readonly accessTokenSecret: string;
}

export interface Tweet {
  readonly id: string;
  readonly text: string;
  readonly authorId: string;
  /** Epoch ms on the emulator's clock. */
  readonly createdAt: number;
}
