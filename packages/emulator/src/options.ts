import {
  defaultApp,
  defaultOAuth2Client,
  defaultPublicOAuth2Client,
  defaultRateLimits,
  defaultUser,
  secondUser,
} from "./defaults.js";
import type { RateLimitRule } from "./limits/rate-limiter.js";
import { defaultOAuth2Lifetimes, type OAuth2Lifetimes } from "./oauth2/oauth2-grants.js";
import type { OAuth2ClientSeed } from "./oauth2/oauth2-model.js";
import type { AuthorizeBehaviour } from "./routes/route.js";
import type { AppSeed, UserSeed } from "./state/model.js";

/**
 * Options of `startEmulator`. Everything is optional: with none, it serves defaultApp, defaultUser
 * and secondUser on a free 127.0.0.1 port with defaultRateLimits.
 *
 * @example
 * let clock = Date.parse("2025-01-01T00:00:00Z");
 * const options: EmulatorOptions = {
 *   now: () => clock,
 *   rateLimits: { "POST /2/tweets": { limit: 1, windowMs: 60_000 }, "GET /2/users/me": null },
 *   log: (line) => console.log(line),
 * };
 */
export interface EmulatorOptions {
  /** The port to listen on; 0 picks any free port. @default 0 */
  port?: number;
  /** Loopback only: "127.0.0.1", "::1" or "localhost". @default "127.0.0.1" */
  host?: string;
  /** Replace the built-in app when given. @default [defaultApp] */
  apps?: readonly AppSeed[];
  /**
   * Replace the built-in users when given. Tokens go to the first app unless a user names one.
   * @default [defaultUser, secondUser] (secondUser without tokens)
   */
  users?: readonly UserSeed[];
  /**
   * Per route key ("GET /2/users/me"); merged over the defaults; null removes a default limit.
   * @default defaultRateLimits
   */
  rateLimits?: Readonly<Record<string, RateLimitRule | null>>;
  /** Epoch ms. Drives timestamp checks, rate-limit windows, `date` headers and request-token expiry. @default Date.now */
  now?: () => number;
  /** How far oauth_timestamp may be from now, in seconds. @default 300 */
  timestampToleranceSeconds?: number;
  /** How long a request token lives before access_token, in seconds (X does not document it). @default 900 */
  requestTokenTtlSeconds?: number;
  /** The authorize page's signed-in user and decision. @default { decision: "approve" }, signed in as the first user */
  authorize?: AuthorizeBehaviour;
  /** How many request records stats.requests keeps (counts are kept for all). @default 10000 */
  maxRecordedRequests?: number;
  /** Largest request body accepted, in bytes. @default 1048576 (1 MiB) */
  maxBodyBytes?: number;
  /** One line per request (method, path, status, outcome, token key); never a secret. @default no log */
  log?: (line: string) => void;
  /** OAuth 2.0 clients. @default [defaultOAuth2Client, defaultPublicOAuth2Client] */
  oauth2Clients?: readonly OAuth2ClientSeed[];
  /** How long an OAuth 2.0 access token lives, in seconds (X: 7200). @default 7200 */
  oauth2AccessTokenTtlSeconds?: number;
}

export interface NormalizedOptions {
  port: number;
  host: string;
  apps: readonly AppSeed[];
  users: readonly UserSeed[];
  rateLimits: Record<string, RateLimitRule | null>;
  now: () => number;
  timestampToleranceSeconds: number;
  requestTokenTtlMs: number;
  authorize: AuthorizeBehaviour;
  maxRecordedRequests: number;
  maxBodyBytes: number;
  log: ((line: string) => void) | undefined;
  oauth2Clients: readonly OAuth2ClientSeed[];
  oauth2Lifetimes: OAuth2Lifetimes;
}

const loopbackHosts = new Set(["127.0.0.1", "::1", "localhost"]);

/** Checks a listen address (loopback only, a valid port) and fills the defaults: 127.0.0.1, port 0. */
export function loopbackListenAddress(options: { host?: string; port?: number }): {
  host: string;
  port: number;
} {
  const host = options.host ?? "127.0.0.1";
  if (!loopbackHosts.has(host)) {
    throw new RangeError(`host must be a loopback address (127.0.0.1, ::1 or localhost); got ${host}`);
  }
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    throw new RangeError("port must be an integer from 0 to 65535");
  return { host, port };
}

export function normalizeOptions(options: EmulatorOptions = {}): NormalizedOptions {
  const { host, port } = loopbackListenAddress(options);
  const tolerance = options.timestampToleranceSeconds ?? 300;
  if (!(tolerance >= 0)) throw new RangeError("timestampToleranceSeconds must be >= 0");
  const ttl = options.requestTokenTtlSeconds ?? 900;
  if (!(ttl > 0)) throw new RangeError("requestTokenTtlSeconds must be > 0");
  const accessTtl = options.oauth2AccessTokenTtlSeconds ?? 7200;
  if (!(accessTtl > 0 && accessTtl <= 86_400))
    throw new RangeError("oauth2AccessTokenTtlSeconds must be > 0 and at most 86400");
  return {
    port,
    host,
    apps: options.apps ?? [defaultApp],
    users: options.users ?? [defaultUser, { ...secondUser, issueTokens: false }],
    rateLimits: { ...defaultRateLimits, ...options.rateLimits },
    now: options.now ?? Date.now,
    timestampToleranceSeconds: tolerance,
    requestTokenTtlMs: ttl * 1000,
    authorize: { ...options.authorize },
    maxRecordedRequests: options.maxRecordedRequests ?? 10_000,
    maxBodyBytes: options.maxBodyBytes ?? 1024 * 1024,
    log: options.log,
    oauth2Clients: options.oauth2Clients ?? [defaultOAuth2Client, defaultPublicOAuth2Client],
    oauth2Lifetimes: { ...defaultOAuth2Lifetimes, accessTokenTtlMs: accessTtl * 1000 },
  };
}
