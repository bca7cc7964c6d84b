import { randomBytes } from "node:crypto";
import { randomAlphanumeric } from "../state/credential-generator.js";
import type {
  OAuth2AccessGrant,
  OAuth2Client,
  OAuth2ClientSeed,
  OAuth2Failure,
  OAuth2Stats,
  OAuth2TokenResponse,
} from "./oauth2-model.js";
import { knownOAuth2Scopes } from "./oauth2-model.js";
import { isCodeVerifier, isS256Challenge, s256Challenge } from "./pkce.js";

/** The lifetimes X documents: codes 30 s, access tokens 2 h, refresh tokens about six months unused. */
export interface OAuth2Lifetimes {
  readonly codeTtlMs: number;
  readonly accessTokenTtlMs: number;
  readonly refreshTokenTtlMs: number;
}

export const defaultOAuth2Lifetimes: OAuth2Lifetimes = {
  codeTtlMs: 30_000,
  accessTokenTtlMs: 2 * 60 * 60 * 1000,
  refreshTokenTtlMs: 183 * 24 * 60 * 60 * 1000,
};

/** The query of `GET /i/oauth2/authorize`, as sent. */
export interface OAuth2AuthorizeRequest {
  readonly responseType: string | undefined;
  readonly clientId: string | undefined;
  readonly redirectUri: string | undefined;
  readonly scope: string | undefined;
  readonly state: string | undefined;
  readonly codeChallenge: string | undefined;
  readonly codeChallengeMethod: string | undefined;
}

/** How a token or revoke request authenticated its client: Basic, or `client_id` in the body. */
export interface OAuth2ClientCredentials {
  readonly basic: { readonly clientId: string; readonly clientSecret: string } | undefined;
  readonly bodyClientId: string | undefined;
  /** `client_secret` in the body (client_secret_post), which X refuses. */
  readonly bodyClientSecret: string | undefined;
}

export type OAuth2Result<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly failure: OAuth2Failure };

interface CodeRecord {
  clientId: string;
  userId: string;
  redirectUri: string;
  scopes: readonly string[];
  challenge: string;
  expiresAt: number;
}

interface GrantRecord {
  readonly id: string;
  readonly clientId: string;
  readonly userId: string;
  readonly scopes: readonly string[];
  revoked: boolean;
}

interface TokenRecord {
  readonly grantId: string;
  readonly expiresAt: number;
}

const maxStateLength = 500;

function failure(status: number, error: string, description: string): { ok: false; failure: OAuth2Failure } {
  return { ok: false, failure: { status, error, description } };
}

const invalidToken = () => failure(400, "invalid_request", "Value passed for the token was invalid.");
const invalidCode = () =>
  failure(400, "invalid_request", "Value passed for the authorization code was invalid.");
const unauthorizedClient = () => failure(401, "unauthorized_client", "Missing valid authorization header");

/**
 * OAuth 2.0 Authorization Code with PKCE as X runs it: exact redirect URIs, S256 only, single-use
 * codes that expire, single-use refresh tokens that rotate on every use, access tokens that expire,
 * one live grant per client and user (a second sign-in revokes the first), and counts that prove no
 * refresh token was accepted twice.
 */
export class OAuth2Grants {
  readonly #clients = new Map<string, OAuth2Client>();
  readonly #codes = new Map<string, CodeRecord>();
  readonly #grants = new Map<string, GrantRecord>();
  readonly #accessTokens = new Map<string, TokenRecord>();
  readonly #refreshTokens = new Map<string, TokenRecord>();
  readonly #spent = new Set<string>();
  readonly #liveGrant = new Map<string, string>();
  readonly #counts = { codesIssued: 0, codesRedeemed: 0, reuses: 0, revokedBySecondSignIn: 0 };
  #nextGrant = 1;

  constructor(
    private readonly now: () => number,
    private readonly lifetimes: OAuth2Lifetimes = defaultOAuth2Lifetimes,
  ) {}

  addClient(seed: OAuth2ClientSeed = {}): OAuth2Client {
    const type = seed.type ?? "confidential";
    const clientId = seed.clientId ?? randomAlphanumeric(34);
    if (this.#clients.has(clientId)) throw new Error(`an OAuth 2.0 client ${clientId} already exists`);
    const clientSecret = type === "public" ? undefined : (seed.clientSecret ?? randomAlphanumeric(50));
    const client: OAuth2Client = {
      clientId,
      clientSecret,
      type,
      redirectUris: [...(seed.redirectUris ?? [])],
    };
    this.#clients.set(clientId, client);
    return client;
  }

  client(clientId: string): OAuth2Client | undefined {
    return this.#clients.get(clientId);
  }

  /**
   * Checks the parts of an authorize request that decide whether X may redirect at all: an unknown
   * client or an unregistered redirect URI is shown as a page, never redirected to.
   */
  checkRedirect(
    request: OAuth2AuthorizeRequest,
  ): OAuth2Result<{ client: OAuth2Client; redirectUri: string }> {
    const client = request.clientId === undefined ? undefined : this.#clients.get(request.clientId);
    if (!client) return failure(400, "invalid_request", "Unknown client_id.");
    const redirectUri = request.redirectUri;
    if (redirectUri === undefined || !client.redirectUris.includes(redirectUri))
      return failure(400, "invalid_request", "redirect_uri does not match a callback URL of the app.");
    return { ok: true, value: { client, redirectUri } };
  }

  /** The user approved: checks the rest of the request and issues a single-use code. */
  approve(request: OAuth2AuthorizeRequest, userId: string): OAuth2Result<string> {
    const target = this.checkRedirect(request);
    if (!target.ok) return target;
    const problem = authorizeRequestProblem(request);
    if (problem) return { ok: false, failure: problem };
    const code = randomBytes(48).toString("base64url");
    this.#codes.set(code, {
      clientId: target.value.client.clientId,
      userId,
      redirectUri: target.value.redirectUri,
      scopes: (request.scope ?? "").split(" ").filter(Boolean),
      challenge: request.codeChallenge ?? "",
      expiresAt: this.now() + this.lifetimes.codeTtlMs,
    });
    this.#counts.codesIssued++;
    return { ok: true, value: code };
  }

  /** Authenticates the client of a token or revoke request, by its type. */
  authenticateClient(credentials: OAuth2ClientCredentials): OAuth2Result<OAuth2Client> {
    if (credentials.bodyClientSecret !== undefined)
      return failure(
        401,
        "unauthorized_client",
        "client_secret_post is not supported: send the client secret with HTTP Basic.",
      );
    const { basic, bodyClientId } = credentials;
    if (basic) {
      const client = this.#clients.get(basic.clientId);
      const matches = client?.clientSecret !== undefined && client.clientSecret === basic.clientSecret;
      if (!client || !matches || (bodyClientId !== undefined && bodyClientId !== basic.clientId))
        return unauthorizedClient();
      return { ok: true, value: client };
    }
    const client = bodyClientId === undefined ? undefined : this.#clients.get(bodyClientId);
    if (client?.type === "public") return { ok: true, value: client };
    return unauthorizedClient();
  }

  /** `grant_type=authorization_code`: PKCE checked, the code spent, a second sign-in revoking the first grant. */
  redeemCode(
    client: OAuth2Client,
    form: { code: string | undefined; redirectUri: string | undefined; codeVerifier: string | undefined },
  ): OAuth2Result<OAuth2TokenResponse> {
    const record = form.code === undefined ? undefined : this.#codes.get(form.code);
    if (!record || form.code === undefined) return invalidCode();
    this.#codes.delete(form.code);
    if (record.expiresAt <= this.now() || record.clientId !== client.clientId) return invalidCode();
    if (form.redirectUri !== record.redirectUri)
      return failure(
        400,
        "invalid_request",
        "Value passed for the redirect_uri does not match the authorize request.",
      );
    if (form.codeVerifier === undefined || !isCodeVerifier(form.codeVerifier))
      return failure(400, "invalid_request", "Missing or malformed code_verifier.");
    if (s256Challenge(form.codeVerifier) !== record.challenge)
      return failure(
        400,
        "invalid_request",
        "Value passed for the code_verifier does not match the code_challenge.",
      );
    this.#counts.codesRedeemed++;
    this.#revokeLiveGrant(client.clientId, record.userId);
    const grant = this.#newGrant(client.clientId, record.userId, record.scopes);
    return { ok: true, value: this.#issueTokens(grant) };
  }

  /** `grant_type=refresh_token`: each refresh token is accepted once and replaced by a new one. */
  redeemRefreshToken(
    client: OAuth2Client,
    refreshToken: string | undefined,
  ): OAuth2Result<OAuth2TokenResponse> {
    if (refreshToken === undefined) return invalidToken();
    const record = this.#refreshTokens.get(refreshToken);
    if (!record) {
      if (this.#spent.has(refreshToken)) this.#counts.reuses++;
      return invalidToken();
    }
    const grant = this.#grants.get(record.grantId);
    if (!grant || grant.revoked || grant.clientId !== client.clientId || record.expiresAt <= this.now())
      return invalidToken();
    this.#refreshTokens.delete(refreshToken);
    this.#spent.add(refreshToken);
    return { ok: true, value: this.#issueTokens(grant) };
  }

  /** `POST /2/oauth2/revoke`: a refresh token ends its whole grant; an access token only itself. */
  revoke(client: OAuth2Client, token: string | undefined): void {
    if (token === undefined) return;
    const refresh = this.#refreshTokens.get(token);
    const access = this.#accessTokens.get(token);
    const grant = this.#grants.get(refresh?.grantId ?? access?.grantId ?? "");
    if (!grant || grant.clientId !== client.clientId) return;
    if (refresh) this.#revokeGrant(grant);
    else this.#accessTokens.delete(token);
  }

  /** Revokes one access token (the emulator's control, as the portal would); false when unknown. */
  revokeAccessToken(token: string): boolean {
    return this.#accessTokens.delete(token);
  }

  /** What a Bearer token stands for, when it is a live, unexpired OAuth 2.0 user access token. */
  accessGrant(token: string): OAuth2AccessGrant | undefined {
    const record = this.#accessTokens.get(token);
    const grant = record && this.#grants.get(record.grantId);
    if (!record || !grant || grant.revoked || record.expiresAt <= this.now()) return undefined;
    return { userId: grant.userId, clientId: grant.clientId, scopes: grant.scopes };
  }

  /** True when signing in `userId` to `clientId` again would revoke a live grant. */
  hasLiveGrant(clientId: string, userId: string): boolean {
    return this.#liveGrant.has(`${clientId}\n${userId}`);
  }

  stats(): OAuth2Stats {
    return {
      codesIssued: this.#counts.codesIssued,
      codesRedeemed: this.#counts.codesRedeemed,
      refreshTokensSpent: this.#spent.size,
      spentRefreshTokenReuses: this.#counts.reuses,
      grantsRevokedBySecondSignIn: this.#counts.revokedBySecondSignIn,
    };
  }

  #newGrant(clientId: string, userId: string, scopes: readonly string[]): GrantRecord {
    const grant: GrantRecord = { id: String(this.#nextGrant++), clientId, userId, scopes, revoked: false };
    this.#grants.set(grant.id, grant);
    this.#liveGrant.set(`${clientId}\n${userId}`, grant.id);
    return grant;
  }

  #issueTokens(grant: GrantRecord): OAuth2TokenResponse {
    const now = this.now();
    const accessToken = randomBytes(68).toString("base64url");
    this.#accessTokens.set(accessToken, {
      grantId: grant.id,
      expiresAt: now + this.lifetimes.accessTokenTtlMs,
    });
    const response: OAuth2TokenResponse = {
      token_type: "bearer",
      expires_in: Math.floor(this.lifetimes.accessTokenTtlMs / 1000),
      access_token: accessToken,
      scope: grant.scopes.join(" "),
    };
    if (!grant.scopes.includes("offline.access")) return response;
    const refreshToken = randomBytes(68).toString("base64url");
    this.#refreshTokens.set(refreshToken, {
      grantId: grant.id,
      expiresAt: now + this.lifetimes.refreshTokenTtlMs,
    });
    return { ...response, refresh_token: refreshToken };
  }

  #revokeLiveGrant(clientId: string, userId: string): void {
    const live = this.#grants.get(this.#liveGrant.get(`${clientId}\n${userId}`) ?? "");
    if (!live || live.revoked) return;
    this.#revokeGrant(live);
    this.#counts.revokedBySecondSignIn++;
  }

  #revokeGrant(grant: GrantRecord): void {
    grant.revoked = true;
    for (const tokens of [this.#accessTokens, this.#refreshTokens]) {
      for (const [token, record] of tokens) if (record.grantId === grant.id) tokens.delete(token);
    }
    const key = `${grant.clientId}\n${grant.userId}`;
    if (this.#liveGrant.get(key) === grant.id) this.#liveGrant.delete(key);
  }
}

function authorizeRequestProblem(request: OAuth2AuthorizeRequest): OAuth2Failure | undefined {
  if (request.responseType !== "code")
    return { status: 400, error: "unsupported_response_type", description: "response_type must be code." };
  const scopes = (request.scope ?? "").split(" ").filter(Boolean);
  if (scopes.length === 0 || scopes.some((scope) => !knownOAuth2Scopes.has(scope)))
    return {
      status: 400,
      error: "invalid_scope",
      description: "scope must name one or more of X's OAuth 2.0 scopes.",
    };
  if (request.state === undefined || request.state === "" || request.state.length > maxStateLength)
    return {
      status: 400,
      error: "invalid_request",
      description: "state is required (up to 500 characters).",
    };
  if (request.codeChallengeMethod !== "S256" || !isS256Challenge(request.codeChallenge ?? ""))
    return {
      status: 400,
      error: "invalid_request",
      description: "code_challenge with code_challenge_method=S256 is required.",
    };
  return undefined;
}
