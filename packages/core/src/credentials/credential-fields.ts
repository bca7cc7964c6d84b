/**
 * The credential fields twauth understands, and every name people give them: the X developer
 * portal's labels ("API Key Secret"), the seed tutorial's (`ACCESS_SECRET`), older portal labels
 * ("API secret key"), with or without a `TWITTER_`/`X_` prefix, in SNAKE_CASE, camelCase or kebab-case.
 *
 * @example
 * const field: CredentialField | undefined = canonicalCredentialField("API Key Secret"); // "consumerSecret"
 */
export type CredentialField =
  | "consumerKey"
  | "consumerSecret"
  | "accessToken"
  | "accessTokenSecret"
  | "bearerToken"
  | "clientId"
  | "clientSecret"
  | "oauth2AccessToken"
  | "oauth2RefreshToken"
  | "oauth2ExpiresAt"
  | "oauth2Scopes";

/**
 * How each field is called in messages: the words of ARCHITECTURE.md, then the portal's label.
 *
 * @example
 * console.log(`missing ${credentialFieldLabels.consumerSecret}`); // "missing consumer secret (API Key Secret)"
 */
export const credentialFieldLabels: Readonly<Record<CredentialField, string>> = {
  consumerKey: "consumer key (API Key)",
  consumerSecret: "consumer secret (API Key Secret)",
  accessToken: "access token",
  accessTokenSecret: "access token secret",
  bearerToken: "bearer token",
  clientId: "OAuth 2.0 client id",
  clientSecret: "OAuth 2.0 client secret",
  oauth2AccessToken: "OAuth 2.0 user access token",
  oauth2RefreshToken: "OAuth 2.0 refresh token",
  oauth2ExpiresAt: "OAuth 2.0 access token expiry",
  oauth2Scopes: "OAuth 2.0 scopes granted (comma-separated)",
};

/**
 * The key name twauth writes for a field when a file has none yet (the seed tutorial's style).
 *
 * @example
 * const line = `${credentialFieldKeyNames.accessTokenSecret}=${user.accessTokenSecret}`; // "ACCESS_TOKEN_SECRET=…"
 */
export const credentialFieldKeyNames: Readonly<Record<CredentialField, string>> = {
  consumerKey: "CONSUMER_KEY",
  consumerSecret: "CONSUMER_SECRET",
  accessToken: "ACCESS_TOKEN",
  accessTokenSecret: "ACCESS_TOKEN_SECRET",
  bearerToken: "BEARER_TOKEN",
  clientId: "CLIENT_ID",
  clientSecret: "CLIENT_SECRET",
  oauth2AccessToken: "OAUTH2_ACCESS_TOKEN",
  oauth2RefreshToken: "OAUTH2_REFRESH_TOKEN",
  oauth2ExpiresAt: "OAUTH2_EXPIRES_AT",
  oauth2Scopes: "OAUTH2_SCOPES",
};

// Every alias as its words, so a suggestion can be spelled in a file's own style. Matching joins
// the words without separators.
const aliasWords: readonly (readonly [CredentialField, readonly string[]])[] = [
  ["consumerKey", ["consumer", "key"]],
  ["consumerKey", ["api", "key"]],
  ["consumerKey", ["oauth", "consumer", "key"]],
  ["consumerSecret", ["consumer", "secret"]],
  ["consumerSecret", ["api", "key", "secret"]],
  ["consumerSecret", ["api", "secret"]],
  ["consumerSecret", ["api", "secret", "key"]],
  ["consumerSecret", ["consumer", "key", "secret"]],
  ["consumerSecret", ["oauth", "consumer", "secret"]],
  ["accessToken", ["access", "token"]],
  ["accessToken", ["access", "key"]],
  ["accessToken", ["oauth", "token"]],
  ["accessTokenSecret", ["access", "token", "secret"]],
  ["accessTokenSecret", ["access", "secret"]],
  ["accessTokenSecret", ["access", "key", "secret"]],
  ["accessTokenSecret", ["oauth", "token", "secret"]],
  ["bearerToken", ["bearer", "token"]],
  ["bearerToken", ["bearer"]],
  ["clientId", ["client", "id"]],
  ["clientId", ["oauth2", "client", "id"]],
  ["clientSecret", ["client", "secret"]],
  ["clientSecret", ["oauth2", "client", "secret"]],
  ["oauth2AccessToken", ["oauth2", "access", "token"]],
  ["oauth2AccessToken", ["oauth2", "token"]],
  ["oauth2AccessToken", ["oauth2", "user", "access", "token"]],
  ["oauth2AccessToken", ["user", "access", "token"]],
  ["oauth2RefreshToken", ["refresh", "token"]],
  ["oauth2RefreshToken", ["oauth2", "refresh", "token"]],
  ["oauth2ExpiresAt", ["expires", "at"]],
  ["oauth2ExpiresAt", ["oauth2", "expires", "at"]],
  ["oauth2ExpiresAt", ["token", "expires", "at"]],
  ["oauth2Scopes", ["oauth2", "scopes"]],
];

const aliasTable: Readonly<Record<string, CredentialField>> = Object.fromEntries(
  aliasWords.map(([field, words]) => [words.join(""), field]),
);

/**
 * The words a key name may start with before the credential's own name (`TWITTER_API_KEY`,
 * `X_BEARER_TOKEN`, `TWAUTH_CONSUMER_KEY`), lower case. The one list: env profile rules use it too.
 *
 * @example
 * credentialKeyPrefixWords.has("twitter"); // true
 */
export const credentialKeyPrefixWords: ReadonlySet<string> = new Set(["twitter", "x", "twauth"]);

/**
 * Every alias of every field, as lower-case words (`["access", "secret"]`), for suggestions.
 *
 * @example
 * credentialAliasWords.filter(([field]) => field === "accessTokenSecret");
 */
export const credentialAliasWords = aliasWords;

/**
 * A key name split into lower-case words: `TWITTER_API_KEY`, `twitterApiKey` and `twitter-api-key`
 * all give `["twitter", "api", "key"]`.
 *
 * @example
 * credentialKeyWords("API Key Secret"); // ["api", "key", "secret"]
 */
export function credentialKeyWords(keyName: string): string[] {
  return keyName
    .trim()
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .split(/[\s_\-.]+/)
    .filter((word) => word.length > 0)
    .map((word) => word.toLowerCase());
}

/**
 * The field a key name stands for, or `undefined` for keys that are not credentials. Matching
 * ignores case, separators and a leading `TWITTER_`, `X_` or `TWAUTH_` prefix.
 *
 * @example canonicalCredentialField("TWITTER_ACCESS_SECRET") // "accessTokenSecret"
 * @example canonicalCredentialField("API Key Secret") // "consumerSecret"
 */
export function canonicalCredentialField(keyName: string): CredentialField | undefined {
  const words = credentialKeyWords(keyName);
  while (words.length > 1 && credentialKeyPrefixWords.has(words[0]!)) words.shift();
  return aliasTable[words.join("")];
}
