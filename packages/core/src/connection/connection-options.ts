import type { BearerTokenCache } from "../auth/bearer-token-cache.js";
import type { RefreshLock } from "../auth/refresh-lock.js";
import type { Credentials, TokenType } from "../credentials/credentials.js";
import type { WarningHandler } from "../errors/twauth-warning.js";
import type { Duration } from "../http/duration.js";
import type { FetchFunction } from "../http/fetch-transport.js";
import type { Sleep } from "../http/sleep.js";
import type { RateLimitWait, WaitNotifier } from "../rate-limit/rate-limit-notify.js";
import type { RateLimitState } from "../rate-limit/rate-limit-state.js";
import type { PriceOverrides } from "../spend/prices.js";
import type { SpendGuard } from "../spend/spend-guard.js";
import type { SpendLedger } from "../spend/spend-ledger.js";
import type { SpendNotice } from "../spend/spend-notice.js";
import type { SpendLimit } from "../spend/spend-options.js";
import type { SecretStore } from "../store/secret-store.js";

/**
 * HTTP methods a connection sends.
 *
 * @example
 * await api.request({ method: "DELETE", path: "/2/tweets/1460323737035677698" });
 */
export type HttpMethod = "GET" | "HEAD" | "POST" | "PUT" | "PATCH" | "DELETE" | "OPTIONS";

/**
 * Credentials given in code, by their canonical names. A typed `Credentials` object (with `type`, as
 * `resolveCredentials` returns it) is accepted too. Alias names (`API Key`, `CONSUMER_KEY`, ...) are
 * for stores and `resolveCredentials`: here a misspelt name is a type error.
 *
 * @example { consumerKey: "…", consumerSecret: "…", accessToken: "…", accessTokenSecret: "…" }
 */
export interface CredentialsInput {
  readonly consumerKey?: string | undefined;
  readonly consumerSecret?: string | undefined;
  readonly accessToken?: string | undefined;
  readonly accessTokenSecret?: string | undefined;
  readonly bearerToken?: string | undefined;
  readonly clientId?: string | undefined;
  readonly clientSecret?: string | undefined;
  readonly oauth2AccessToken?: string | undefined;
  readonly oauth2RefreshToken?: string | undefined;
  /** When the OAuth 2.0 access token expires: epoch milliseconds, or an ISO 8601 date. */
  readonly oauth2ExpiresAt?: string | number | undefined;
}

/** What `waitOnRateLimitNotify` receives: a wait (rate limit or retry), or a spend notice. */
export type ConnectionNotice = RateLimitWait | SpendNotice;

/**
 * A `waitOnRateLimitNotify` function. Written as a method type so that a function taking only
 * `RateLimitWait`, from before spend notices, still compiles; with `spendLimit` set it also receives
 * `SpendNotice`s (`reason: "spend-limit"`).
 */
export type ConnectionNotify = { notify(event: ConnectionNotice): unknown }["notify"];

/**
 * Options of `getApiConnection`. Durations are seconds (fractions allowed) or strings such as
 * `"500ms"`, `"5s"`, `"2m"`. Give either `credentials` or `store`.
 *
 * @example
 * const options: ApiConnectionOptions = {
 *   credentials: { consumerKey, consumerSecret, accessToken, accessTokenSecret },
 *   waitOnRateLimit: true,
 *   retryDelay: "2s",
 *   timeout: 10,
 * };
 */
export interface ApiConnectionOptions {
  /** Credentials in code. Mutually exclusive with `store`. */
  credentials?: CredentialsInput | Credentials;
  /** Where to load credentials from (`@twauth/store-*`). Mutually exclusive with `credentials`. */
  store?: SecretStore;
  /** The store's profile. @default "default" */
  profile?: string;
  /**
   * Which token the connection uses: `user` (OAuth 1.0a user context), `app` (app-only bearer) or
   * `oauth2-user` (OAuth 2.0 user access token). @default inferred from the keys present
   */
  auth?: TokenType;
  /** Origin of the X API; `http:` only for loopback hosts (the emulator). @default "https://api.x.com" */
  baseUrl?: string;
  /** Wait for rate-limit resets instead of throwing `RATE_LIMITED`. @default false */
  waitOnRateLimit?: boolean;
  /**
   * Told about every wait: rate-limit waits, and the pause before each retry (reason `retry`, with what
   * failed and the attempt number). `true`: on stderr, a countdown line for rate-limit waits when it is
   * a TTY (else one log line per wait) and one line per retry; `false`: silent; a function receives
   * each `RateLimitWait`, and may return a function that is called when that wait ends. With
   * `spendLimit`, also each `SpendNotice` (`reason: "spend-limit"`: 50%, 80%, 100% of the limit
   * reached, once each per UTC day), on stderr as one line. @default true
   */
  waitOnRateLimitNotify?: boolean | ConnectionNotify;
  /** A rate-limit wait longer than this throws `RATE_LIMITED` instead of sleeping. @default "16m" */
  maxRateLimitWait?: Duration;
  /** How many times one call may wait after a 429 before it throws `RATE_LIMITED`. @default 3 */
  maxRateLimitWaits?: number;
  /**
   * Retries after a status in `retryErrors` or a network error. A host name that does not resolve
   * (`ENOTFOUND`) is not retried: it will not resolve in five seconds either. A failed lookup that
   * says to try again (`EAI_AGAIN`) is. @default 3
   */
  retryCount?: number;
  /** Pause before a retry (the first one, with `retryBackoff`). @default 5 */
  retryDelay?: Duration;
  /** Statuses that are retried; 429 may not be listed (rate-limit waiting handles it). @default [500, 502, 503, 504] */
  retryErrors?: readonly number[];
  /**
   * Methods retried after an error status or a lost connection. POST and PATCH are left out because a
   * duplicate tweet is worse than an error; a refused connection is retried for any method.
   * @default ["GET", "HEAD", "PUT", "DELETE", "OPTIONS"]
   */
  retryMethods?: readonly HttpMethod[];
  /**
   * Double the delay after each retry, up to `maxRetryDelay`, with equal jitter: each delay is half
   * fixed and half random (so retries of many clients spread out, and none comes back at once).
   * @default false
   */
  retryBackoff?: boolean;
  /** Cap on any retry delay, including a `Retry-After` the server asks for. @default 60 */
  maxRetryDelay?: Duration;
  /** Per attempt: a response must be complete within this time. `0` disables it. @default 30 */
  timeout?: Duration;
  /**
   * Per attempt: a socket must be connected within this time (a host that swallows packets fails
   * fast instead of after `timeout`). Nothing was sent, so even a POST is retried. `0`: `timeout`
   * alone. Not applied with `fetch`. @default 0
   */
  connectTimeout?: Duration;
  /** The largest response body read; past it `RESPONSE_TOO_LARGE` and the socket is closed. @default 32 MiB */
  maxResponseBytes?: number;
  /**
   * OAuth 2.0 user tokens: refresh this long before `expiresAt`, so no request leaves with a token
   * that lapses on the way (X's access tokens live 2 hours). @default 60
   */
  oauth2RefreshBefore?: Duration;
  /**
   * OAuth 2.0 user tokens in a fleet: a lock shared by every worker (`redisRefreshLock`), held around
   * each refresh so the fleet redeems each refresh token once. @default none (the store's own lock or
   * compare-and-swap, within one host)
   */
  refreshLock?: RefreshLock;
  /** Send through this `fetch` instead of the built-in `node:http` transport. */
  fetch?: FetchFunction;
  /** Where the rate-limit budget is kept; share one between connections. @default a new in-memory state */
  rateLimitState?: RateLimitState;
  /**
   * Where an exchanged app-only bearer token is kept; share one between connections (X answers 403
   * code 99 to apps that ask too often). @default one in-memory cache per `rateLimitState` (so
   * connections given one state share a token, as before), else one per connection
   */
  bearerTokenCache?: BearerTokenCache;
  /** The `User-Agent` header. @default "twauth" */
  userAgent?: string;
  /** Receives warnings about credentials (e.g. whitespace trimmed). @default process.emitWarning */
  onWarning?: WarningHandler;
  /**
   * Refuse requests (`SPEND_LIMIT_REACHED`, nothing sent) that would take the estimated pay-per-use
   * spend of the UTC day past `daily` US dollars. `mode: "worst-case"` (the default) refuses a request
   * whose largest possible cost does not fit; `"observed"` sends until the estimate reaches the limit.
   * @default no limit, nothing counted
   */
  spendLimit?: SpendLimit;
  /** Prices in US dollars by billing kind, over the built-in table (`{ Post: 0.005 }`). Needs `spendLimit`. */
  prices?: PriceOverrides;
  /**
   * Where the day's estimated spend is kept; share one between connections (or workers, over Redis)
   * for one budget. Needs `spendLimit`. @default a new in-memory ledger per connection
   */
  spendLedger?: SpendLedger;
  /** The clock, epoch milliseconds. For tests. @default Date.now */
  now?: () => number;
  /** How waits happen. For tests: record delays or move a fake clock. @default an abortable setTimeout */
  sleep?: Sleep;
}

/** The options after validation, every default filled in: the connection trusts them as they are. */
export interface NormalizedConnectionOptions {
  readonly credentials?: CredentialsInput | Credentials;
  readonly store?: SecretStore;
  /** The store's profile (`"default"` when not given). */
  readonly profile: string;
  readonly auth?: TokenType;
  /** No trailing slash. */
  readonly baseUrl: string;
  readonly waitOnRateLimit: boolean;
  /** `undefined`: silent. */
  readonly notify: WaitNotifier | undefined;
  readonly maxRateLimitWaitMs: number;
  readonly maxRateLimitWaits: number;
  readonly retryCount: number;
  readonly retryDelayMs: number;
  readonly retryErrors: ReadonlySet<number>;
  readonly retryMethods: ReadonlySet<string>;
  readonly retryBackoff: boolean;
  readonly maxRetryDelayMs: number;
  readonly timeoutMs: number;
  readonly connectTimeoutMs: number;
  readonly maxResponseBytes: number;
  readonly oauth2RefreshBeforeMs: number;
  readonly refreshLock?: RefreshLock;
  readonly fetch?: FetchFunction;
  readonly rateLimitState: RateLimitState;
  /** True when the caller gave the state (shared): it is consulted even without waitOnRateLimit. */
  readonly sharedRateLimitState: boolean;
  readonly bearerTokenCache: BearerTokenCache;
  readonly userAgent: string;
  readonly onWarning?: WarningHandler;
  /** `undefined`: no `spendLimit`, nothing reserved or counted. */
  readonly spendGuard: SpendGuard | undefined;
  readonly now: () => number;
  readonly sleep: Sleep;
}

export const connectionDefaults = {
  baseUrl: "https://api.x.com",
  waitOnRateLimit: false,
  waitOnRateLimitNotify: true,
  maxRateLimitWait: "16m",
  maxRateLimitWaits: 3,
  retryCount: 3,
  retryDelay: 5,
  retryErrors: [500, 502, 503, 504],
  retryMethods: ["GET", "HEAD", "PUT", "DELETE", "OPTIONS"],
  retryBackoff: false,
  maxRetryDelay: 60,
  timeout: 30,
  connectTimeout: 0,
  maxResponseBytes: 32 * 1024 * 1024,
  oauth2RefreshBefore: 60,
  userAgent: "twauth",
} as const;

export type { RateLimitWait };
