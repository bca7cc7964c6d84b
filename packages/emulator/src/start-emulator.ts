import type { IncomingMessage, ServerResponse } from "node:http";
import { authenticate } from "./auth/authenticate.js";
import { tokenKey } from "./auth/identity.js";
import { type EmulatorBilling, ProjectBilling } from "./billing/project-billing.js";
import type { Fault, RandomFaults } from "./faults/fault.js";
import { anyRoute, FaultInjector } from "./faults/fault-injector.js";
import { BodyTooLargeError, type EmulatorRequest, readEmulatorRequest } from "./http/emulator-request.js";
import { type EmulatorResponse, jsonResponse, problemResponse } from "./http/emulator-response.js";
import { resetSocket, startLoopbackServer, writeResponse } from "./http/loopback-server.js";
import { type ErrorStyle, notFound, statusErrorBody, tooManyRequests } from "./http/x-errors.js";
import { RateLimiter, type RateLimitRule, rateLimitHeaders } from "./limits/rate-limiter.js";
import { NonceCache } from "./oauth1/nonce-cache.js";
import { type EmulatorOptions, normalizeOptions } from "./options.js";
import type { AuthorizeBehaviour, World } from "./routes/route.js";
import { errorStyleForPath, matchRoute, type RouteMatch, routeKeys } from "./routes/route-table.js";
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
import { Registry } from "./state/registry.js";
import { TweetStore } from "./state/tweet-store.js";
import {
  type EmulatorStats,
  type FaultKind,
  outcomeOfStatus,
  type RequestOutcome,
  RequestStats,
} from "./stats/request-stats.js";

/**
 * A running emulator: its URL, its live counters, and controls for faults, rate limits, apps, users
 * and tokens. `await using` stops it at the end of the scope.
 *
 * @example
 * await using emulator = await startEmulator();
 * emulator.inject("GET /2/users/me", [{ status: 503 }]);
 * // ... run the code under test against emulator.url ...
 * expect(emulator.stats.count({ route: "GET /2/users/me" })).toBe(2);
 */
export interface Emulator extends AsyncDisposable {
  /** "http://127.0.0.1:PORT", no trailing slash: the `baseUrl` to give a connection. */
  readonly url: string;
  /** The port it listens on (the free one picked when `port` was 0). */
  readonly port: number;
  /** The loopback address it listens on. */
  readonly host: string;
  /** Live counts of every request received. */
  readonly stats: EmulatorStats;
  /** What it billed per UTC day, as X's pay-per-use would (compare a client's spend estimate with it). */
  readonly billing: EmulatorBilling;
  /** Closes the server and every socket, cuts injected delays short. Idempotent. */
  stop(): Promise<void>;

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

  /** Who is "signed in" on the authorize page, and whether they approve or deny. */
  setAuthorizeBehaviour(behaviour: AuthorizeBehaviour): void;
  /** Every tweet stored, newest first. */
  tweets(): readonly Tweet[];
}

interface PendingRecord {
  at: number;
  method: string;
  path: string;
  route: string;
  token: string | null;
  fault: FaultKind | null;
  body: string;
}

/**
 * Starts a local X API on a loopback port: OAuth 1.0a signatures verified like X does, bearer
 * and OAuth 2.0 user tokens, the PIN and callback flows, per-token rate limits with X's headers,
 * X's error bodies, and injectable faults. It depends on nothing of twauth's, so it judges our
 * signatures independently.
 *
 * @example
 * await using emulator = await startEmulator({ rateLimits: { "GET /2/users/me": { limit: 1, windowMs: 60_000 } } });
 * const api = await getApiConnection({
 *   baseUrl: emulator.url,
 *   credentials: { ...defaultApp, accessToken: defaultUser.accessToken, accessTokenSecret: defaultUser.accessTokenSecret },
 * });
 * const { data } = await api.get("/2/users/me"); // { data: { id: "1460000000000000001", username: "twauth_emulator", ... } }
 */
export async function startEmulator(options?: EmulatorOptions): Promise<Emulator> {
  const settings = normalizeOptions(options);
  const { now } = settings;
  const registry = new Registry();
  for (const app of settings.apps) registry.addApp(app);
  for (const user of settings.users) registry.addUser(user);
  const tweets = new TweetStore();
  const stats = new RequestStats(settings.maxRecordedRequests);
  const limiter = new RateLimiter(settings.rateLimits);
  const faults = new FaultInjector();
  const nonces = new NonceCache(settings.timestampToleranceSeconds);
  const world: World = {
    registry,
    tweets,
    now,
    requestTokenTtlMs: settings.requestTokenTtlMs,
    authorize: { decision: settings.authorize.decision ?? "approve", ...pickSignedIn(settings.authorize) },
    onTweetCreated: (tweet) => stats.recordTweet(tweet),
    billing: new ProjectBilling(now),
  };
  let defaultHost = "";
  // Set once listening; requests only arrive after that.
  let sleep: (ms: number) => Promise<boolean> = () => Promise.resolve(false);

  const finish = (pending: PendingRecord, status: number | null, outcome: RequestOutcome) => {
    const record = stats.record({ ...pending, status, outcome });
    settings.log?.(
      `${record.method} ${record.path} -> ${status ?? "no response"} ${outcome}${record.token ? ` token=${record.token}` : ""}`,
    );
  };

  const write = (res: ServerResponse, response: EmulatorResponse) => writeResponse(res, response, now());

  const answerRoute = (
    request: EmulatorRequest,
    match: RouteMatch,
    style: ErrorStyle,
    pending: PendingRecord,
  ) => {
    const auth = authenticate(request, match.route.auth, style, {
      registry,
      nonces,
      now: now(),
      toleranceSeconds: settings.timestampToleranceSeconds,
      defaultHost,
    });
    if (auth.identity) pending.token = tokenKey(auth.identity);
    if (!auth.ok) return auth.response;
    const decision = limiter.consume(match.key, pending.token ?? "anonymous", now());
    if (decision && !decision.allowed) return tooManyRequests(style, decision.headers);
    const response = match.route.handle({ request, params: match.params, identity: auth.identity, world });
    world.billing.record(match.key, auth.identity, response);
    if (decision) Object.assign(response.headers, decision.headers);
    if (style === "v1" && auth.identity.kind === "oauth1-user") {
      response.headers["x-access-level"] = auth.identity.token.accessLevel;
    }
    return response;
  };

  const faultResponse = (
    fault: Fault,
    style: ErrorStyle,
    route: string,
    status: number,
  ): EmulatorResponse => {
    const headers: Record<string, string> = {};
    if (fault.retryAfter !== undefined) headers["retry-after"] = String(fault.retryAfter);
    if (status === 429 && fault.rateLimitReset !== undefined) {
      const limit = fault.rateLimitLimit ?? limiter.rule(route)?.limit ?? 15;
      Object.assign(headers, rateLimitHeaders(limit, 0, fault.rateLimitReset));
    }
    Object.assign(headers, fault.headers);
    if (fault.body === undefined) return statusErrorBody(style, status, headers);
    if (typeof fault.body === "string")
      return {
        status,
        headers: { "content-type": "text/plain; charset=utf-8", ...headers },
        body: fault.body,
      };
    return jsonResponse(status, fault.body, headers);
  };

  /** Answers with the fault (or resets the socket) when it is more than a delay; true when it did. */
  const applyFault = (
    fault: Fault,
    res: ServerResponse,
    style: ErrorStyle,
    pending: PendingRecord,
  ): boolean => {
    if (fault.resetSocket) {
      pending.fault = "socket-reset";
      finish(pending, null, "fault");
      resetSocket(res);
      return true;
    }
    if (fault.status === undefined) return false;
    pending.fault = "status";
    write(res, faultResponse(fault, style, pending.route, fault.status));
    finish(pending, fault.status, "fault");
    return true;
  };

  const handle = async (message: IncomingMessage, res: ServerResponse) => {
    const at = now();
    let request: EmulatorRequest;
    try {
      request = await readEmulatorRequest(message, settings.maxBodyBytes);
    } catch (error) {
      const method = (message.method ?? "GET").toUpperCase();
      const path = (message.url ?? "/").split("?")[0] ?? "/";
      const pending = { at, method, path, route: `${method} ${path}`, token: null, fault: null, body: "" };
      if (error instanceof BodyTooLargeError) {
        write(
          res,
          problemResponse(413, {
            title: "Payload Too Large",
            detail: error.message,
            type: "about:blank",
            status: 413,
          }),
        );
        finish(pending, 413, "client-error");
      } else {
        finish(pending, null, "aborted");
      }
      return;
    }
    const match = matchRoute(request.method, request.path);
    const route = match?.key ?? `${request.method} ${request.path}`;
    const style = match?.route.style ?? errorStyleForPath(request.path);
    const pending: PendingRecord = {
      at,
      method: request.method,
      path: request.path,
      route,
      token: null,
      fault: null,
      body: request.body,
    };

    const fault = match ? faults.take(route) : faults.take(anyRoute);
    if (fault?.delayMs !== undefined) {
      pending.fault = "delay";
      if (!(await sleep(fault.delayMs))) {
        finish(pending, null, "aborted");
        res.socket?.destroy();
        return;
      }
    }
    if (fault && !fault.afterHandling && applyFault(fault, res, style, pending)) return;

    let response: EmulatorResponse;
    try {
      response = match ? answerRoute(request, match, style, pending) : notFound(style);
    } catch (error) {
      settings.log?.(`${request.method} ${request.path} -> emulator bug: ${(error as Error).message}`);
      response = statusErrorBody(style, 500);
    }
    if (fault?.afterHandling && applyFault(fault, res, style, pending)) return;
    write(res, response);
    finish(pending, response.status, outcomeOfStatus(response.status));
  };

  const server = await startLoopbackServer(settings.host, settings.port, handle, settings.log);
  sleep = server.sleep;
  defaultHost = server.hostHeader;
  const { url, stop } = server;

  const knownRoute = (route: string, allowAny: boolean) => {
    if ((allowAny && route === anyRoute) || routeKeys.includes(route)) return;
    throw new RangeError(
      `unknown route ${route}; use one of: ${[...routeKeys, ...(allowAny ? [anyRoute] : [])].join(", ")}`,
    );
  };
  const userId = (user: string) => registry.requireUser(user).id;

  return {
    url,
    port: server.port,
    host: settings.host,
    stats,
    billing: world.billing,
    stop,
    [Symbol.asyncDispose]: stop,
    inject(route, list) {
      knownRoute(route, true);
      faults.inject(route, list);
    },
    injectRandom(route, spec) {
      knownRoute(route, true);
      faults.injectRandom(route, spec);
    },
    clearFaults: (route) => faults.clear(route),
    pendingFaults: (route) => faults.pending(route),
    setRateLimit(route, rule) {
      knownRoute(route, false);
      limiter.setRule(route, rule);
    },
    rateLimits: () => limiter.rules(),
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
    revokeOAuth2Token: (token) => registry.revokeOAuth2Token(token),
    setAuthorizeBehaviour(behaviour) {
      if (behaviour.signedInUser !== undefined) registry.requireUser(behaviour.signedInUser);
      world.authorize = { decision: behaviour.decision ?? "approve", ...pickSignedIn(behaviour) };
    },
    tweets: () => tweets.all(),
  };
}

function pickSignedIn(behaviour: AuthorizeBehaviour): { signedInUser?: string } {
  return behaviour.signedInUser === undefined ? {} : { signedInUser: behaviour.signedInUser };
}
