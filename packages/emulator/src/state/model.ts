/**
 * What a token lets an app do, as X's `x-access-level` header names it.
 *
 * @example
 * emulator.issueAccessToken("twauth_emulator", { accessLevel: "read" satisfies AccessLevel });
 */
export type AccessLevel = "read" | "read-write" | "read-write-directmessages";

/**
 * An app (a developer portal "project app") as given to the emulator; missing fields are generated.
 *
 * @example
 * const app = emulator.addApp({ name: "read-only bot", accessLevel: "read", callbackUrls: [] });
 */
export interface AppSeed {
  /** @default a generated 25-character key */
  consumerKey?: string;
  /** @default a generated 50-character secret */
  consumerSecret?: string;
  /** @default `emulator-app-<id>` */
  name?: string;
  /** Numeric string. @default generated */
  id?: string;
  /** @default "read-write" */
  accessLevel?: AccessLevel;
  /** Approved callback URLs for the three-legged flow; empty means a desktop (PIN only) app. @default [] */
  callbackUrls?: readonly string[];
}

/**
 * An app as the emulator holds it, every field filled in.
 *
 * @example
 * const { consumerKey, consumerSecret } = emulator.apps()[0]!;
 */
export interface EmulatorApp {
  readonly id: string;
  readonly name: string;
  readonly consumerKey: string;
  readonly consumerSecret: string;
  readonly accessLevel: AccessLevel;
  readonly callbackUrls: readonly string[];
}

/**
 * A user as given to the emulator.
 *
 * @example
 * const bot = emulator.addUser({ username: "news_bot", accessLevel: "read" });
 * const pinOnly = emulator.addUser({ username: "new_user", issueTokens: false });
 */
export interface UserSeed {
  /** Numeric string. @default generated */
  id?: string;
  username: string;
  /** Display name. @default the username */
  name?: string;
  /** The user's OAuth 1.0a access token for `consumerKey`'s app. @default generated (unless issueTokens is false) */
  accessToken?: string;
  /** @default generated (unless issueTokens is false) */
  accessTokenSecret?: string;
  /** Which app the access token belongs to. @default the first app */
  consumerKey?: string;
  /** The token's access level, never above the app's. @default the app's */
  accessLevel?: AccessLevel;
  /** An OAuth 2.0 user access token (Bearer). @default generated (unless issueTokens is false) */
  oauth2AccessToken?: string;
  /** false: the user starts with no tokens (sign them in through the PIN flow). @default true */
  issueTokens?: boolean;
}

/**
 * A user as the emulator holds it, with the tokens for one app (absent when the user has none).
 *
 * @example
 * const user = emulator.user("@twauth_emulator");
 * const credentials = { ...defaultApp, accessToken: user?.accessToken, accessTokenSecret: user?.accessTokenSecret };
 */
export interface EmulatorUser {
  readonly id: string;
  readonly username: string;
  readonly name: string;
  readonly accessToken?: string;
  readonly accessTokenSecret?: string;
  readonly oauth2AccessToken?: string;
}

/**
 * An OAuth 1.0a access token pair the emulator issued.
 *
 * @example
 * const { accessToken, accessTokenSecret }: OAuth1Token = emulator.issueAccessToken("twauth_emulator");
 */
export interface OAuth1Token {
  readonly accessToken: string;
  readonly accessTokenSecret: string;
}

/**
 * A tweet stored by `POST /2/tweets`.
 *
 * @example
 * const [latest] = emulator.tweets();
 * expect(latest?.text).toBe("hello from twauth");
 */
export interface Tweet {
  readonly id: string;
  readonly text: string;
  readonly authorId: string;
  /** Epoch ms on the emulator's clock. */
  readonly createdAt: number;
}
