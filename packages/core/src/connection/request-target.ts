import { TwauthError } from "../errors/twauth-error.js";
import { isSendableHeaderName, isSendableHeaderValue } from "../http/header-check.js";
import { percentEncode } from "../oauth1/percent-encode.js";
import type { HttpMethod } from "./connection-options.js";
import { endpointTemplate } from "./endpoint-template.js";

/**
 * A query parameter value; arrays become X's comma lists (`tweet.fields=a,b`).
 *
 * @example
 * { "tweet.fields": ["created_at", "lang"], max_results: 10 } // tweet.fields=created_at%2Clang&max_results=10
 */
export type QueryValue = string | number | boolean | readonly (string | number)[] | undefined;

/**
 * A form body (`application/x-www-form-urlencoded`), which OAuth 1.0a signs.
 *
 * @example
 * await api.post("/1.1/statuses/update.json", { form: { status: "hello" } });
 */
export type FormBody = Readonly<Record<string, string | readonly string[]>>;

/**
 * One request to the X API.
 *
 * @example
 * await api.request({ method: "POST", path: "/2/tweets", json: { text: "hello" } });
 */
export interface ApiRequest {
  /** @default "GET" */
  method?: HttpMethod;
  /** The path under `baseUrl`, e.g. `"/2/tweets/search/recent"`; may carry a query string. */
  path: string;
  /** Query parameters; `undefined` values are left out. */
  query?: Readonly<Record<string, QueryValue>>;
  /** A body sent as JSON (X's v2 endpoints). Mutually exclusive with `form`. */
  json?: unknown;
  /** A body sent form-encoded and signed (v1.1 endpoints). Mutually exclusive with `json`. */
  form?: FormBody;
  /** Extra request headers; `authorization` is the connection's. */
  headers?: Readonly<Record<string, string>>;
  /** Cancels the request and every wait it is in (retry delays, rate-limit resets). */
  signal?: AbortSignal;
  /**
   * Safe to send again after X may have seen it, whatever the method (a POST you made idempotent).
   * @default true for the methods in `retryMethods`
   */
  idempotent?: boolean;
}

/** A request, checked and encoded once for all its attempts. */
export interface RequestTarget {
  readonly method: HttpMethod;
  /** `METHOD /path/template`: the rate-limit bucket, and how errors name the request. */
  readonly endpoint: string;
  readonly url: string;
  readonly body: string | undefined;
  readonly contentType: string | undefined;
  readonly form: FormBody | undefined;
  readonly headers: Readonly<Record<string, string>> | undefined;
}

const methods = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);

function invalid(argument: string, expectation: string): TwauthError {
  return new TwauthError("OPTIONS_INVALID", `request: ${argument} must be ${expectation}.`, {
    keys: [argument],
  });
}

function encodePairs(pairs: Iterable<readonly [string, string]>): string {
  let encoded = "";
  for (const [name, value] of pairs) {
    encoded += `${encoded === "" ? "" : "&"}${percentEncode(name)}=${percentEncode(value)}`;
  }
  return encoded;
}

function* queryPairs(query: Readonly<Record<string, QueryValue>>): Generator<readonly [string, string]> {
  for (const name in query) {
    const value = query[name];
    if (value === undefined) continue;
    if (Array.isArray(value)) yield [name, value.join(",")];
    else if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") {
      yield [name, String(value)];
    } else throw invalid(`query.${name}`, "a string, number, boolean or an array of them");
  }
}

function* formPairs(form: FormBody): Generator<readonly [string, string]> {
  for (const name in form) {
    const value: unknown = form[name];
    const items: readonly unknown[] =
      typeof value === "string" ? [value] : Array.isArray(value) ? value : [0];
    for (const item of items) {
      if (typeof item !== "string") throw invalid(`form.${name}`, "a string or an array of strings");
      yield [name, item];
    }
  }
}

/** The JSON body; a value JSON cannot hold (a BigInt, a cycle) is the caller's error, not a send. */
function jsonBody(json: unknown): string {
  let body: string | undefined;
  try {
    body = JSON.stringify(json);
  } catch {
    // JSON.stringify's message can quote a key of the value; the caller knows their own value.
    throw invalid("json", "a value JSON can hold (no BigInt, no circular reference)");
  }
  if (body === undefined) throw invalid("json", "a value JSON can hold (not a function or a symbol)");
  return body;
}

// What a path may hold as written: visible ASCII (a space, a control or non-ASCII character must be
// percent-encoded, or the request line breaks).
const pathCharacters = /^[\x21-\x7e]*$/;

function lowerCaseHeaders(headers: Readonly<Record<string, string>>): Record<string, string> {
  const result: Record<string, string> = {};
  for (const name in headers) {
    const value = headers[name];
    const lower = name.toLowerCase();
    if (lower === "authorization") throw invalid("headers.authorization", "left to the connection");
    if (!isSendableHeaderName(name)) {
      throw invalid("headers", "named with letters, digits and !#$%&'*+-.^_`|~ only (no space or colon)");
    }
    if (typeof value !== "string") throw invalid(`headers.${name}`, "a string");
    if (!isSendableHeaderValue(value)) {
      throw invalid(`headers.${name}`, "a string without CR, LF, NUL or other control characters");
    }
    result[lower] = value;
  }
  return result;
}

/** Checks a request and builds its URL and body. Throws `OPTIONS_INVALID` naming the bad argument. */
export function requestTarget(
  baseUrl: string,
  requestedMethod: string | undefined,
  path: unknown,
  request: Omit<ApiRequest, "method" | "path">,
): RequestTarget {
  if (request === null || typeof request !== "object") throw invalid("the request", "an object with a path");
  const method = (requestedMethod ?? "GET").toUpperCase() as HttpMethod;
  if (!methods.has(method)) throw invalid("method", [...methods].join(", "));
  if (typeof path !== "string" || !path.startsWith("/") || path.startsWith("//")) {
    throw invalid("path", 'a path starting with "/", such as "/2/users/me"');
  }
  if (!pathCharacters.test(path)) {
    throw invalid(
      "path",
      "percent-encoded: a space, a control or a non-ASCII character cannot be sent as is",
    );
  }
  if (request.json !== undefined && request.form !== undefined) {
    throw invalid("json or form", "given alone (a request has one body)");
  }
  let url = baseUrl + path;
  if (request.query !== undefined) {
    const query = encodePairs(queryPairs(request.query));
    if (query !== "") url += (path.includes("?") ? "&" : "?") + query;
  }
  let body: string | undefined;
  let contentType: string | undefined;
  if (request.json !== undefined) {
    body = jsonBody(request.json);
    contentType = "application/json";
  } else if (request.form !== undefined) {
    body = encodePairs(formPairs(request.form));
    contentType = "application/x-www-form-urlencoded";
  }
  return {
    method,
    endpoint: endpointTemplate(method, path),
    url,
    body,
    contentType,
    form: request.form,
    headers: request.headers === undefined ? undefined : lowerCaseHeaders(request.headers),
  };
}
