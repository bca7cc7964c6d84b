import type { FetchFunction } from "../connection/fetch-transport.js";
import { createOAuth1Signer } from "../oauth1/signer.js";
import { oauthTokenRequest, requiredField } from "./oauth-token-request.js";
import { trimBaseUrl } from "./start-user-authorization.js";

export interface CompleteUserAuthorizationOptions {
  consumerKey: string;
  consumerSecret: string;
  /** From `startUserAuthorization`. */
  requestToken: string;
  requestTokenSecret: string;
  /** The PIN the user typed, or the callback's `oauth_verifier`. */
  verifier: string;
  /** @default "https://api.x.com" */
  baseUrl?: string;
  /** @default globalThis.fetch */
  fetch?: FetchFunction;
  signal?: AbortSignal;
}

export interface UserAccessToken {
  accessToken: string;
  accessTokenSecret: string;
  userId: string;
  screenName: string;
}

const endpoint = "POST /oauth/access_token";

/**
 * The last leg: exchanges the request token and the user's PIN (or `oauth_verifier`) for the user's
 * access token and secret. A PIN works once.
 *
 * @example
 * const { accessToken, accessTokenSecret, screenName } = await completeUserAuthorization({
 *   consumerKey, consumerSecret, requestToken, requestTokenSecret, verifier: "1234567",
 * });
 */
export async function completeUserAuthorization(
  options: CompleteUserAuthorizationOptions,
): Promise<UserAccessToken> {
  const baseUrl = trimBaseUrl(options.baseUrl);
  const signer = createOAuth1Signer({
    consumerKey: options.consumerKey,
    consumerSecret: options.consumerSecret,
    accessToken: options.requestToken,
    accessTokenSecret: options.requestTokenSecret,
  });
  const answer = await oauthTokenRequest({
    signer,
    url: `${baseUrl}/oauth/access_token`,
    oauthParams: { oauth_verifier: options.verifier.trim() },
    fetch: options.fetch,
    signal: options.signal,
    endpoint,
    hint: ({ code, text }) => accessTokenHint(code, text),
  });
  return {
    accessToken: requiredField(answer, "oauth_token", endpoint),
    accessTokenSecret: requiredField(answer, "oauth_token_secret", endpoint),
    userId: requiredField(answer, "user_id", endpoint),
    screenName: requiredField(answer, "screen_name", endpoint),
  };
}

function accessTokenHint(code: number | undefined, text: string): string {
  if (/oauth_verifier/i.test(text)) {
    return "the PIN (oauth_verifier) is wrong; check the digits, or start again for a new one.";
  }
  switch (code) {
    case 89:
      return "the request token is unknown, expired or already used (a PIN works once); start the authorization again.";
    case 32:
      return "X could not authenticate the request: check the consumer key and secret, and pass the request token secret from the same start.";
    case 135:
      return "the request's timestamp was refused: this machine's clock is off; sync it (e.g. with NTP).";
    default:
      return "X refused to exchange the PIN; start the authorization again.";
  }
}
