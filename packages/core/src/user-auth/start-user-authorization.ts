import { xAuthErrorHints } from "../connection/response-error.js";
import { createOAuth1Signer } from "../oauth1/signer.js";
import { oauthTokenRequest, requiredField, userAuthBaseUrl } from "./oauth-token-request.js";
import type { UserAuthorizationHttpOptions } from "./user-auth-http.js";

/**
 * Options of the first leg: the app's key and secret, where X sends the user back, and how the
 * approval page behaves.
 *
 * @example
 * const options: StartUserAuthorizationOptions = {
 *   consumerKey,
 *   consumerSecret,
 *   callback: "http://127.0.0.1:8765/callback",
 *   accessType: "read",
 * };
 */
export interface StartUserAuthorizationOptions extends UserAuthorizationHttpOptions {
  /** The app's consumer key (API Key). */
  consumerKey: string;
  /** The app's consumer secret (API Key Secret). */
  consumerSecret: string;
  /** Where X sends the user after approval; `"oob"` shows a PIN instead (desktop and CLI apps). @default "oob" */
  callback?: string;
  /** Ask for less than the app's permission: `"read"` or `"write"`. @default the app's permission */
  accessType?: "read" | "write";
  /** Make the user sign in again even if X has a session. @default false */
  forceLogin?: boolean;
  /** Prefill the sign-in form with this screen name. @default none */
  screenName?: string;
  /** "Sign in with X": `/oauth/authenticate`, which skips the approval page for users who approved before. @default false */
  signIn?: boolean;
}

/**
 * The request token X issued and the URL where the user approves the app; the token pair is passed
 * on to `completeUserAuthorization`.
 *
 * @example
 * const start: UserAuthorizationRequest = await startUserAuthorization({ consumerKey, consumerSecret });
 * await openBrowser(start.authorizeUrl);
 */
export interface UserAuthorizationRequest {
  /** Send the user here (a browser), then collect the PIN or the callback's `oauth_verifier`. */
  authorizeUrl: string;
  /** Keep this pair until `completeUserAuthorization` (a web app may store it between two requests). */
  requestToken: string;
  requestTokenSecret: string;
  /** X's `oauth_callback_confirmed`: true when X accepted the callback. */
  callbackConfirmed: boolean;
}

const endpoint = "POST /oauth/request_token";

/**
 * The first leg of the seed tutorial's "User Access Token" flow: gets a request token and the URL
 * where the user approves the app. Nothing here ever sees the user's password.
 *
 * @example
 * const start = await startUserAuthorization({ consumerKey, consumerSecret });
 * console.log(`Open ${start.authorizeUrl} and type the PIN here.`);
 * const pin = await readPin();
 * const user = await completeUserAuthorization({ consumerKey, consumerSecret, ...start, verifier: pin });
 */
export async function startUserAuthorization(
  options: StartUserAuthorizationOptions,
): Promise<UserAuthorizationRequest> {
  const baseUrl = userAuthBaseUrl(options.baseUrl);
  const callback = options.callback ?? "oob";
  const signer = createOAuth1Signer({
    consumerKey: options.consumerKey,
    consumerSecret: options.consumerSecret,
  });
  const answer = await oauthTokenRequest(
    {
      signer,
      path: "/oauth/request_token",
      idempotent: true,
      oauthParams: { oauth_callback: callback },
      ...(options.accessType === undefined ? {} : { form: { x_auth_access_type: options.accessType } }),
      endpoint,
      hint: ({ code }) => requestTokenHint(code, callback),
    },
    options,
  );
  const requestToken = requiredField(answer, "oauth_token", endpoint);
  const requestTokenSecret = requiredField(answer, "oauth_token_secret", endpoint);
  const authorizeUrl = new URL(`${baseUrl}/oauth/${options.signIn ? "authenticate" : "authorize"}`);
  authorizeUrl.searchParams.set("oauth_token", requestToken);
  if (options.forceLogin) authorizeUrl.searchParams.set("force_login", "true");
  if (options.screenName !== undefined) authorizeUrl.searchParams.set("screen_name", options.screenName);
  return {
    authorizeUrl: authorizeUrl.toString(),
    requestToken,
    requestTokenSecret,
    callbackConfirmed: answer.get("oauth_callback_confirmed") === "true",
  };
}

function requestTokenHint(code: number | undefined, callback: string): string {
  switch (code) {
    case 417:
      return `Desktop applications only support the oauth_callback value 'oob': the app has no callback URL, so use callback "oob" (the PIN flow) or add ${callback} to the app's callback URLs in the developer portal.`;
    case 415:
      return `the callback URL ${callback} is not approved for this app; add it to the app's callback URLs in the developer portal (User authentication settings).`;
    case 32:
      return "X could not authenticate the app: check the consumer key and secret (API Key and Secret), and that they were not regenerated.";
    case 135:
      return xAuthErrorHints[135]!;
    default:
      return "X refused to issue a request token; check the consumer key and secret and the app's User authentication settings.";
  }
}
