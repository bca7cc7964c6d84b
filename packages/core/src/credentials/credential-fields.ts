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
  | "oauth2ExpiresAt";

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
};

// Keyed by the name's words joined without separators, lower-cased, prefix removed.
const aliasTable: Readonly<Record<string, CredentialField>> = {
  consumerkey: "consumerKey",
  apikey: "consumerKey",
  oauthconsumerkey: "consumerKey",
  consumersecret: "consumerSecret",
  apikeysecret: "consumerSecret",
  apisecret: "consumerSecret",
  apisecretkey: "consumerSecret",
  consumerkeysecret: "consumerSecret",
  oauthconsumersecret: "consumerSecret",
  accesstoken: "accessToken",
  accesskey: "accessToken",
  oauthtoken: "accessToken",
  accesstokensecret: "accessTokenSecret",
  accesssecret: "accessTokenSecret",
  accesskeysecret: "accessTokenSecret",
  oauthtokensecret: "accessTokenSecret",
  bearertoken: "bearerToken",
  bearer: "bearerToken",
  clientid: "clientId",
  oauth2clientid: "clientId",
  clientsecret: "clientSecret",
  oauth2clientsecret: "clientSecret",
  oauth2accesstoken: "oauth2AccessToken",
  oauth2token: "oauth2AccessToken",
  oauth2useraccesstoken: "oauth2AccessToken",
  useraccesstoken: "oauth2AccessToken",
  refreshtoken: "oauth2RefreshToken",
  oauth2refreshtoken: "oauth2RefreshToken",
  expiresat: "oauth2ExpiresAt",
  oauth2expiresat: "oauth2ExpiresAt",
  tokenexpiresat: "oauth2ExpiresAt",
};

const prefixWords = new Set(["twitter", "x", "twauth"]);

function nameWords(keyName: string): string[] {
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
  const words = nameWords(keyName);
  while (words.length > 1 && prefixWords.has(words[0]!)) words.shift();
  return aliasTable[words.join("")];
}
