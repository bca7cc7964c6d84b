// Loaded with a dynamic import() by getApiConnection only: zod costs ~12 ms to import, and code that
// only signs requests must not pay for it. Its schema (not zod, not the normaliser) is also exported
// as `@twauth/core/config-support`, so that @twauth/config checks a config file's connection options
// with these very rules.
import { z } from "zod";
import { TwauthError } from "../errors/twauth-error.js";
import { apiBaseUrlOrigin, apiBaseUrlRule } from "../http/base-url.js";
import { durationToMs, maxDurationMs } from "../http/duration.js";
import { isSendableHeaderValue } from "../http/header-check.js";
import { isPriceOverrides } from "../spend/prices.js";
import { isSpendLimit, maxDailyLimitUsd } from "../spend/spend-options.js";
import type { ApiConnectionOptions, NormalizedConnectionOptions } from "./connection-options.js";
import { connectionDefaults } from "./connection-options.js";
import { fillConnectionDefaults } from "./normalize-options.js";

const methods = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;

// What each option must be, for OPTIONS_INVALID. Durations are also bounded to 24 days (below Node's
// longest timer); the words stay short because config files quote them too. Written out instead of zod's own messages, which
// can quote the value received (and a value may be a secret).
export const expectedOptionValues: Readonly<Record<string, string>> = {
  credentials:
    "an object of credential strings, e.g. { consumerKey, consumerSecret, accessToken, accessTokenSecret }",
  store: "a SecretStore (an object with kind, source and load())",
  profile: "a non-empty string",
  auth: 'one of "user", "app", "oauth2-user"',
  baseUrl: apiBaseUrlRule,
  waitOnRateLimit: "true or false",
  waitOnRateLimitNotify: "true, false or a function receiving each rate-limit wait",
  maxRateLimitWait: 'a duration: seconds as a number, or a string such as "90s" or "15m"',
  maxRateLimitWaits: "a whole number from 0 to 100",
  retryCount: "a whole number from 0 to 100",
  retryDelay: 'a duration: seconds as a number (fractions allowed), or a string such as "500ms" or "5s"',
  retryErrors: "a list of HTTP statuses from 400 to 599, without 429 (waitOnRateLimit handles 429)",
  retryMethods: `a list of HTTP methods (${methods.join(", ")})`,
  retryBackoff: "true or false",
  maxRetryDelay: 'a duration: seconds as a number, or a string such as "30s"',
  timeout: 'a duration: seconds as a number (0 disables it), or a string such as "10s"',
  connectTimeout: 'a duration: seconds as a number (0 disables it), or a string such as "5s"',
  oauth2RefreshBefore: 'a duration: seconds as a number, or a string such as "60s"',
  maxResponseBytes: "a whole number of bytes from 1 to 2147483647",
  fetch: "a fetch function",
  rateLimitState: "a RateLimitState (acquire, settle)",
  bearerTokenCache: "a BearerTokenCache (get, set, delete)",
  refreshLock: "a RefreshLock (run)",
  userAgent: "a non-empty string without control characters (no CR, LF or NUL)",
  onWarning: "a function",
  spendLimit: `an object { daily, mode }: daily in US dollars per UTC day (above 0, at most ${maxDailyLimitUsd}), mode "worst-case" or "observed"`,
  prices: "an object of prices in US dollars (0 to 100) by billing kind, e.g. { Post: 0.005 }",
  spendLedger: "a SpendLedger (reserve, settle, release, totals)",
  now: "a function returning epoch milliseconds",
  sleep: "a function (ms, signal) => Promise<void>",
};

const isFunction = (value: unknown) => typeof value === "function";
const duration = z.custom<string | number>((value) => {
  const ms = durationToMs(value);
  // Bounded below Node's longest timer: a longer one fires at once with a TimeoutOverflowWarning.
  return ms !== undefined && ms <= maxDurationMs;
});
const wholeNumber = z.number().int().min(0).max(100);
const functions = (...names: string[]) =>
  z.object(Object.fromEntries(names.map((name) => [name, z.custom<unknown>(isFunction)]))).passthrough();

const baseUrl = z.string().refine((value) => apiBaseUrlOrigin(value) !== undefined);

/** The shape of every `getApiConnection` option; values only, no defaults filled in. */
export const connectionOptionsSchema = z
  .object({
    credentials: z.record(z.union([z.string(), z.number(), z.undefined()])).optional(),
    store: z
      .object({ kind: z.string(), source: z.string(), load: z.custom<unknown>(isFunction) })
      .passthrough()
      .optional(),
    profile: z.string().min(1).optional(),
    auth: z.enum(["user", "app", "oauth2-user"]).optional(),
    baseUrl: baseUrl.optional(),
    waitOnRateLimit: z.boolean().optional(),
    waitOnRateLimitNotify: z.union([z.boolean(), z.custom<unknown>(isFunction)]).optional(),
    maxRateLimitWait: duration.optional(),
    maxRateLimitWaits: wholeNumber.optional(),
    retryCount: wholeNumber.optional(),
    retryDelay: duration.optional(),
    retryErrors: z
      .array(
        z
          .number()
          .int()
          .min(400)
          .max(599)
          .refine((status) => status !== 429),
      )
      .optional(),
    retryMethods: z
      .array(
        z
          .string()
          .transform((method) => method.toUpperCase())
          .pipe(z.enum(methods)),
      )
      .optional(),
    retryBackoff: z.boolean().optional(),
    maxRetryDelay: duration.optional(),
    timeout: duration.optional(),
    connectTimeout: duration.optional(),
    oauth2RefreshBefore: duration.optional(),
    maxResponseBytes: z
      .number()
      .int()
      .min(1)
      .max(2 ** 31 - 1)
      .optional(),
    fetch: z.custom<unknown>(isFunction).optional(),
    rateLimitState: functions("acquire", "settle").optional(),
    bearerTokenCache: functions("get", "set", "delete").optional(),
    refreshLock: functions("run").optional(),
    userAgent: z.string().min(1).refine(isSendableHeaderValue).optional(),
    onWarning: z.custom<unknown>(isFunction).optional(),
    spendLimit: z.custom<unknown>(isSpendLimit).optional(),
    prices: z.custom<unknown>(isPriceOverrides).optional(),
    spendLedger: functions("reserve", "settle", "release", "totals").optional(),
    now: z.custom<unknown>(isFunction).optional(),
    sleep: z.custom<unknown>(isFunction).optional(),
  })
  .strict();

function describeIssue(issue: z.ZodIssue): string[] {
  if (issue.code === "unrecognized_keys") {
    return issue.keys.map((key) => `${key}: not an option of getApiConnection`);
  }
  const [option, ...rest] = issue.path;
  const name = String(option ?? "options");
  if (name === "credentials" && rest.length > 0) return [`credentials.${String(rest[0])}: expected a string`];
  return [`${name}: expected ${expectedOptionValues[name] ?? "a valid value"}`];
}

/** Each problem once, and the options they name, from zod's issues. */
function schemaProblems(issues: readonly z.ZodIssue[], problems: string[], keys: string[]): void {
  for (const issue of issues) {
    for (const line of describeIssue(issue)) {
      if (!problems.includes(line)) problems.push(line);
    }
    const named = issue.code === "unrecognized_keys" ? issue.keys : [String(issue.path[0] ?? "options")];
    for (const name of named) if (!keys.includes(name)) keys.push(name);
  }
}

/** What zod cannot say alone: exactly one of credentials and store, and profile only with a store. */
function combinationProblems(given: ApiConnectionOptions, problems: string[], keys: string[]): void {
  if ((given.credentials === undefined) === (given.store === undefined)) {
    problems.push(
      given.credentials === undefined
        ? "credentials or store: expected one of them (credentials in code, or a SecretStore to load them from)"
        : "credentials and store: expected only one of them",
    );
    keys.push("credentials", "store");
  }
  if (given.profile !== undefined && given.store === undefined && !keys.includes("profile")) {
    problems.push("profile: only meaningful with store");
    keys.push("profile");
  }
  for (const key of ["prices", "spendLedger"] as const) {
    if (given[key] === undefined || given.spendLimit !== undefined || keys.includes(key)) continue;
    problems.push(`${key}: only meaningful with spendLimit`);
    keys.push(key);
  }
}

/**
 * Validates `getApiConnection`'s options once and fills in every default. Throws `OPTIONS_INVALID`
 * naming every bad option and what it should be; never a value.
 */
export function normalizeConnectionOptions(input: unknown): NormalizedConnectionOptions {
  if (input === null || typeof input !== "object") {
    throw new TwauthError(
      "OPTIONS_INVALID",
      "getApiConnection needs an options object, e.g. { credentials } or { store }.",
      { keys: ["options"] },
    );
  }
  const result = connectionOptionsSchema.safeParse(input);
  const problems: string[] = [];
  const keys: string[] = [];
  if (!result.success) schemaProblems(result.error.issues, problems, keys);
  const given = input as ApiConnectionOptions;
  combinationProblems(given, problems, keys);
  if (problems.length > 0 || !result.success) {
    throw new TwauthError(
      "OPTIONS_INVALID",
      `Invalid getApiConnection options:\n- ${problems.join("\n- ")}`,
      {
        keys,
      },
    );
  }
  const baseUrl = apiBaseUrlOrigin(result.data.baseUrl ?? connectionDefaults.baseUrl)!;
  // The given object, not zod's copy: functions and stores keep their identity.
  return fillConnectionDefaults({ ...given, ...pickParsed(result.data) }, baseUrl);
}

/** The values zod transformed (method names upper-cased); everything else is taken as given. */
function pickParsed(data: { retryMethods?: readonly string[] | undefined }): Partial<ApiConnectionOptions> {
  return data.retryMethods === undefined
    ? {}
    : { retryMethods: data.retryMethods as ApiConnectionOptions["retryMethods"] & string[] };
}
