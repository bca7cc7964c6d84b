import type { TokenType } from "../credentials/credentials.js";
import { TwauthError, type TwauthErrorOptions } from "../errors/twauth-error.js";
import { formatDuration } from "../http/duration.js";
import type { RateLimitInfo } from "../rate-limit/rate-limit-info.js";

/** What X said in an error body: v1.1 `errors[]` codes and messages, or v2 problem JSON. */
export interface XErrorDetails {
  readonly apiCodes: readonly number[];
  readonly problemType?: string;
  /** X's own words, joined and shortened; `""` when the body said nothing useful. */
  readonly summary: string;
}

const maxSummaryLength = 300;

/** The codes, messages and first problem type of a v1.1 `errors[]` list (at most 5 entries read). */
function readErrorEntries(
  entries: readonly unknown[],
  apiCodes: number[],
  texts: string[],
): string | undefined {
  let problemType: string | undefined;
  for (const entry of entries.slice(0, 5)) {
    if (entry === null || typeof entry !== "object") continue;
    const { code, message, detail, type } = entry as Record<string, unknown>;
    if (typeof code === "number") apiCodes.push(code);
    const text = typeof message === "string" ? message : typeof detail === "string" ? detail : undefined;
    if (text !== undefined && !texts.includes(text)) texts.push(text);
    if (problemType === undefined && typeof type === "string") problemType = type;
  }
  return problemType;
}

/** A problem's title and detail (or an OAuth `error`): the fallback when no entry had a message. */
function problemText(body: Record<string, unknown>): string | undefined {
  const { title, detail, error } = body;
  if (typeof title === "string" && typeof detail === "string" && title !== detail)
    return `${title}: ${detail}`;
  if (typeof detail === "string") return detail;
  if (typeof title === "string") return title;
  return typeof error === "string" ? error : undefined;
}

/** Reads the error fields X uses; anything else in the body is ignored (it is never echoed whole). */
export function xErrorDetails(
  data: unknown,
  redact: (text: string) => string = (text) => text,
): XErrorDetails {
  const apiCodes: number[] = [];
  const texts: string[] = [];
  let problemType: string | undefined;
  if (data !== null && typeof data === "object") {
    const body = data as Record<string, unknown>;
    if (typeof body.type === "string") problemType = body.type;
    if (Array.isArray(body.errors)) {
      const entryType = readErrorEntries(body.errors, apiCodes, texts);
      problemType ??= entryType;
    }
    // The errors' own messages are specific; a problem's title and detail are the fallback.
    const fallback = texts.length === 0 ? problemText(body) : undefined;
    if (fallback !== undefined) texts.push(fallback);
  } else if (typeof data === "string" && data.length > 0 && !data.trimStart().startsWith("<")) {
    texts.push(data);
  }
  // Redacted before it is shortened, so no cut leaves half a secret behind.
  let summary = redact(texts.join(" ")).replace(/\s+/g, " ").trim();
  if (summary.length > maxSummaryLength) summary = `${summary.slice(0, maxSummaryLength)}…`;
  return { apiCodes, ...(problemType === undefined ? {} : { problemType }), summary };
}

/** Everything needed to turn an unsuccessful response into a `TwauthError`. */
export interface FailedResponse {
  readonly status: number;
  readonly data: unknown;
  /** `METHOD /path/template`. */
  readonly endpoint: string;
  readonly tokenType: TokenType;
  readonly rateLimit: RateLimitInfo | undefined;
  /** The connection's clock, for "resets in 14m 58s". */
  readonly now: number;
  /** Replaces any secret the connection holds, in case a server echoes one back. */
  readonly redact: (text: string) => string;
  /** The response's `date` header, epoch ms: a v2 401 has no code, but a far-off date shows clock skew. */
  readonly serverDate?: number;
  /** For a 429 while waiting on rate limits: how many waits this call already made. */
  readonly rateLimitWaits?: number;
  /** What else went wrong (a store that failed to reload after a 401). */
  readonly cause?: unknown;
  /** The support fields of the response (`x-transaction-id`, `api-version`), carried on every error. */
  readonly support?: Pick<TwauthErrorOptions, "transactionId" | "apiVersion">;
}

/**
 * Advice for X's authentication error codes (32 bad signature, 89 revoked token, 135 clock skew),
 * shared by connections and the three-legged flow.
 *
 * @example xAuthErrorHints[135] // "The request's timestamp is out of bounds: this machine's clock is off. …"
 */
export const xAuthErrorHints: Readonly<Record<number, string>> = {
  32: "X could not verify the signature: the consumer secret or the access token secret is wrong, or they belong to different apps. Copy them again from the developer portal.",
  89: "The token is invalid or expired: it was revoked, or regenerated in the developer portal. Put the current access token and access token secret in the store.",
  135: "The request's timestamp is out of bounds: this machine's clock is off. Sync it (NTP) and try again.",
};

const tokenHints: Readonly<Record<TokenType, string>> = {
  user: "Check that the consumer key and secret and the access token and secret are current and belong to one app.",
  app: "Check the bearer token, or the consumer key and secret it was exchanged from.",
  "oauth2-user":
    "The OAuth 2.0 user access token is invalid or expired (they last 2 hours); get a new one or refresh it.",
};

const maxClockSkewMs = 5 * 60_000;
const appPermissionsPattern = /oauth1 app permissions/i;
const appOnlyForbiddenPattern = /Application-Only is forbidden/i;

/** X's words and codes as message parts: `: <summary>`, the closing stop, `, code 32`. */
interface Wording {
  readonly details: XErrorDetails;
  readonly said: string;
  readonly stop: string;
  readonly codes: string;
  readonly context: TwauthErrorOptions;
}

function wordingOf(response: FailedResponse): Wording {
  const { status, endpoint, rateLimit } = response;
  const details = xErrorDetails(response.data, response.redact);
  const summary = details.summary;
  const context: TwauthErrorOptions = {
    status,
    endpoint,
    ...(details.apiCodes.length > 0 ? { apiCodes: details.apiCodes } : {}),
    ...(details.problemType === undefined ? {} : { problemType: details.problemType }),
    ...(rateLimit === undefined
      ? {}
      : { resetAt: rateLimit.resetAt, limit: rateLimit.limit, remaining: rateLimit.remaining }),
    ...(response.cause === undefined ? {} : { cause: response.cause }),
    ...response.support,
  };
  return {
    details,
    said: summary === "" ? "" : `: ${summary}`,
    // Ends X's words as a sentence, without doubling their own full stop.
    stop: /[.!?…]$/.test(summary) ? "" : ".",
    codes: details.apiCodes.length > 0 ? `, code ${details.apiCodes.join(", ")}` : "",
    context,
  };
}

function unauthorizedError(response: FailedResponse, wording: Wording): TwauthError {
  // X rejects timestamps more than 5 minutes off; v2 says only "Unauthorized", its date header tells.
  const skewed =
    response.serverDate !== undefined && Math.abs(response.serverDate - response.now) > maxClockSkewMs;
  const hint =
    wording.details.apiCodes.map((code) => xAuthErrorHints[code]).find((text) => text !== undefined) ??
    (skewed ? xAuthErrorHints[135] : undefined);
  return new TwauthError(
    "AUTH_FAILED",
    `X rejected the credentials for ${response.endpoint} (401${wording.codes})${wording.said}${wording.stop} ${hint ?? tokenHints[response.tokenType]}`,
    wording.context,
  );
}

function forbiddenError(response: FailedResponse, wording: Wording): TwauthError | undefined {
  const { details } = wording;
  const endpoint = response.endpoint;
  const unsupported =
    details.problemType?.endsWith("/unsupported-authentication") === true ||
    appOnlyForbiddenPattern.test(details.summary);
  if (unsupported && response.tokenType === "app") {
    return new TwauthError(
      "AUTH_FAILED",
      `${endpoint} needs a user token (OAuth 1.0a or OAuth 2.0 user context), but this connection holds an app-only bearer token. Add the access token and access token secret to the credentials, or use auth: "user".`,
      wording.context,
    );
  }
  if (!unsupported && !appPermissionsPattern.test(details.summary)) return undefined;
  return new TwauthError(
    "AUTH_FAILED",
    `X refused ${endpoint} for this token (403${wording.codes})${wording.said}${wording.stop} If the app's permissions were changed (e.g. to "Read and write"), regenerate the access token and secret in the developer portal: tokens keep the permissions they were made with.`,
    wording.context,
  );
}

function tooManyRequestsError(response: FailedResponse, wording: Wording): TwauthError {
  const { rateLimit } = response;
  const resetAt = rateLimit?.resetAt;
  const when =
    resetAt === undefined
      ? "X did not say when it resets"
      : `it resets at ${new Date(resetAt).toISOString()} (in ${formatDuration(resetAt - response.now)})`;
  const limit = rateLimit === undefined ? "" : ` (limit ${rateLimit.limit} per window)`;
  const advice =
    response.rateLimitWaits === undefined
      ? "Pass waitOnRateLimit: true to wait instead."
      : `Still 429 after ${response.rateLimitWaits} waits (maxRateLimitWaits); giving up.`;
  return new TwauthError(
    "RATE_LIMITED",
    `${response.endpoint} is rate limited${limit}${wording.said}; ${when}. ${advice}`,
    wording.context,
  );
}

/**
 * The `TwauthError` for a response X did not answer with success: `AUTH_FAILED` (with a hint per X's
 * code), `RATE_LIMITED` for 429, `API_ERROR` for the rest. Carries status, X's codes and problem type,
 * the endpoint and the rate-limit figures.
 */
export function errorFromResponse(response: FailedResponse): TwauthError {
  const wording = wordingOf(response);
  const { status, endpoint } = response;
  if (status === 401) return unauthorizedError(response, wording);
  if (status === 403) {
    const forbidden = forbiddenError(response, wording);
    if (forbidden !== undefined) return forbidden;
  }
  if (status === 429) return tooManyRequestsError(response, wording);
  return new TwauthError(
    "API_ERROR",
    `X answered ${status} to ${endpoint}${wording.codes}${wording.said}`,
    wording.context,
  );
}
