import type { ErrorStyle } from "../http/x-errors.js";
import { bearerTokenRoute, invalidateBearerTokenRoute } from "./app-bearer-tokens.js";
import {
  oauth2AuthorizeDecisionRoute,
  oauth2AuthorizePageRoute,
  oauth2RevokeRoute,
  oauth2TokenRoute,
} from "./oauth2-user-context.js";
import { type Route, routeKey } from "./route.js";
import {
  accessTokenRoute,
  authenticateRoute,
  authorizeRoute,
  requestTokenRoute,
} from "./three-legged-oauth.js";
import { createTweetRoute, getTweetRoute, searchRecentRoute } from "./tweets.js";
import { usageTweetsRoute } from "./usage.js";
import { usersMeRoute } from "./users-me.js";
import { verifyCredentialsRoute } from "./verify-credentials.js";

export const routes: readonly Route[] = [
  usersMeRoute,
  verifyCredentialsRoute,
  createTweetRoute,
  searchRecentRoute,
  getTweetRoute,
  bearerTokenRoute,
  invalidateBearerTokenRoute,
  requestTokenRoute,
  authorizeRoute,
  authenticateRoute,
  accessTokenRoute,
  oauth2AuthorizePageRoute,
  oauth2AuthorizeDecisionRoute,
  oauth2TokenRoute,
  oauth2RevokeRoute,
  usageTweetsRoute,
];

/**
 * Every route key the emulator serves, e.g. "GET /2/users/me": the keys `inject`, `setRateLimit`
 * and `stats.byRoute` use.
 *
 * @example
 * for (const route of routeKeys) emulator.inject(route, [{ status: 503 }]);
 */
export const routeKeys: readonly string[] = routes.map(routeKey);

export interface RouteMatch {
  route: Route;
  key: string;
  params: Record<string, string>;
}

export function matchRoute(method: string, path: string): RouteMatch | undefined {
  const segments = path.split("/");
  for (const route of routes) {
    if (route.method !== method) continue;
    const templateSegments = route.template.split("/");
    if (templateSegments.length !== segments.length) continue;
    const params: Record<string, string> = {};
    const matches = templateSegments.every((templateSegment, index) => {
      const segment = segments[index] ?? "";
      if (templateSegment.startsWith(":")) {
        if (segment === "") return false;
        try {
          params[templateSegment.slice(1)] = decodeURIComponent(segment);
        } catch {
          return false;
        }
        return true;
      }
      return templateSegment === segment;
    });
    if (matches) return { route, key: routeKey(route), params };
  }
  return undefined;
}

/** Unmatched paths answer in the style of the API family they look like. */
export function errorStyleForPath(path: string): ErrorStyle {
  return path.startsWith("/2/") ? "v2" : "v1";
}
