import type { TokenType } from "../credentials/credentials.js";
import type { WarningHandler } from "../errors/twauth-warning.js";
import type { SecretStore } from "../store/secret-store.js";
import type { Duration } from "./duration.js";
import type { FetchFunction } from "./fetch-transport.js";
import type { RateLimitState, RateLimitWaitReason } from "./rate-limit-state.js";
import type { Sleep } from "./sleep.js";

/**
 * HTTP methods a connection sends.
 *
 * @example
 * await api.request({ method: "DELETE", path: "/2/tweets/1460323737035677698" });
 */
export type HttpMethod = "GET" | "HEAD" | "POST" | "PUT" | "PATCH" | "DELETE" | "OPTIONS";

/**
 * Credentials given in code: the canonical names below, or any alias the stores accept (`API Key`,
 * `CONSUMER_KEY`, `ACCESS_SECRET`, ...). A typed `Credentials` object (with `type`) fits too.
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
  readonly [alias: string]: string | number | undefined;
}

/**
 * One rate-limit wait, as `waitOnRateLimitNotify` receives it.
 *
 * @example
 * await getApiConnection({ credentials, waitOnRateLimit: true, waitOnRateLimitNotify: (wait) => log.info(wait) });
 * // { endpoint: "GET /2/users/me", waitMs: 898025, resetAt: 1735732800025, limit: 75, reason: "exhausted" }
 */
export interface RateLimitWait {
  /** `METHOD /path/template`, e.g. `"GET /2/tweets/:id"`. */
  readonly endpoint: string;
  /** How long the request will wait, milliseconds. */
  readonly waitMs: number;
  /** When the wait ends, epoch milliseconds. */
  readonly resetAt: number;
  /** The window's request limit, when X said it. */
  readonly limit?: number;
  readonly reason: RateLimitWaitReason;
}

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
  credentials?: CredentialsInput;
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
   * Told about every rate-limit wait. `true`: a one-line countdown on stderr when it is a TTY, else one
   * log line per wait; `false`: silent; a function receives each `RateLimitWait`. @default true
   */
  waitOnRateLimitNotify?: boolean | ((wait: RateLimitWait) => void);
  /** A rate-limit wait longer than this throws `RATE_LIMITED` instead of sleeping. @default "16m" */
  maxRateLimitWait?: Duration;
  /** How many times one call may wait after a 429 before it throws `RATE_LIMITED`. @default 3 */
  maxRateLimitWaits?: number;
  /** Retries after a status in `retryErrors` or a network error. @default 3 */
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
  /** Double the delay after each retry, with full jitter, up to `maxRetryDelay`. @default false */
  retryBackoff?: boolean;
  /** Cap on any retry delay, including a `Retry-After` the server asks for. @default 60 */
  maxRetryDelay?: Duration;
  /** Per attempt: a response must be complete within this time. `0` disables it. @default 30 */
  timeout?: Duration;
  /** Send through this `fetch` instead of the built-in `node:http` transport. */
  fetch?: FetchFunction;
  /** Where rate-limit figures and the bearer token are kept; share one between connections. @default a new in-memory state */
  rateLimitState?: RateLimitState;
  /** The `User-Agent` header. @default "twauth" */
  userAgent?: string;
  /** Receives warnings about credentials (e.g. whitespace trimmed). @default process.emitWarning */
  onWarning?: WarningHandler;
  /** The clock, epoch milliseconds. For tests. @default Date.now */
  now?: () => number;
  /** How waits happen. For tests: record delays or move a fake clock. @default an abortable setTimeout */
  sleep?: Sleep;
}

/** The options after validation, every default filled in. */
export interface NormalizedConnectionOptions {
  readonly credentials?: CredentialsInput;
  readonly store?: SecretStore;
  readonly profile?: string;
  readonly auth?: TokenType;
  /** No trailing slash. */
  readonly baseUrl: string;
  readonly waitOnRateLimit: boolean;
  readonly notify: boolean | ((wait: RateLimitWait) => void);
  readonly maxRateLimitWaitMs: number;
  readonly maxRateLimitWaits: number;
  readonly retryCount: number;
  readonly retryDelayMs: number;
  readonly retryErrors: ReadonlySet<number>;
  readonly retryMethods: ReadonlySet<string>;
  readonly retryBackoff: boolean;
  readonly maxRetryDelayMs: number;
  readonly timeoutMs: number;
  readonly fetch?: FetchFunction;
  readonly rateLimitState?: RateLimitState;
  readonly userAgent: string;
  readonly onWarning?: WarningHandler;
  readonly now: () => number;
  readonly sleep?: Sleep;
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
  userAgent: "twauth",
} as const;
