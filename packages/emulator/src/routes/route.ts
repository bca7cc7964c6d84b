import type { AuthPolicy } from "../auth/authenticate.js";
import type { Identity } from "../auth/identity.js";
import type { ProjectBilling } from "../billing/project-billing.js";
import type { EmulatorRequest } from "../http/emulator-request.js";
import type { EmulatorResponse } from "../http/emulator-response.js";
import type { ErrorStyle } from "../http/x-errors.js";
import type { OAuth2Grants } from "../oauth2/oauth2-grants.js";
import type { Tweet } from "../state/model.js";
import type { Registry } from "../state/registry.js";
import type { TweetStore } from "../state/tweet-store.js";

/**
 * How the authorize page behaves, since no person is there to click.
 *
 * @example
 * emulator.setAuthorizeBehaviour({ signedInUser: "twauth_second", decision: "deny" });
 */
export interface AuthorizeBehaviour {
  /**
   * Id or username of the user "signed in" on the authorize page; a `screen_name` on the authorize
   * URL wins over it. @default the first user
   */
  signedInUser?: string;
  /** Whether that user approves the app or denies it. @default "approve" */
  decision?: "approve" | "deny";
}

/** The state routes read and change. */
export interface World {
  registry: Registry;
  tweets: TweetStore;
  now(): number;
  requestTokenTtlMs: number;
  authorize: Required<Pick<AuthorizeBehaviour, "decision">> & Pick<AuthorizeBehaviour, "signedInUser">;
  onTweetCreated(tweet: Tweet): void;
  oauth2: OAuth2Grants;
  billing: ProjectBilling;
}

export interface RouteContext {
  request: EmulatorRequest;
  params: Readonly<Record<string, string>>;
  identity: Identity;
  world: World;
}

export interface Route {
  method: string;
  /** Path with ":name" segments, e.g. "/2/tweets/:id". */
  template: string;
  auth: AuthPolicy;
  /** Which family of error bodies the route answers with. */
  style: ErrorStyle;
  /** The OAuth 2.0 scopes an OAuth 2.0 user token needs here (X's API reference). @default none */
  scopes?: readonly string[];
  handle(context: RouteContext): EmulatorResponse;
}

/** "METHOD /template": the key of stats, faults and rate limits. */
export function routeKey(route: Pick<Route, "method" | "template">): string {
  return `${route.method} ${route.template}`;
}
