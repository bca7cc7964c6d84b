import type { Identity } from "../auth/identity.js";
import { type EmulatorResponse, problemResponse } from "../http/emulator-response.js";
import type { Route } from "../routes/route.js";

/**
 * An OAuth 2.0 user token without a scope the route needs gets X's bare 403 "Forbidden" problem,
 * which names no scope (twitter-api-v2 issues #265 and #376 show it); other identities pass.
 */
export function missingScopeRefusal(route: Route, identity: Identity): EmulatorResponse | undefined {
  if (identity.kind !== "oauth2-user" || identity.scopes === undefined || route.scopes === undefined)
    return undefined;
  const granted = identity.scopes;
  if (route.scopes.every((scope) => granted.includes(scope))) return undefined;
  return problemResponse(403, { title: "Forbidden", type: "about:blank", status: 403, detail: "Forbidden" });
}
