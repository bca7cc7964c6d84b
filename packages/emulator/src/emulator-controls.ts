import type { EmulatorState } from "./emulator-state.js";
import { authorizeBehaviour } from "./emulator-state.js";
import type { Fault, RandomFaults } from "./faults/fault.js";
import { anyRoute } from "./faults/fault-injector.js";
import type { RateLimitRule } from "./limits/rate-limiter.js";
import type { OAuth2Client, OAuth2ClientSeed, OAuth2Stats } from "./oauth2/oauth2-model.js";
import type { AuthorizeBehaviour } from "./routes/route.js";
import { routeKeys } from "./routes/route-table.js";
import { generateCredential } from "./state/credential-generator.js";
import type {
  AccessLevel,
  AppSeed,
  EmulatorApp,
  EmulatorUser,
  OAuth1Token,
  Tweet,
  UserSeed,
} from "./state/model.js";

/** What a test can do to a running emulator's faults and rate limits. */
export interface FaultAndLimitControls {
  /** Queues faults for a route key ("POST /2/tweets") or "*"; each is used by one matching request. */
  inject(route: string, faults: readonly Fault[]): void;
  /** Seeded random faults for a route key or "*", after any queued ones. */
  injectRandom(route: string, spec: RandomFaults): void;
  /** Drops queued and random faults of one route, or all. */
  clearFaults(route?: string): void;
  /** Queued faults not yet used for a route key or "*". */
  pendingFaults(route: string): number;

  /** Sets (or with null removes) a route's limit; its current windows start afresh. */
  setRateLimit(route: string, rule: RateLimitRule | null): void;
  /** The limits in force, by route key. */
  rateLimits(): Record<string, RateLimitRule>;
}

/** What a test can do to a running emulator's apps, users, tokens and authorize page. */
export interface WorldControls {
  /** Registers an app; missing fields (keys, id, name) are generated. */
  addApp(seed?: AppSeed): EmulatorApp;
  /** The app with this consumer key, if any. */
  app(consumerKey: string): EmulatorApp | undefined;
  apps(): EmulatorApp[];
  /** Changes an app as the developer portal would; tokens keep the access level they were issued with. */
  updateApp(
    consumerKey: string,
    patch: { name?: string; accessLevel?: AccessLevel; callbackUrls?: readonly string[] },
  ): EmulatorApp;
  /** Regenerates an app's consumer secret and returns the new one; the old one stops working. */
  rotateConsumerSecret(consumerKey: string): string;

  /** Registers a user, with tokens for the first app unless `issueTokens` is false. */
  addUser(seed: UserSeed): EmulatorUser;
  /** By id or username (a leading "@" is ignored); tokens shown are those for `consumerKey` (default the first app). */
  user(idOrUsername: string, consumerKey?: string): EmulatorUser | undefined;
  users(): EmulatorUser[];
  /** Issues a new OAuth 1.0a access token (replacing the user's previous one for that app). */
  issueAccessToken(user: string, options?: { consumerKey?: string; accessLevel?: AccessLevel }): OAuth1Token;
  /** Revokes an access token and issues the same user a new one for the same app and access level. */
  rotateAccessToken(accessToken: string): OAuth1Token;
  /** Revokes an OAuth 1.0a access token: requests with it then get 401 code 89. */
  revokeAccessToken(accessToken: string): boolean;
  /** Issues a new OAuth 2.0 user access token for a user (replacing the previous one). */
  issueOAuth2Token(user: string): string;
  /** Revokes an OAuth 2.0 user access token; returns false when it was not known. */
  revokeOAuth2Token(token: string): boolean;

  /** Registers an OAuth 2.0 client (confidential by default); missing id and secret are generated. */
  addOAuth2Client(seed?: OAuth2ClientSeed): OAuth2Client;
  /** Codes issued and redeemed, refresh tokens spent, reuses of spent ones, grants revoked by a second sign-in. */
  oauth2Stats(): OAuth2Stats;
  /** True when this user has a live OAuth 2.0 grant for this client (a new sign-in would revoke it). */
  hasOAuth2Grant(clientId: string, user: string): boolean;
  /** Who is "signed in" on the authorize page, and whether they approve or deny. */
  setAuthorizeBehaviour(behaviour: AuthorizeBehaviour): void;
  /** Every tweet stored, newest first. */
  tweets(): readonly Tweet[];
}

export interface EmulatorControls extends FaultAndLimitControls, WorldControls {}

function requireKnownRoute(route: string, allowAny: boolean): void {
  if ((allowAny && route === anyRoute) || routeKeys.includes(route)) return;
  throw new RangeError(
    `unknown route ${route}; use one of: ${[...routeKeys, ...(allowAny ? [anyRoute] : [])].join(", ")}`,
  );
}

export function faultAndLimitControls({ faults, limiter }: EmulatorState): FaultAndLimitControls {
  return {
    inject(route, list) {
      requireKnownRoute(route, true);
      faults.inject(route, list);
    },
    injectRandom(route, spec) {
      requireKnownRoute(route, true);
      faults.injectRandom(route, spec);
    },
    clearFaults: (route) => faults.clear(route),
    pendingFaults: (route) => faults.pending(route),
    setRateLimit(route, rule) {
      requireKnownRoute(route, false);
      limiter.setRule(route, rule);
    },
    rateLimits: () => limiter.rules(),
  };
}

export function worldControls({ registry, tweets, world }: EmulatorState): WorldControls {
  const userId = (user: string) => registry.requireUser(user).id;
  return {
    addApp: (seed) => registry.addApp(seed),
    app: (consumerKey) => registry.appView(consumerKey),
    apps: () => registry.apps(),
    updateApp: (consumerKey, patch) => registry.updateApp(consumerKey, patch),
    rotateConsumerSecret(consumerKey) {
      const consumerSecret = generateCredential.consumerSecret();
      registry.updateApp(consumerKey, { consumerSecret });
      return consumerSecret;
    },
    addUser: (seed) => registry.addUser(seed),
    user(idOrUsername, consumerKey) {
      const found = registry.findUser(idOrUsername);
      return found && registry.userView(found.id, consumerKey);
    },
    users: () => registry.users(),
    issueAccessToken(user, tokenOptions = {}) {
      const consumerKey = tokenOptions.consumerKey ?? registry.apps()[0]?.consumerKey;
      if (consumerKey === undefined) throw new Error("there is no app to issue an access token for");
      return registry.issueAccessToken(userId(user), consumerKey, {
        ...(tokenOptions.accessLevel ? { accessLevel: tokenOptions.accessLevel } : {}),
      });
    },
    rotateAccessToken(accessToken) {
      const record = registry.accessToken(accessToken);
      if (!record) throw new Error("no such access token");
      return registry.issueAccessToken(record.userId, record.consumerKey, {
        accessLevel: record.accessLevel,
      });
    },
    revokeAccessToken: (accessToken) => registry.revokeAccessToken(accessToken),
    issueOAuth2Token: (user) => registry.issueOAuth2Token(userId(user)),
    revokeOAuth2Token: (token) => registry.revokeOAuth2Token(token) || world.oauth2.revokeAccessToken(token),
    addOAuth2Client: (seed) => world.oauth2.addClient(seed),
    oauth2Stats: () => world.oauth2.stats(),
    hasOAuth2Grant: (clientId, user) => world.oauth2.hasLiveGrant(clientId, userId(user)),
    setAuthorizeBehaviour(behaviour: AuthorizeBehaviour) {
      if (behaviour.signedInUser !== undefined) registry.requireUser(behaviour.signedInUser);
      world.authorize = authorizeBehaviour(behaviour);
    },
    tweets: (): readonly Tweet[] => tweets.all(),
  };
}
