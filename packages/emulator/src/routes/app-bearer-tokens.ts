import type { EmulatorRequest } from "../http/emulator-request.js";
import { jsonResponse } from "../http/emulator-response.js";
import { v1AuthError } from "../http/x-errors.js";
import { decodeFormPairs } from "../oauth1/parameter-sources.js";
import type { Route } from "./route.js";

/** A form field from the body (when form-encoded) or else the query; undefined when malformed or absent. */
function formField(request: EmulatorRequest, name: string): string | undefined {
  try {
    const pairs = [
      ...(request.contentType === "application/x-www-form-urlencoded" ? decodeFormPairs(request.body) : []),
      ...decodeFormPairs(request.rawQuery),
    ];
    return pairs.find(([key]) => key === name)?.[1];
  } catch {
    return undefined;
  }
}

export const bearerTokenRoute: Route = {
  method: "POST",
  template: "/oauth2/token",
  auth: "basic",
  style: "v1",
  handle({ request, identity, world }) {
    if (identity.kind !== "basic") throw new Error("POST /oauth2/token reached without Basic credentials");
    const grantType = formField(request, "grant_type");
    if (grantType === undefined) return v1AuthError("missingGrantType");
    if (grantType !== "client_credentials") return v1AuthError("unableToVerifyCredentials");
    return jsonResponse(200, {
      token_type: "bearer",
      access_token: world.registry.bearerFor(identity.app.consumerKey),
    });
  },
};

export const invalidateBearerTokenRoute: Route = {
  method: "POST",
  template: "/oauth2/invalidate_token",
  auth: "oauth1-user",
  style: "v1",
  handle({ request, identity, world }) {
    if (identity.kind !== "oauth1-user")
      throw new Error("invalidate_token reached without OAuth 1.0a user context");
    const given = formField(request, "access_token") ?? "";
    // Bearers hold "%2B"-style escapes; accept the token sent encoded once (correct) or raw.
    const candidates = [given, encodeURIComponent(given)];
    const token = candidates.find(
      (candidate) => world.registry.appForBearer(candidate)?.consumerKey === identity.app.consumerKey,
    );
    if (token === undefined) return v1AuthError("notPermittedToInvalidate");
    world.registry.invalidateBearer(token);
    return jsonResponse(200, { access_token: token });
  },
};
