import type { Authorizer } from "../auth/authorizer.js";
import { createAuthorizer, secretHash } from "../auth/authorizer.js";
import { saveRotation, storeRotation } from "../auth/oauth2-store-rotation.js";
import type { OAuth2Rotation } from "../auth/oauth2-token-source.js";
import type { TokenEndpointRequest } from "../auth/token-endpoint.js";
import { exchangeBearerToken, invalidateBearerToken } from "../auth/token-endpoint.js";
import type { OAuth2UserCredentials, TokenType } from "../credentials/credentials.js";
import { isTwauthError, TwauthError } from "../errors/twauth-error.js";
import { createFetchTransport } from "../http/fetch-transport.js";
import { createNodeTransport } from "../http/node-transport.js";
import type { Transport } from "../http/transport.js";
import { abortedError } from "../http/transport-error.js";
import type { RateLimitInfo } from "../rate-limit/rate-limit-info.js";
import type { SpendFigures } from "../spend/spend-guard.js";
import { createSpendStep } from "../spend/spend-step.js";
import { isUpdatableSecretStore, isWritableSecretStore } from "../store/secret-store.js";
import type { OAuth2Tokens } from "../user-auth/oauth2-token-exchange.js";
import { oauth2FormRequest, parseOAuth2TokenAnswer } from "../user-auth/oauth2-token-exchange.js";
import { answerError } from "./answer-error.js";
import type { ApiRequestOptions, ApiResponse } from "./api-response.js";
import { createAttempt } from "./attempt.js";
import { createAuthRecoveryStep } from "./auth-recovery-step.js";
import type { NormalizedConnectionOptions } from "./connection-options.js";
import type { ConnectionCredentials } from "./load-credentials.js";
import { loadConnectionCredentials } from "./load-credentials.js";
import type { Call, Send, SendStep } from "./pipeline.js";
import { composeSteps, startProgress } from "./pipeline.js";
import { createRateLimitStep } from "./rate-limit-step.js";
import type { ApiRequest, RequestTarget } from "./request-target.js";
import { requestTarget } from "./request-target.js";
import { createRetryStep } from "./retry-step.js";
import type { VerifiedCredentials } from "./verify-credentials.js";
import {
  appOnlyProbe,
  checkAppProbe,
  diagnoseUnauthorized,
  v1VerifyCredentials,
  verifiedUser,
} from "./verify-credentials.js";

export type { ApiRequestOptions, ApiResponse } from "./api-response.js";
export type { VerifiedCredentials } from "./verify-credentials.js";

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
  /**
   * The short hash naming this connection's token in its rate-limit keys (`${rateLimitTokenKey}
   * ${endpoint}`), never the token itself: what a shared state's figures are filtered by.
   */
  readonly rateLimitTokenKey: string;
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
   * Proves the credentials work: `GET /2/users/me` for user tokens (answered with a user id and
   * username, or `RESPONSE_INVALID`); for an app-only token, one cheap app-only call (after the
   * bearer-token exchange, when there is one).
   *
   * @example const { username } = await api.verifyCredentials();
   */
  verifyCredentials(options?: { signal?: AbortSignal }): Promise<VerifiedCredentials>;
  /**
   * Revokes the app's bearer token at `POST /oauth2/invalidate_token` and forgets it; the next request
   * exchanges a new one. Needs app-only credentials with the consumer key and secret.
   */
  invalidateBearer(options?: { signal?: AbortSignal }): Promise<void>;
  /**
   * Today's estimated pay-per-use spend (UTC day) against `spendLimit`, from the connection's ledger
   * (shared with every connection given the same `spendLedger`). Resolves to `undefined` when the
   * connection has no `spendLimit`: then nothing is counted.
   *
   * @example
   * const today = await api.spend();
   * // { day: "2026-12-01", estimatedUsd: 0.35, limitUsd: 5, byKind: { Post: { units: 70, estimatedUsd: 0.35 } } }
   */
  spend(): Promise<SpendFigures | undefined>;
  /** Destroys the keep-alive sockets. Requests after it throw `NETWORK_ERROR`. */
  close(): void;
  [Symbol.asyncDispose](): Promise<void>;
}

const noOptions: ApiRequestOptions = Object.freeze({});

const inspectCustom = Symbol.for("nodejs.util.inspect.custom");

/** A call for a target, built as one literal: an object spread here cost ~2 µs per request. */
function callFor(
  target: RequestTarget,
  signal: AbortSignal | undefined,
  authorization: string | undefined,
  idempotent: boolean,
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
    // The token endpoints are not metered: they have no rate-limit window of their own to wait on.
    metered: authorization === undefined,
    idempotent,
  };
}

class Connection implements ApiConnection {
  readonly tokenType: TokenType;
  readonly #options: NormalizedConnectionOptions;
  readonly #transport: Transport;
  readonly #rateLimits = new Map<string, RateLimitInfo>();
  readonly #send: Send;
  #auth: Authorizer;
  /** Bumped whenever the credentials are replaced (store rotation). */
  #generation = 0;
  #reload: Promise<unknown> | undefined;
  #closed = false;

  constructor(
    options: NormalizedConnectionOptions,
    credentials: ConnectionCredentials,
    extraSteps: readonly SendStep[],
  ) {
    this.#options = options;
    this.tokenType = credentials.credentials.type;
    this.#transport =
      options.fetch === undefined ? createNodeTransport() : createFetchTransport(options.fetch);
    this.#auth = this.#authorizer(credentials);
    this.#send = this.#pipeline(extraSteps);
  }

  /**
   * The send pipeline, from the outside in: the spend guard (outside retry, so a retried call is
   * reserved once), retry, auth recovery, rate limit, any extra step, attempt.
   */
  #pipeline(extraSteps: readonly SendStep[]): Send {
    const options = this.#options;
    const authorizer = () => this.#auth;
    const attempt = createAttempt({
      transport: this.#transport,
      options,
      authorize: (call) => this.#auth.authorize(call.method, call.url, call.form),
      closed: () => this.#closed,
      recordRateLimit: (endpoint, rateLimit) => this.#rateLimits.set(endpoint, rateLimit),
    });
    return composeSteps(
      [
        ...(options.spendGuard === undefined ? [] : [createSpendStep(options.spendGuard)]),
        createRetryStep(options),
        createAuthRecoveryStep({
          authorizer,
          generation: () => this.#generation,
          canReload: options.store !== undefined,
          reloadSince: (generation) => this.#credentialsChangedSince(generation),
        }),
        createRateLimitStep({ options, authorizer }),
        ...extraSteps,
      ],
      attempt,
    );
  }

  get rateLimitTokenKey(): string {
    return this.#auth.tokenKey;
  }

  get rateLimits(): Readonly<Record<string, RateLimitInfo>> {
    return Object.freeze(Object.fromEntries(this.#rateLimits));
  }

  request<T = unknown>(request: ApiRequest): Promise<ApiResponse<T>> {
    return this.#request<T>(request?.method, request?.path, request);
  }

  get<T = unknown>(path: string, options?: ApiRequestOptions): Promise<ApiResponse<T>> {
    return this.#request<T>("GET", path, options ?? noOptions);
  }

  post<T = unknown>(path: string, options?: ApiRequestOptions): Promise<ApiResponse<T>> {
    return this.#request<T>("POST", path, options ?? noOptions);
  }

  put<T = unknown>(path: string, options?: ApiRequestOptions): Promise<ApiResponse<T>> {
    return this.#request<T>("PUT", path, options ?? noOptions);
  }

  delete<T = unknown>(path: string, options?: ApiRequestOptions): Promise<ApiResponse<T>> {
    return this.#request<T>("DELETE", path, options ?? noOptions);
  }

  #request<T>(
    method: string | undefined,
    path: unknown,
    options: ApiRequestOptions,
  ): Promise<ApiResponse<T>> {
    let target: RequestTarget;
    try {
      target = requestTarget(this.#options.baseUrl, method, path, options);
    } catch (error) {
      return Promise.reject(error);
    }
    const idempotent = options.idempotent ?? this.#options.retryMethods.has(target.method);
    return this.#call(callFor(target, options.signal, undefined, idempotent)) as Promise<ApiResponse<T>>;
  }

  /** Runs a call through the pipeline; an answer it could not recover from becomes the error. */
  async #call(call: Call): Promise<ApiResponse> {
    const progress = startProgress();
    try {
      const answer = await this.#send(call, progress);
      if (answer.status < 400) return answer;
      throw answerError(call, answer, progress, {
        tokenType: this.tokenType,
        now: this.#options.now(),
        redact: (text) => this.#auth.redact(text),
      });
    } catch (error) {
      // Whatever was under way when the caller aborted (a send, a wait), the caller gets ABORTED.
      if (call.signal?.aborted && !isTwauthError(error, "ABORTED"))
        throw abortedError(call.endpoint, call.signal.reason);
      throw error;
    }
  }

  /** A token-endpoint call: a fixed header, not metered, idempotent (the same token comes back). */
  #tokenEndpoint = async (request: TokenEndpointRequest, signal?: AbortSignal): Promise<ApiResponse> => {
    const target = requestTarget(this.#options.baseUrl, "POST", request.path, { form: request.form });
    const authorization =
      typeof request.authorization === "string" ? request.authorization : request.authorization(target.url);
    const withType =
      request.contentType === undefined ? target : { ...target, contentType: request.contentType };
    return this.#call(callFor(withType, signal, authorization, true));
  };

  async verifyCredentials(options: { signal?: AbortSignal } = {}): Promise<VerifiedCredentials> {
    const signal = options.signal === undefined ? {} : { signal: options.signal };
    if (this.tokenType === "app") {
      checkAppProbe(await this.get(appOnlyProbe.path, { query: appOnlyProbe.query, ...signal }));
      return { tokenType: "app" };
    }
    let response: ApiResponse;
    try {
      response = await this.get("/2/users/me", signal);
    } catch (error) {
      throw await diagnoseUnauthorized(error, this.tokenType, () =>
        this.get(v1VerifyCredentials.path, { query: v1VerifyCredentials.query, ...signal }),
      );
    }
    return verifiedUser(response, this.tokenType);
  }

  async invalidateBearer(options: { signal?: AbortSignal } = {}): Promise<void> {
    const auth = this.#auth;
    const signOwner = auth.invalidationAuthorization;
    if (auth.bearer === undefined || signOwner === undefined) {
      throw new TwauthError(
        "CREDENTIALS_MISSING",
        `invalidateBearer needs app-only credentials with the consumer key and secret and the app owner's access token and secret (X signs POST /oauth2/invalidate_token with OAuth 1.0a user context); this connection holds ${this.tokenType === "app" ? "no access token" : `a ${this.tokenType} token`}. Pass all four keys with auth: "app".`,
        { keys: ["ACCESS_TOKEN", "ACCESS_TOKEN_SECRET"] },
      );
    }
    const token = await auth.bearer.forget();
    if (token === undefined) return;
    await invalidateBearerToken((request) => this.#tokenEndpoint(request, options.signal), token, signOwner);
  }

  async spend(): Promise<SpendFigures | undefined> {
    return this.#options.spendGuard?.spend();
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
      bearerTokenCache: this.#options.bearerTokenCache,
      now: this.#options.now,
      exchangeBearerToken: (basic) => exchangeBearerToken((request) => this.#tokenEndpoint(request), basic),
      ...(owner === undefined ? {} : { owner }),
      oauth2: {
        refresh: (oauth2, refreshToken) => this.#refreshOAuth2(oauth2, refreshToken),
        rotation: this.#oauth2Rotation(),
        refreshBeforeMs: this.#options.oauth2RefreshBeforeMs,
      },
    });
  }

  /**
   * Where rotated OAuth 2.0 tokens go: one step of the store when it can, else saved after, else
   * nowhere; with a fleet's `refreshLock`, that step runs under it.
   */
  #oauth2Rotation(): OAuth2Rotation | undefined {
    const { store, profile, refreshLock } = this.#options;
    if (store === undefined) return undefined;
    const rotation = isUpdatableSecretStore(store)
      ? storeRotation(store, profile)
      : isWritableSecretStore(store)
        ? saveRotation(store, profile)
        : undefined;
    if (rotation === undefined || refreshLock === undefined) return rotation;
    const key = `oauth2-refresh:${secretHash(`${store.kind}\n${store.source}\n${profile}`)}`;
    return (step) => refreshLock.run(key, () => rotation(step));
  }

  /**
   * `POST /2/oauth2/token` with grant refresh_token, through the pipeline (timeout; retried only when
   * it provably never left: the refresh token is single use). X's refusal is REFRESH_TOKEN_INVALID.
   */
  async #refreshOAuth2(credentials: OAuth2UserCredentials, refreshToken: string): Promise<OAuth2Tokens> {
    if (credentials.clientId === undefined) {
      throw new TwauthError(
        "CREDENTIALS_MISSING",
        "The OAuth 2.0 access token needs refreshing, and that needs the app's OAuth 2.0 client id (CLIENT_ID), with CLIENT_SECRET for a confidential client; add them beside the tokens.",
        { keys: ["CLIENT_ID"] },
      );
    }
    const form = oauth2FormRequest(
      { clientId: credentials.clientId, clientSecret: credentials.clientSecret },
      { grant_type: "refresh_token", refresh_token: refreshToken },
    );
    const target = requestTarget(this.#options.baseUrl, "POST", "/2/oauth2/token", {});
    const withForm = { ...target, body: form.body, contentType: "application/x-www-form-urlencoded" };
    const answer = await this.#send(
      callFor(withForm, undefined, form.headers.authorization ?? "", false),
      startProgress(),
    );
    return parseOAuth2TokenAnswer(
      { status: answer.status, body: answer.data },
      { endpoint: "POST /2/oauth2/token", grant: "refresh_token", now: this.#options.now() },
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
    const credentials = await loadConnectionCredentials(
      { ...this.#options, auth: this.tokenType },
      { forceRefresh: true },
    );
    if (this.#auth.sameAs(credentials.credentials)) return;
    this.#auth = this.#authorizer(credentials);
    this.#generation++;
  }
}

/**
 * Builds the connection from validated options and resolved credentials (see `getApiConnection`).
 * `extraSteps` go between the rate-limit step and the attempt.
 */
export function createApiConnection(
  options: NormalizedConnectionOptions,
  credentials: ConnectionCredentials,
  extraSteps: readonly SendStep[] = [],
): ApiConnection {
  return new Connection(options, credentials, extraSteps);
}
