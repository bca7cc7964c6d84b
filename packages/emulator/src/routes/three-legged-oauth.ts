import { formResponse, redirectResponse } from "../http/emulator-response.js";
import { invalidVerifierResponse, v1AuthError } from "../http/x-errors.js";
import { constantTimeEqual } from "../oauth1/hmac-sha1-signature.js";
import { generateCredential } from "../state/credential-generator.js";
import type { AccessLevel } from "../state/model.js";
import { deniedPage, invalidRequestTokenPage, pinPage } from "./authorize-page.js";
import type { Route, RouteContext } from "./route.js";

/**
 * A callback is approved when it equals one of the app's callback URLs, or differs only by its
 * query string (apps append state to it).
 */
export function isApprovedCallback(callback: string, approved: readonly string[]): boolean {
  if (approved.includes(callback)) return true;
  const withoutQuery = (url: string) => url.split("#")[0]?.split("?")[0] ?? url;
  return approved.some((url) => withoutQuery(url) === withoutQuery(callback));
}

export const requestTokenRoute: Route = {
  method: "POST",
  template: "/oauth/request_token",
  auth: "oauth1-consumer",
  style: "v1",
  handle({ identity, world }) {
    if (identity.kind !== "oauth1-consumer")
      throw new Error("request_token reached without a consumer signature");
    const callback = identity.claim.protocol.get("oauth_callback");
    if (callback === undefined || callback === "") return v1AuthError("callbackMissing");
    if (callback !== "oob") {
      if (identity.app.callbackUrls.length === 0) return v1AuthError("desktopOnlyOob");
      if (!isApprovedCallback(callback, identity.app.callbackUrls)) return v1AuthError("callbackNotApproved");
    }
    const accessType = identity.claim.parameters.find(([name]) => name === "x_auth_access_type")?.[1];
    const requestToken = world.registry.createRequestToken({
      consumerKey: identity.app.consumerKey,
      callback,
      accessType: accessType === "read" || accessType === "write" ? accessType : undefined,
      expiresAt: world.now() + world.requestTokenTtlMs,
    });
    return formResponse(200, {
      oauth_token: requestToken.token,
      oauth_token_secret: requestToken.secret,
      oauth_callback_confirmed: "true",
    });
  },
};

/**
 * The authorize page approves at once as the signed-in user (or the one `screen_name` names, when
 * known), then shows a PIN for "oob" or redirects to the callback with oauth_token and
 * oauth_verifier. Asking twice for one request token gives the same verifier.
 */
function authorize({ request, world }: RouteContext) {
  const token = request.query.get("oauth_token") ?? "";
  const requestToken = world.registry.requestToken(token, world.now());
  const app = requestToken && world.registry.app(requestToken.consumerKey);
  if (!requestToken || !app) return invalidRequestTokenPage();

  if (world.authorize.decision === "deny") {
    world.registry.deleteRequestToken(token);
    if (requestToken.callback === "oob") return deniedPage(app.name);
    return redirectResponse(withQuery(requestToken.callback, { denied: token }));
  }

  const screenName = request.query.get("screen_name");
  const user =
    (screenName ? world.registry.findUser(screenName) : undefined) ??
    (world.authorize.signedInUser ? world.registry.findUser(world.authorize.signedInUser) : undefined) ??
    world.registry.users()[0];
  if (!user) throw new Error("the authorize page needs at least one user to sign in as");

  if (requestToken.verifier === undefined || requestToken.authorizedUserId !== user.id) {
    requestToken.authorizedUserId = user.id;
    requestToken.verifier =
      requestToken.callback === "oob" ? generateCredential.pin() : generateCredential.verifier();
  }
  if (requestToken.callback === "oob") return pinPage(app.name, requestToken.verifier);
  return redirectResponse(
    withQuery(requestToken.callback, { oauth_token: token, oauth_verifier: requestToken.verifier }),
  );
}

function withQuery(url: string, values: Record<string, string>): string {
  const parsed = new URL(url);
  for (const [name, value] of Object.entries(values)) parsed.searchParams.append(name, value);
  return parsed.toString();
}

export const authorizeRoute: Route = {
  method: "GET",
  template: "/oauth/authorize",
  auth: "none",
  style: "v1",
  handle: authorize,
};

export const authenticateRoute: Route = {
  method: "GET",
  template: "/oauth/authenticate",
  auth: "none",
  style: "v1",
  handle: authorize,
};

export const accessTokenRoute: Route = {
  method: "POST",
  template: "/oauth/access_token",
  auth: "oauth1-request-token",
  style: "v1",
  handle({ identity, world }) {
    if (identity.kind !== "oauth1-request-token")
      throw new Error("access_token reached without a request token");
    const { requestToken, app } = identity;
    const verifier = identity.claim.protocol.get("oauth_verifier") ?? "";
    if (
      requestToken.verifier === undefined ||
      requestToken.authorizedUserId === undefined ||
      !constantTimeEqual(verifier, requestToken.verifier)
    ) {
      return invalidVerifierResponse();
    }
    const user = world.registry.user(requestToken.authorizedUserId);
    if (!user) throw new Error("the authorized user no longer exists");
    world.registry.deleteRequestToken(requestToken.token);
    const accessLevel: AccessLevel = requestToken.accessType === "read" ? "read" : app.accessLevel;
    const token = world.registry.issueAccessToken(user.id, app.consumerKey, { accessLevel, reuse: true });
    return formResponse(200, {
      oauth_token: token.accessToken,
      oauth_token_secret: token.accessTokenSecret,
      user_id: user.id,
      screen_name: user.username,
    });
  },
};
