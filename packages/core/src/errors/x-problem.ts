import type { TokenType } from "../credentials/credentials.js";
import type { TwauthErrorCode, TwauthErrorContext } from "./twauth-error.js";

/**
 * An unsuccessful answer from X, as much of it as the classifier needs.
 *
 * @example
 * const input: XProblemInput = {
 *   status: 402,
 *   body: { title: "CreditsDepleted", type: "https://api.twitter.com/2/problems/credits" },
 *   headers: { "x-transaction-id": "a1b2c3" },
 *   tokenType: "user",
 *   endpoint: "GET /2/users/me",
 * };
 */
export interface XProblemInput {
  readonly status: number;
  /** The parsed JSON body, or undefined when it was not JSON. */
  readonly body: unknown;
  /** Response headers, names in lower case. */
  readonly headers: Readonly<Record<string, string | undefined>>;
  /** The kind of token the request was sent with, when known. */
  readonly tokenType?: TokenType | undefined;
  /** `METHOD /path/template` of the request. */
  readonly endpoint: string;
}

/**
 * What a `TwauthError` for one of X's 2026 failures needs: its code, its message (what X said and
 * what to do) and its context fields. Never contains a secret: only X's own words about the account.
 *
 * @example
 * const problem = classifyXProblem(input);
 * if (problem) throw new TwauthError(problem.code, problem.message, problem.context);
 */
export interface XProblem {
  readonly code: TwauthErrorCode;
  readonly message: string;
  readonly context: TwauthErrorContext;
}

const maxQuotedLength = 300;
const maxHeaderLength = 128;

/** X's names for token types, as its "Unsupported Authentication" detail writes them. */
const tokenTypeNames: Readonly<Record<TokenType, string>> = {
  user: "OAuth 1.0a User Context",
  app: "OAuth 2.0 Application-Only",
  "oauth2-user": "OAuth 2.0 User Context",
};

/**
 * The OAuth 2.0 scopes X's API reference lists for the endpoints twauth knows ("OAuth 2.0 scopes
 * required by this endpoint", from the `OAuth2UserToken` security entries of X's OpenAPI spec).
 * X's 403 for a missing scope is a bare "Forbidden" that names none, so the docs are the only source.
 */
const documentedScopes: Readonly<Record<string, readonly string[]>> = {
  "GET /2/users/me": ["tweet.read", "users.read"],
  "POST /2/tweets": ["tweet.read", "tweet.write", "users.read"],
  "GET /2/tweets/:id": ["tweet.read", "users.read"],
  "GET /2/tweets/search/recent": ["tweet.read", "users.read"],
};

/**
 * Recognises X's 2026 failures (credits depleted, usage capped, client not enrolled, unsupported
 * authentication, missing OAuth 2.0 scope) and says what each means and what to do. Returns
 * undefined for any other answer, which stays the connection's to word.
 *
 * @example
 * classifyXProblem({ status: 429, body: usageCappedBody, headers: {}, endpoint: "GET /2/users/me" })?.code;
 * // "USAGE_CAP_EXCEEDED"
 */
export function classifyXProblem(input: XProblemInput): XProblem | undefined {
  const body = asRecord(input.body);
  const type = text(body.type);
  const context: TwauthErrorContext = {
    status: input.status,
    endpoint: input.endpoint,
    ...(type === undefined ? {} : { problemType: type }),
    ...xResponseContext(input.headers),
  };
  const classify = classifiers[input.status];
  const found = classify?.(input, body, type);
  return found && { code: found.code, message: found.message, context: { ...context, ...found.context } };
}

/**
 * The support fields of any response from X: `x-transaction-id` (quote it to X support) and
 * `api-version`, each only when sent and printable.
 *
 * @example xResponseContext({ "x-transaction-id": "a1b2c3" }) // { transactionId: "a1b2c3" }
 */
export function xResponseContext(
  headers: Readonly<Record<string, string | undefined>>,
): Pick<TwauthErrorContext, "transactionId" | "apiVersion"> {
  const transactionId = headerValue(headers["x-transaction-id"]);
  const apiVersion = headerValue(headers["api-version"]);
  return {
    ...(transactionId === undefined ? {} : { transactionId }),
    ...(apiVersion === undefined ? {} : { apiVersion }),
  };
}

type Body = Readonly<Record<string, unknown>>;
type Found = { code: TwauthErrorCode; message: string; context?: TwauthErrorContext } | undefined;
type Classifier = (input: XProblemInput, body: Body, type: string | undefined) => Found;

const classifiers: Readonly<Record<number, Classifier>> = {
  402: creditsDepleted,
  429: usageCapped,
  403: (input, body, type) =>
    clientNotEnrolled(input, body, type) ??
    unsupportedAuthentication(input, body, type) ??
    scopeMissing(input, body, type),
};

/** 402 `…/problems/credits` (title "CreditsDepleted"): X bills nothing more until credits are bought. */
function creditsDepleted(input: XProblemInput, body: Body, type: string | undefined): Found {
  if (!problemIs(type, "credits") && text(body.title) !== "CreditsDepleted") return undefined;
  return {
    code: "CREDITS_DEPLETED",
    message: `X refused ${input.endpoint} (402 CreditsDepleted)${said(body.detail)} The account has no credits left: buy credits or turn on auto-recharge in the developer console (console.x.com). twauth never retries this.`,
  };
}

/**
 * 429 `…/problems/usage-capped` (title "UsageCapExceeded"): a cap for a period, not a rate limit, so
 * the 15-minute headers can show requests remaining and waiting for their reset does not help.
 * docs.x.com's pricing page caps pay-per-use at 3 million Post reads per monthly billing cycle and
 * names an Enterprise plan for more.
 */
function usageCapped(input: XProblemInput, body: Body, type: string | undefined): Found {
  if (!problemIs(type, "usage-capped") && text(body.title) !== "UsageCapExceeded") return undefined;
  const period = word(body.period);
  const scope = word(body.scope);
  const cap = [period && `period ${period}`, scope && `scope ${scope}`].filter(Boolean).join(", ");
  const until =
    period === undefined ? "until the cap resets" : `until the next ${period.toLowerCase()} period`;
  const remaining = Number(input.headers["x-rate-limit-remaining"]);
  return {
    code: "USAGE_CAP_EXCEEDED",
    message: `X's usage cap is reached for ${input.endpoint} (429 UsageCapExceeded${cap === "" ? "" : `: ${cap}`})${said(body.detail)} This is not a rate limit: twauth neither waits for the rate-limit reset nor retries. Requests fail ${until}; a higher cap needs another plan (above pay-per-use, X's docs name Enterprise).`,
    context: Number.isSafeInteger(remaining) && remaining >= 0 ? { remaining } : {},
  };
}

/** 403 `…/problems/client-forbidden` with reason "client-not-enrolled": the app is in no project with access. */
function clientNotEnrolled(input: XProblemInput, body: Body, type: string | undefined): Found {
  if (!problemIs(type, "client-forbidden") || text(body.reason) !== "client-not-enrolled") return undefined;
  const app = word(body.client_id);
  const needs = text(body.required_enrollment);
  return {
    code: "CLIENT_NOT_ENROLLED",
    message: `X refused ${input.endpoint} (403 Client Forbidden, client-not-enrolled): the keys belong to an app${app === undefined ? "" : ` (id ${app})`} that is not attached to a project with API access${needs === undefined ? "" : ` (X requires: ${needs})`}. In the developer console, attach the app to a project on the pay-per-use package in the Production environment, then use that app's keys.`,
  };
}

/**
 * 403 `…/problems/unsupported-authentication`: the endpoint takes other token types. X's detail
 * reads "Authenticating with <used> is forbidden for this endpoint.  Supported authentication
 * types are [<a>, <b>]."
 */
function unsupportedAuthentication(input: XProblemInput, body: Body, type: string | undefined): Found {
  const detail = text(body.detail) ?? "";
  if (!problemIs(type, "unsupported-authentication") && text(body.title) !== "Unsupported Authentication")
    return undefined;
  const used =
    (input.tokenType && tokenTypeNames[input.tokenType]) ??
    /Authenticating with (.{1,60}?) is forbidden/.exec(detail)?.[1] ??
    "this token type";
  const supported = (/Supported authentication types are \[([^\]]{1,200})\]/.exec(detail)?.[1] ?? "")
    .split(",")
    .map((name) => name.trim())
    .filter((name) => name !== "");
  const needs =
    supported.length === 0
      ? "another token type"
      : supported.length === 1
        ? supported[0]
        : `one of: ${supported.join(", ")}`;
  return {
    code: "AUTH_TYPE_UNSUPPORTED",
    message: `${input.endpoint} does not accept ${used}, which this connection used; it needs ${needs}. ${authTypeAdvice(supported)}`,
  };
}

/** What to use instead, by the types the endpoint lists (X's names for them). */
function authTypeAdvice(supported: readonly string[]): string {
  const takes = (name: string) => supported.includes(name);
  if (takes(tokenTypeNames.user) && takes(tokenTypeNames["oauth2-user"])) {
    return 'Add the access token and access token secret (or an OAuth 2.0 user token) to the credentials, or choose auth: "user".';
  }
  if (takes(tokenTypeNames.user)) {
    return 'Add the access token and access token secret to the credentials, or choose auth: "user".';
  }
  if (takes(tokenTypeNames["oauth2-user"])) {
    return 'Sign the user in with OAuth 2.0 (Authorization Code with PKCE) and use that token: auth: "oauth2-user".';
  }
  if (takes(tokenTypeNames.app)) {
    return 'Use the app-only bearer token: auth: "app" with the consumer key and secret.';
  }
  return "Use credentials of a type the endpoint lists.";
}

/**
 * 403 with X's bare problem (`about:blank`, "Forbidden") to an OAuth 2.0 user token: a scope the
 * endpoint needs was not granted. X names no scope in it: twitter-api-v2 issues #265 and #376 and
 * xdevplatform/twitter-api-java-sdk #42 show the whole body,
 * `{"title":"Forbidden","type":"about:blank","status":403,"detail":"Forbidden"}`, each resolved by
 * signing in with the missing scope (`tweet.read`, `like.write`, `list.read`). A server that follows
 * RFC 6750 §3 names the scopes in `www-authenticate: Bearer error="insufficient_scope", scope="…"`:
 * those win when sent.
 */
function scopeMissing(input: XProblemInput, body: Body, type: string | undefined): Found {
  const fromHeader = insufficientScopes(input.headers["www-authenticate"]);
  const bare = (type === undefined || type === "about:blank") && text(body.title) === "Forbidden";
  if (fromHeader === undefined && !(bare && input.tokenType === "oauth2-user")) return undefined;
  const scopes = fromHeader ?? documentedScopes[input.endpoint];
  const named =
    scopes === undefined
      ? "X's API reference lists the scopes each endpoint needs"
      : `${fromHeader === undefined ? "X's API reference lists" : "X names"} ${scopes.join(", ")} for it`;
  return {
    code: "SCOPE_MISSING",
    message: `X refused ${input.endpoint} for this OAuth 2.0 user token (403 Forbidden): the token lacks a scope the endpoint needs; ${named}. Sign the user in again asking for those scopes: a refresh keeps the scopes the token was granted.`,
  };
}

function insufficientScopes(header: string | undefined): readonly string[] | undefined {
  if (header === undefined || header.length > 1000 || !/error="insufficient_scope"/.test(header))
    return undefined;
  const scopes = /scope="([^"]{1,500})"/.exec(header)?.[1]?.split(" ").filter(isScopeName);
  return scopes === undefined || scopes.length === 0 ? undefined : scopes;
}

function isScopeName(value: string): boolean {
  return /^[a-z][a-z0-9._:-]{0,40}$/i.test(value);
}

function problemIs(type: string | undefined, name: string): boolean {
  return type?.endsWith(`/problems/${name}`) === true;
}

function asRecord(value: unknown): Body {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Body) : {};
}

function text(value: unknown): string | undefined {
  if (typeof value !== "string") return undefined;
  const cleaned = value
    .replace(/[\p{Cc}\p{Cf}]/gu, " ")
    .replace(/\s+/g, " ")
    .trim();
  if (cleaned === "") return undefined;
  return cleaned.length > maxQuotedLength ? `${cleaned.slice(0, maxQuotedLength)}…` : cleaned;
}

/** A short identifier-like value from the body (a period, a scope, an app id), else undefined. */
function word(value: unknown): string | undefined {
  const found = typeof value === "number" ? String(value) : text(value);
  return found !== undefined && /^[\w .-]{1,40}$/.test(found) ? found : undefined;
}

/** X's detail as the end of a sentence: ": <detail>." or "." when there is none. */
function said(detail: unknown): string {
  const words = text(detail);
  if (words === undefined) return ".";
  return `: ${words}${/[.!?…]$/.test(words) ? "" : "."}`;
}

function headerValue(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  return trimmed !== "" && trimmed.length <= maxHeaderLength && /^[\x21-\x7e ]+$/.test(trimmed)
    ? trimmed
    : undefined;
}
