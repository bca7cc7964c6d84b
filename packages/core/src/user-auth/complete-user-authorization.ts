import { xAuthErrorHints } from "../connection/response-error.js";
import { createOAuth1Signer } from "../oauth1/signer.js";
import { oauthTokenRequest, requiredField, userAuthBaseUrl } from "./oauth-token-request.js";
import type { UserAuthorizationHttpOptions } from "./user-auth-http.js";

/**
 * What the last leg needs: the app's key and secret, the request token pair from
 * `startUserAuthorization`, and the PIN or `oauth_verifier`.
 *
 * @example
 * const options: CompleteUserAuthorizationOptions = {
 *   consumerKey, consumerSecret,
 *   requestToken: start.requestToken,
 *   requestTokenSecret: start.requestTokenSecret,
 *   verifier: "1234567",
 * };
 */
export interface CompleteUserAuthorizationOptions extends UserAuthorizationHttpOptions {
  /** The app's consumer key (API Key). */
  consumerKey: string;
  /** The app's consumer secret (API Key Secret). */
  consumerSecret: string;
  /** From `startUserAuthorization`. */
  requestToken: string;
  /** From the same `startUserAuthorization` call as `requestToken`. */
  requestTokenSecret: string;
  /** The PIN the user typed, or the callback's `oauth_verifier`; whitespace around it is trimmed. */
  verifier: string;
}

/**
 * The user's OAuth 1.0a access token, as `POST /oauth/access_token` answers it: keep the token and
 * secret in a store to act as that user.
 *
 * @example
 * const user: UserAccessToken = await completeUserAuthorization({ consumerKey, consumerSecret, ...start, verifier });
 * await store.save({ accessToken: user.accessToken, accessTokenSecret: user.accessTokenSecret });
 */
export interface UserAccessToken {
  accessToken: string;
  accessTokenSecret: string;
  /** The user's numeric id, as a string. */
  userId: string;
  /** The user's handle, without `@`. */
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
  // Checked first: nothing is signed for a base URL that breaks the rule.
  userAuthBaseUrl(options.baseUrl);
  const signer = createOAuth1Signer({
    consumerKey: options.consumerKey,
    consumerSecret: options.consumerSecret,
    accessToken: options.requestToken,
    accessTokenSecret: options.requestTokenSecret,
  });
  const answer = await oauthTokenRequest(
    {
      signer,
      path: "/oauth/access_token",
      idempotent: false,
      oauthParams: { oauth_verifier: options.verifier.trim() },
      endpoint,
      hint: ({ code, text }) => accessTokenHint(code, text),
    },
    options,
  );
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
      return xAuthErrorHints[135]!;
    default:
      return "X refused to exchange the PIN; start the authorization again.";
  }
}
