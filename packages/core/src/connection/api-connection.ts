import type { TokenType } from "../credentials/credentials.js";
import { isTwauthError, TwauthError } from "../errors/twauth-error.js";
import { DEFAULT_PROFILE } from "../store/secret-store.js";
import type { Authorizer } from "./authorizer.js";
import { createAuthorizer } from "./authorizer.js";
import type { ConnectionCredentials } from "./connection-credentials.js";
import { resolveConnectionCredentials } from "./connection-credentials.js";
import type { NormalizedConnectionOptions } from "./connection-options.js";
import { formatDuration } from "./duration.js";
import { createFetchTransport } from "./fetch-transport.js";
import { createNodeTransport } from "./node-transport.js";
import type { RateLimitGateOptions, SendTicket } from "./rate-limit-gate.js";
import { acquireRateLimitBudget, blockAfterTooManyRequests } from "./rate-limit-gate.js";
import type { RateLimitInfo, ResponseHeaders } from "./rate-limit-info.js";
import { parseRateLimitHeaders, parseRetryAfter } from "./rate-limit-info.js";
import { createWaitNotice } from "./rate-limit-notify.js";
import type { RateLimitOutcome, RateLimitState } from "./rate-limit-state.js";
import { createMemoryRateLimitState } from "./rate-limit-state.js";
import type { ApiRequest, RequestTarget } from "./request-target.js";
import { requestTarget } from "./request-target.js";
import type { FailedResponse } from "./response-error.js";
import { errorContext, errorFromResponse, xErrorDetails } from "./response-error.js";
import { retryDelay } from "./retry-policy.js";
import type { Sleep } from "./sleep.js";
import { abortableSleep } from "./sleep.js";
import type { Transport, TransportResponse } from "./transport.js";
import { TransportFailure } from "./transport.js";

/**
 * A successful response: X's JSON parsed (text when it is not JSON), and its rate-limit figures.
 *
 * @example
 * const { status, data, rateLimit } = await api.get<{ data: { id: string } }>("/2/users/me");
 * // rateLimit: { limit: 75, remaining: 74, resetAt: 1735732800000 }
 */
export interface ApiResponse<T = unknown> {
  readonly status: number;
  /** Lower-case header names. */
  readonly headers: ResponseHeaders;
  readonly data: T;
  /** The endpoint's figures from this response, when X sent them. */
  readonly rateLimit: RateLimitInfo | undefined;
}

/**
 * `request()`'s options without `method` and `path`, for the verb helpers.
 *
 * @example
 * await api.get("/2/tweets/search/recent", { query: { query: "from:XDevelopers" }, signal });
 */
export type ApiRequestOptions = Omit<ApiRequest, "method" | "path">;

/**
 * Who the credentials belong to, as `verifyCredentials()` found out.
 *
 * @example
 * const who = await api.verifyCredentials();
 * // { id: "2244994945", username: "XDevelopers", name: "Developers", tokenType: "user" }
 */
export interface VerifiedCredentials {
  /** The user's id (user-context tokens). */
  readonly id?: string;
  /** The user's handle, without `@` (user-context tokens). */
  readonly username?: string;
  /** The user's display name (user-context tokens). */
  readonly name?: string;
  readonly tokenType: TokenType;
}

/**
 * An authenticated connection to the X API, made by `getApiConnection`. It signs or authorizes each
 * request for its token type, retries what is safe to retry, waits out rate limits when asked, and
 * throws `TwauthError`s. Close it (or `await using` it) to release its keep-alive sockets.
 *
 * @example
 * await using api = await getApiConnection({ store, waitOnRateLimit: true });
 * const { data } = await api.get("/2/users/me");
 */
export interface ApiConnection {
  /** `user` (OAuth 1.0a), `app` (app-only bearer) or `oauth2-user` (OAuth 2.0 user access token). */
  readonly tokenType: TokenType;
  /** The last rate-limit figures per endpoint (`"GET /2/tweets/:id"`), from this connection's responses. */
  readonly rateLimits: Readonly<Record<string, RateLimitInfo>>;
  /**
   * Sends one request and parses the answer.
   *
   * @example
   * const res = await api.request({ method: "GET", path: "/2/tweets/search/recent", query: { query: "from:XDevelopers" } });
   */
  request<T = unknown>(request: ApiRequest): Promise<ApiResponse<T>>;
  /** @example const { data } = await api.get("/2/users/me"); */
  get<T = unknown>(path: string, options?: ApiRequestOptions): Promise<ApiResponse<T>>;
  /** @example await api.post("/2/tweets", { json: { text: "hello" } }); */
  post<T = unknown>(path: string, options?: ApiRequestOptions): Promise<ApiResponse<T>>;
  /** @example await api.put("/2/lists/123", { json: { name: "renamed" } }); */
  put<T = unknown>(path: string, options?: ApiRequestOptions): Promise<ApiResponse<T>>;
  /** @example await api.delete("/2/tweets/1460323737035677698"); */
  delete<T = unknown>(path: string, options?: ApiRequestOptions): Promise<ApiResponse<T>>;
  /**
   * Proves the credentials work: `GET /2/users/me` for user tokens; for an app-only token, one cheap
   * app-only call (after the bearer-token exchange, when there is one).
   *
   * @example const { username } = await api.verifyCredentials();
   */
  verifyCredentials(options?: { signal?: AbortSignal }): Promise<VerifiedCredentials>;
  /**
   * Revokes the app's bearer token at `POST /oauth2/invalidate_token` and forgets it; the next request
   * exchanges a new one. Needs app-only credentials with the consumer key and secret.
   */
  invalidateBearer(options?: { signal?: AbortSignal }): Promise<void>;
  /** Destroys the keep-alive sockets. Requests after it throw `NETWORK_ERROR`. */
  close(): void;
  [Symbol.asyncDispose](): Promise<void>;
}

/** An app-only call that costs little and works with any bearer token: one page of 10 results. */
const appOnlyProbe = {
  path: "/2/tweets/search/recent",
  query: { query: "from:XDevelopers -is:retweet", max_results: 10 },
} as const;

/** The v1.1 call that names the reason for a 401 (v2 does not), asking for as little as it can. */
const v1VerifyCredentials = {
  path: "/1.1/account/verify_credentials.json",
  query: { include_entities: false, skip_status: true },
} as const;

/** One call through the connection's pipeline: a checked target plus how it is authorized. */
interface Call extends RequestTarget {
  readonly signal: AbortSignal | undefined;
  /** A fixed header for the OAuth 2 token endpoints; otherwise the connection's credentials sign. */
  readonly authorization: string | undefined;
  /** Rate-limit bookkeeping and waiting apply (not to the token endpoints). */
  readonly metered: boolean;
  /** Retried like an idempotent method whatever the method (the bearer exchange returns one token). */
  readonly idempotent: boolean;
}

const noOptions: ApiRequestOptions = Object.freeze({});

const inspectCustom = Symbol.for("nodejs.util.inspect.custom");

/** A call for a target, built as one literal: an object spread here cost ~2 µs per request. */
function callFor(
  target: RequestTarget,
  signal: AbortSignal | undefined,
  authorization: string | undefined,
  metered: boolean,
): Call {
  return {
    method: target.method,
    endpoint: target.endpoint,
    url: target.url,
    body: target.body,
    contentType: target.contentType,
    form: target.form,
    headers: target.headers,
    signal,
    authorization,
    metered,
    // Only the unmetered token endpoints are treated as idempotent (the exchange returns one token).
    idempotent: !metered,
  };
}

const answered: RateLimitOutcome = { answered: true };

function parseBody(response: TransportResponse): unknown {
  const text = response.body;
  if (text === "") return undefined;
  const type = response.headers["content-type"];
  const looksJson = type === undefined ? /^\s*[[{]/.test(text) : type.includes("json");
  if (!looksJson) return text;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

class Connection implements ApiConnection {
  readonly tokenType: TokenType;
  readonly #options: NormalizedConnectionOptions;
  readonly #transport: Transport;
  readonly #state: RateLimitState;
  readonly #sleep: Sleep;
  readonly #gate: RateLimitGateOptions;
  readonly #rateLimits = new Map<string, RateLimitInfo>();
  #auth: Authorizer;
  /** Bumped whenever the credentials are replaced (store rotation). */
  #generation = 0;
  #reload: Promise<unknown> | undefined;
  #closed = false;

  constructor(options: NormalizedConnectionOptions, credentials: ConnectionCredentials) {
    this.#options = options;
    this.tokenType = credentials.credentials.type;
    this.#transport =
      options.fetch === undefined ? createNodeTransport() : createFetchTransport(options.fetch);
    this.#state = options.rateLimitState ?? createMemoryRateLimitState();
    this.#sleep = options.sleep ?? abortableSleep;
    const notify = options.notify;
    this.#gate = {
      state: this.#state,
      now: options.now,
      sleep: this.#sleep,
      maxWaitMs: options.maxRateLimitWaitMs,
      notify:
        notify === false
          ? undefined
          : notify === true
            ? createWaitNotice(process.stderr, options.now)
            : (wait) => {
                notify(wait);
                return () => {};
              },
    };
    this.#auth = this.#authorizer(credentials);
  }

  get rateLimits(): Readonly<Record<string, RateLimitInfo>> {
    return Object.freeze(Object.fromEntries(this.#rateLimits));
  }

  request<T = unknown>(request: ApiRequest): Promise<ApiResponse<T>> {
    return this.#send<T>(request?.method, request?.path, request);
  }

  get<T = unknown>(path: string, options?: ApiRequestOptions): Promise<ApiResponse<T>> {
    return this.#send<T>("GET", path, options ?? noOptions);
  }

  post<T = unknown>(path: string, options?: ApiRequestOptions): Promise<ApiResponse<T>> {
    return this.#send<T>("POST", path, options ?? noOptions);
  }

  put<T = unknown>(path: string, options?: ApiRequestOptions): Promise<ApiResponse<T>> {
    return this.#send<T>("PUT", path, options ?? noOptions);
  }

  delete<T = unknown>(path: string, options?: ApiRequestOptions): Promise<ApiResponse<T>> {
    return this.#send<T>("DELETE", path, options ?? noOptions);
  }

  #send<T>(method: string | undefined, path: unknown, options: ApiRequestOptions): Promise<ApiResponse<T>> {
    let target: RequestTarget;
    try {
      target = requestTarget(this.#options.baseUrl, method, path, options);
    } catch (error) {
      return Promise.reject(error);
    }
    return this.#call(callFor(target, options.signal, undefined, true)) as Promise<ApiResponse<T>>;
  }

  async verifyCredentials(options: { signal?: AbortSignal } = {}): Promise<VerifiedCredentials> {
    const signal = options.signal === undefined ? {} : { signal: options.signal };
    if (this.tokenType === "app") {
      await this.get(appOnlyProbe.path, { query: appOnlyProbe.query, ...signal });
      return { tokenType: "app" };
    }
    let response: ApiResponse<{ data?: { id?: unknown; username?: unknown; name?: unknown } }>;
    try {
      response = await this.get("/2/users/me", signal);
    } catch (error) {
      throw await this.#diagnoseUnauthorized(error, signal);
    }
    const user = response.data?.data ?? {};
    const text = (value: unknown) => (typeof value === "string" ? value : undefined);
    const id = text(user.id);
    const username = text(user.username);
    const name = text(user.name);
    return {
      ...(id === undefined ? {} : { id }),
      ...(username === undefined ? {} : { username }),
      ...(name === undefined ? {} : { name }),
      tokenType: this.tokenType,
    };
  }

  /**
   * X's v2 endpoints answer every 401 with a bare "Unauthorized"; v1.1 says why (code 32, 89, 135).
   * For an OAuth 1.0a user token, one v1.1 call finds the code so the error can say what to fix.
   */
  async #diagnoseUnauthorized(error: unknown, signal: { signal?: AbortSignal }): Promise<unknown> {
    if (this.tokenType !== "user" || !isTwauthError(error, "AUTH_FAILED") || error.status !== 401)
      return error;
    if (error.apiCodes !== undefined) return error;
    try {
      await this.get(v1VerifyCredentials.path, { query: v1VerifyCredentials.query, ...signal });
    } catch (diagnosis) {
      if (isTwauthError(diagnosis, "AUTH_FAILED") && diagnosis.apiCodes !== undefined) return diagnosis;
    }
    return error;
  }

  async invalidateBearer(options: { signal?: AbortSignal } = {}): Promise<void> {
    const auth = this.#auth;
    if (auth.bearer === undefined || auth.invalidationAuthorization === undefined) {
      throw new TwauthError(
        "CREDENTIALS_MISSING",
        `invalidateBearer needs app-only credentials with the consumer key and secret and the app owner's access token and secret (X signs POST /oauth2/invalidate_token with OAuth 1.0a user context); this connection holds ${this.tokenType === "app" ? "no access token" : `a ${this.tokenType} token`}. Pass all four keys with auth: "app".`,
        { keys: ["ACCESS_TOKEN", "ACCESS_TOKEN_SECRET"] },
      );
    }
    const token = await auth.bearer.forget();
    if (token === undefined) return;
    const target = requestTarget(this.#options.baseUrl, "POST", "/oauth2/invalidate_token", {
      form: { access_token: token },
    });
    const authorization = auth.invalidationAuthorization(target.method, target.url, target.form);
    await this.#call(callFor(target, options.signal, authorization, false));
  }

  close(): void {
    this.#closed = true;
    this.#transport.close();
  }

  async [Symbol.asyncDispose](): Promise<void> {
    this.close();
  }

  toJSON(): Record<string, unknown> {
    return { type: "ApiConnection", tokenType: this.tokenType, baseUrl: this.#options.baseUrl };
  }

  [inspectCustom](): string {
    return `ApiConnection { tokenType: '${this.tokenType}', baseUrl: '${this.#options.baseUrl}' }`;
  }

  #authorizer({ credentials, owner }: ConnectionCredentials): Authorizer {
    return createAuthorizer(credentials, {
      state: this.#state,
      now: this.#options.now,
      exchangeBearerToken: (basic) => this.#exchangeBearerToken(basic),
      ...(owner === undefined ? {} : { owner }),
    });
  }

  async #call(call: Call): Promise<ApiResponse> {
    const options = this.#options;
    const waiting = call.metered && options.waitOnRateLimit;
    let retries = 0;
    let tooManyRequestsWaits = 0;
    let renewed = false;
    let reloaded = false;
    try {
      for (;;) {
        if (this.#closed) {
          throw new TwauthError("NETWORK_ERROR", `${call.endpoint}: this connection was closed.`, {
            endpoint: call.endpoint,
          });
        }
        if (call.signal?.aborted) throw aborted(call, call.signal.reason);
        const auth = this.#auth;
        const generation = this.#generation;
        const key = waiting ? `${auth.tokenKey} ${call.endpoint}` : "";
        const ticket = waiting
          ? await acquireRateLimitBudget(this.#gate, key, call.endpoint, call.signal)
          : undefined;

        let authorization: string;
        let response: TransportResponse;
        try {
          const pending = call.authorization ?? auth.authorize(call.method, call.url, call.form);
          // Signing is synchronous; only a bearer exchange in progress needs an await.
          authorization = typeof pending === "string" ? pending : await pending;
          response = await this.#transport.send({
            method: call.method,
            url: call.url,
            headers: this.#headers(call, authorization),
            body: call.body,
            timeoutMs: options.timeoutMs,
            signal: call.signal,
          });
        } catch (error) {
          if (waiting) await this.#settle(key, ticket, { answered: false });
          if (!(error instanceof TransportFailure)) throw error;
          const delay = retryDelay(
            options,
            call.idempotent ? "GET" : call.method,
            { kind: "error", error },
            retries,
          );
          if (delay === undefined) throw this.#transportError(call, error, retries);
          retries++;
          await this.#pause(delay, call.signal);
          continue;
        }

        const { status, headers } = response;
        const rateLimit = parseRateLimitHeaders(headers);
        if (call.metered && rateLimit !== undefined) this.#rateLimits.set(call.endpoint, rateLimit);
        const data = parseBody(response);

        if (status === 429 && waiting && !usageCapped(data)) {
          const now = options.now();
          const block = blockAfterTooManyRequests(
            parseRetryAfter(headers["retry-after"], now),
            rateLimit,
            now,
            tooManyRequestsWaits,
          );
          await this.#settle(key, ticket, {
            answered: true,
            ...(rateLimit === undefined ? {} : { figures: rateLimit }),
            blockedUntil: block.until,
            blockedReason: block.reason,
          });
          if (tooManyRequestsWaits >= options.maxRateLimitWaits) {
            throw this.#responseError(call, response, data, rateLimit, {
              rateLimitWaits: tooManyRequestsWaits,
            });
          }
          tooManyRequestsWaits++;
          continue;
        }
        // Without waiting nobody reads the budget: the per-connection figures above are enough.
        if (waiting) {
          const settled = this.#settle(
            key,
            ticket,
            rateLimit === undefined ? answered : { answered: true, figures: rateLimit },
          );
          if (settled !== undefined) await settled;
        }
        if (status < 400) return { status, headers, data, rateLimit };

        if (status === 401 && call.authorization === undefined) {
          if (!renewed && (await auth.renew(authorization))) {
            renewed = true;
            continue;
          }
          if (!reloaded && options.store !== undefined) {
            reloaded = true;
            const rotation = await this.#credentialsChangedSince(generation);
            if (rotation.changed) continue;
            if (rotation.error !== undefined) {
              throw this.#responseError(call, response, data, rateLimit, { cause: rotation.error });
            }
          }
        }
        const retryAfterMs = parseRetryAfter(headers["retry-after"], options.now());
        const delay = retryDelay(
          options,
          call.idempotent ? "GET" : call.method,
          { kind: "status", status, retryAfterMs },
          retries,
        );
        if (delay === undefined) throw this.#responseError(call, response, data, rateLimit);
        retries++;
        await this.#pause(delay, call.signal);
      }
    } catch (error) {
      // Whatever was under way when the caller aborted (a send, a wait), the caller gets ABORTED.
      if (call.signal?.aborted && !isTwauthError(error, "ABORTED")) throw aborted(call, call.signal.reason);
      throw error;
    }
  }

  #headers(call: Call, authorization: string): Record<string, string> {
    // No `accept`: X answers JSON anyway, and every byte of a header is paid on every request.
    const headers: Record<string, string> = { authorization, "user-agent": this.#options.userAgent };
    if (call.contentType !== undefined) headers["content-type"] = call.contentType;
    if (call.headers !== undefined) {
      for (const name in call.headers) headers[name] = call.headers[name]!;
    }
    return headers;
  }

  /** Settles with the state; a synchronous state (the in-memory one) costs no extra tick. */
  #settle(key: string, ticket: SendTicket | undefined, outcome: RateLimitOutcome): void | Promise<void> {
    return this.#state.settle(key, ticket, outcome);
  }

  async #pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
    if (ms > 0) await this.#sleep(ms, signal);
  }

  #responseError(
    call: Call,
    { status, headers }: TransportResponse,
    data: unknown,
    rateLimit: RateLimitInfo | undefined,
    extra: Pick<FailedResponse, "rateLimitWaits" | "cause"> = {},
  ): TwauthError {
    const date = status === 401 ? Date.parse(headers.date ?? "") : Number.NaN;
    return errorFromResponse({
      status,
      data,
      ...(Number.isNaN(date) ? {} : { serverDate: date }),
      endpoint: call.endpoint,
      tokenType: this.tokenType,
      rateLimit,
      now: this.#options.now(),
      redact: (text) => this.#auth.redact(text),
      ...extra,
    });
  }

  #transportError(call: Call, failure: TransportFailure, retries: number): TwauthError {
    const context = { endpoint: call.endpoint, cause: failure };
    const after = retries === 0 ? "" : ` (after ${retries} ${retries === 1 ? "retry" : "retries"})`;
    if (failure.kind === "timeout") {
      return new TwauthError(
        "TIMEOUT",
        `${call.endpoint}: no complete response within ${formatDuration(this.#options.timeoutMs)}${after}. Raise the timeout option if X is slow.`,
        context,
      );
    }
    if (failure.kind === "aborted") return aborted(call, undefined);
    const origin = new URL(this.#options.baseUrl).host;
    const what = failure.code ?? failure.message;
    const hint =
      failure.code === "ECONNREFUSED" || failure.code === "ENOTFOUND"
        ? ` Check baseUrl (${origin}) and the network.`
        : "";
    return new TwauthError(
      "NETWORK_ERROR",
      `${call.endpoint}: the connection to ${origin} failed (${what})${after}.${hint}`,
      context,
    );
  }

  async #credentialsChangedSince(generation: number): Promise<{ changed: boolean; error?: unknown }> {
    if (this.#generation === generation) {
      this.#reload ??= this.#reloadFromStore().finally(() => {
        this.#reload = undefined;
      });
      try {
        await this.#reload;
      } catch (error) {
        return { changed: false, error };
      }
    }
    return { changed: this.#generation !== generation };
  }

  /** After a 401: the store may hold rotated credentials. Loads them past any cache, once. */
  async #reloadFromStore(): Promise<void> {
    const { store, profile, onWarning } = this.#options;
    if (store === undefined) return;
    const record = await store.load({ profile: profile ?? DEFAULT_PROFILE, forceRefresh: true });
    const credentials = resolveConnectionCredentials(record, {
      source: store.source,
      profile: profile ?? DEFAULT_PROFILE,
      auth: this.tokenType,
      ...(onWarning === undefined ? {} : { onWarning }),
    });
    if (this.#auth.sameAs(credentials.credentials)) return;
    this.#auth = this.#authorizer(credentials);
    this.#generation++;
  }

  async #exchangeBearerToken(basicAuthorization: string): Promise<string> {
    const target = requestTarget(this.#options.baseUrl, "POST", "/oauth2/token", {
      form: { grant_type: "client_credentials" },
    });
    // X's documentation asks for the charset on this endpoint.
    const call = callFor(
      { ...target, contentType: "application/x-www-form-urlencoded;charset=UTF-8" },
      undefined,
      basicAuthorization,
      false,
    );
    let response: ApiResponse;
    try {
      response = await this.#call(call);
    } catch (error) {
      if (!isTwauthError(error) || (error.status !== 401 && error.status !== 403)) throw error;
      throw new TwauthError(
        "AUTH_FAILED",
        `X refused to exchange the consumer key and secret for a bearer token (POST /oauth2/token answered ${error.status}${error.apiCodes === undefined ? "" : `, code ${error.apiCodes.join(", ")}`}). Check the consumer key and consumer secret; if they are right, X may be limiting how often the app asks (code 99): share one connection or a RateLimitState.`,
        { ...errorContext(error), cause: error },
      );
    }
    const body = response.data as { token_type?: unknown; access_token?: unknown } | undefined;
    const tokenType = typeof body?.token_type === "string" ? body.token_type.toLowerCase() : undefined;
    if (tokenType !== "bearer" || typeof body?.access_token !== "string" || body.access_token === "") {
      throw new TwauthError(
        "AUTH_FAILED",
        `POST /oauth2/token did not answer with a bearer token (token_type ${tokenType === undefined ? "missing" : `"${tokenType}"`}); check baseUrl.`,
        { endpoint: call.endpoint, status: response.status },
      );
    }
    return body.access_token;
  }
}

function usageCapped(data: unknown): boolean {
  return xErrorDetails(data).problemType?.endsWith("/usage-capped") === true;
}

function aborted(call: Pick<Call, "endpoint">, reason: unknown): TwauthError {
  return new TwauthError("ABORTED", `${call.endpoint}: the request was aborted.`, {
    endpoint: call.endpoint,
    ...(reason === undefined ? {} : { cause: reason }),
  });
}

/** Builds the connection from validated options and resolved credentials (see `getApiConnection`). */
export function createApiConnection(
  options: NormalizedConnectionOptions,
  credentials: ConnectionCredentials,
): ApiConnection {
  return new Connection(options, credentials);
}
