import { generateCredential } from "./credential-generator.js";
import type { AccessLevel, AppSeed, EmulatorApp, EmulatorUser, OAuth1Token, UserSeed } from "./model.js";

interface AppRecord {
  id: string;
  name: string;
  consumerKey: string;
  consumerSecret: string;
  accessLevel: AccessLevel;
  callbackUrls: string[];
  bearerToken: string | undefined;
}

interface UserRecord {
  id: string;
  username: string;
  name: string;
}

export interface AccessTokenRecord {
  token: string;
  secret: string;
  userId: string;
  consumerKey: string;
  accessLevel: AccessLevel;
}

export interface RequestTokenRecord {
  token: string;
  secret: string;
  consumerKey: string;
  callback: string;
  accessType: "read" | "write" | undefined;
  expiresAt: number;
  authorizedUserId: string | undefined;
  /** The PIN (oob) or the oauth_verifier sent to the callback, once the user approved. */
  verifier: string | undefined;
}

const accessRank: Record<AccessLevel, number> = { read: 0, "read-write": 1, "read-write-directmessages": 2 };

/** The emulator's world: apps, users and every credential issued to them. */
export class Registry {
  readonly #apps = new Map<string, AppRecord>();
  readonly #users = new Map<string, UserRecord>();
  readonly #accessTokens = new Map<string, AccessTokenRecord>();
  readonly #oauth2Tokens = new Map<string, string>();
  readonly #oauth2TokenByUser = new Map<string, string>();
  readonly #bearers = new Map<string, string>();
  readonly #requestTokens = new Map<string, RequestTokenRecord>();
  #nextId = 1;

  addApp(seed: AppSeed = {}): EmulatorApp {
    const consumerKey = seed.consumerKey ?? generateCredential.consumerKey();
    if (this.#apps.has(consumerKey))
      throw new Error(`an app with consumer key ${consumerKey} already exists`);
    const id = seed.id ?? String(29_000_000 + this.#nextId++);
    const record: AppRecord = {
      id,
      name: seed.name ?? `emulator-app-${id}`,
      consumerKey,
      consumerSecret: seed.consumerSecret ?? generateCredential.consumerSecret(),
      accessLevel: seed.accessLevel ?? "read-write",
      callbackUrls: [...(seed.callbackUrls ?? [])],
      bearerToken: undefined,
    };
    this.#apps.set(consumerKey, record);
    return appView(record);
  }

  app(consumerKey: string): AppRecord | undefined {
    return this.#apps.get(consumerKey);
  }

  appView(consumerKey: string): EmulatorApp | undefined {
    const record = this.#apps.get(consumerKey);
    return record && appView(record);
  }

  apps(): EmulatorApp[] {
    return [...this.#apps.values()].map(appView);
  }

  requireApp(consumerKey: string): AppRecord {
    const record = this.#apps.get(consumerKey);
    if (!record) throw new Error(`no app with consumer key ${consumerKey}`);
    return record;
  }

  updateApp(
    consumerKey: string,
    patch: {
      name?: string;
      accessLevel?: AccessLevel;
      callbackUrls?: readonly string[];
      consumerSecret?: string;
    },
  ): EmulatorApp {
    const record = this.requireApp(consumerKey);
    if (patch.name !== undefined) record.name = patch.name;
    if (patch.accessLevel !== undefined) record.accessLevel = patch.accessLevel;
    if (patch.callbackUrls !== undefined) record.callbackUrls = [...patch.callbackUrls];
    if (patch.consumerSecret !== undefined) record.consumerSecret = patch.consumerSecret;
    return appView(record);
  }

  addUser(seed: UserSeed): EmulatorUser {
    const id = seed.id ?? this.#freshUserId();
    if (!/^\d{1,19}$/.test(id)) throw new Error(`user id ${id} is not a numeric string`);
    if (this.#users.has(id)) throw new Error(`a user with id ${id} already exists`);
    if (this.findUser(seed.username)) throw new Error(`a user named ${seed.username} already exists`);
    this.#users.set(id, { id, username: seed.username, name: seed.name ?? seed.username });
    const issueTokens = seed.issueTokens ?? true;
    if (seed.accessToken !== undefined || (issueTokens && this.#apps.size > 0)) {
      const consumerKey = seed.consumerKey ?? this.#apps.keys().next().value;
      if (consumerKey === undefined)
        throw new Error(`user ${seed.username} has an access token but there is no app`);
      this.issueAccessToken(id, consumerKey, {
        ...(seed.accessLevel ? { accessLevel: seed.accessLevel } : {}),
        ...(seed.accessToken ? { accessToken: seed.accessToken } : {}),
        ...(seed.accessTokenSecret ? { accessTokenSecret: seed.accessTokenSecret } : {}),
      });
    }
    if (seed.oauth2AccessToken !== undefined || issueTokens) {
      this.issueOAuth2Token(id, seed.oauth2AccessToken);
    }
    return this.userView(id, seed.consumerKey);
  }

  findUser(idOrUsername: string): UserRecord | undefined {
    const byId = this.#users.get(idOrUsername);
    if (byId) return byId;
    const lower = idOrUsername.replace(/^@/, "").toLowerCase();
    for (const user of this.#users.values()) if (user.username.toLowerCase() === lower) return user;
    return undefined;
  }

  requireUser(idOrUsername: string): UserRecord {
    const user = this.findUser(idOrUsername);
    if (!user) throw new Error(`no user with id or username ${idOrUsername}`);
    return user;
  }

  user(id: string): UserRecord | undefined {
    return this.#users.get(id);
  }

  /** The user with the OAuth 1.0a token they hold for one app (the first app by default). */
  userView(id: string, consumerKey?: string): EmulatorUser {
    const user = this.#users.get(id);
    if (!user) throw new Error(`no user with id ${id}`);
    const appKey = consumerKey ?? this.#apps.keys().next().value;
    const token = appKey === undefined ? undefined : this.#tokenFor(id, appKey);
    const oauth2AccessToken = this.#oauth2TokenByUser.get(id);
    return {
      id: user.id,
      username: user.username,
      name: user.name,
      ...(token ? { accessToken: token.token, accessTokenSecret: token.secret } : {}),
      ...(oauth2AccessToken ? { oauth2AccessToken } : {}),
    };
  }

  users(): EmulatorUser[] {
    return [...this.#users.keys()].map((id) => this.userView(id));
  }

  /**
   * Issues (or, as X does for a user who authorizes the same app again, returns) the user's access
   * token for an app. The token keeps the access level it was issued with, even if the app's changes.
   */
  issueAccessToken(
    userId: string,
    consumerKey: string,
    options: {
      accessLevel?: AccessLevel;
      accessToken?: string;
      accessTokenSecret?: string;
      reuse?: boolean;
    } = {},
  ): OAuth1Token {
    const app = this.requireApp(consumerKey);
    if (!this.#users.has(userId)) throw new Error(`no user with id ${userId}`);
    const accessLevel = lowerAccess(options.accessLevel ?? app.accessLevel, app.accessLevel);
    const existing = this.#tokenFor(userId, consumerKey);
    if (options.reuse && existing && existing.accessLevel === accessLevel) {
      return { accessToken: existing.token, accessTokenSecret: existing.secret };
    }
    if (existing) this.#accessTokens.delete(existing.token);
    const record: AccessTokenRecord = {
      token: options.accessToken ?? generateCredential.accessToken(userId),
      secret: options.accessTokenSecret ?? generateCredential.accessTokenSecret(),
      userId,
      consumerKey,
      accessLevel,
    };
    if (this.#accessTokens.has(record.token))
      throw new Error(`access token ${record.token} is already issued`);
    this.#accessTokens.set(record.token, record);
    return { accessToken: record.token, accessTokenSecret: record.secret };
  }

  accessToken(token: string): AccessTokenRecord | undefined {
    return this.#accessTokens.get(token);
  }

  revokeAccessToken(token: string): boolean {
    return this.#accessTokens.delete(token);
  }

  issueOAuth2Token(userId: string, token = generateCredential.oauth2AccessToken()): string {
    const previous = this.#oauth2TokenByUser.get(userId);
    if (previous) this.#oauth2Tokens.delete(previous);
    this.#oauth2Tokens.set(token, userId);
    this.#oauth2TokenByUser.set(userId, token);
    return token;
  }

  userForOAuth2Token(token: string): UserRecord | undefined {
    const userId = this.#oauth2Tokens.get(token);
    return userId === undefined ? undefined : this.#users.get(userId);
  }

  revokeOAuth2Token(token: string): boolean {
    const userId = this.#oauth2Tokens.get(token);
    if (userId === undefined) return false;
    this.#oauth2Tokens.delete(token);
    this.#oauth2TokenByUser.delete(userId);
    return true;
  }

  /** X hands out one bearer per app and the same one on every call, until it is invalidated. */
  bearerFor(consumerKey: string): string {
    const app = this.requireApp(consumerKey);
    if (!app.bearerToken) {
      app.bearerToken = generateCredential.bearerToken();
      this.#bearers.set(app.bearerToken, consumerKey);
    }
    return app.bearerToken;
  }

  appForBearer(token: string): AppRecord | undefined {
    const consumerKey = this.#bearers.get(token);
    return consumerKey === undefined ? undefined : this.#apps.get(consumerKey);
  }

  invalidateBearer(token: string): boolean {
    const app = this.appForBearer(token);
    if (!app) return false;
    this.#bearers.delete(token);
    app.bearerToken = undefined;
    return true;
  }

  createRequestToken(input: {
    consumerKey: string;
    callback: string;
    accessType: "read" | "write" | undefined;
    expiresAt: number;
  }): RequestTokenRecord {
    const record: RequestTokenRecord = {
      token: generateCredential.requestToken(),
      secret: generateCredential.requestTokenSecret(),
      ...input,
      authorizedUserId: undefined,
      verifier: undefined,
    };
    this.#requestTokens.set(record.token, record);
    return record;
  }

  /** A request token that exists and has not expired; expired ones are dropped on the way. */
  requestToken(token: string, now: number): RequestTokenRecord | undefined {
    for (const [key, record] of this.#requestTokens)
      if (record.expiresAt <= now) this.#requestTokens.delete(key);
    return this.#requestTokens.get(token);
  }

  deleteRequestToken(token: string): void {
    this.#requestTokens.delete(token);
  }

  /** The next generated id no user holds: seeded users (the default ones) take ids from the same range. */
  #freshUserId(): string {
    let id: string;
    do id = String(1_460_000_000_000_000_000n + BigInt(this.#nextId++));
    while (this.#users.has(id));
    return id;
  }

  #tokenFor(userId: string, consumerKey: string): AccessTokenRecord | undefined {
    for (const record of this.#accessTokens.values()) {
      if (record.userId === userId && record.consumerKey === consumerKey) return record;
    }
    return undefined;
  }
}

/** A token never gets more than its app allows. */
export function lowerAccess(requested: AccessLevel, allowed: AccessLevel): AccessLevel {
  return accessRank[requested] <= accessRank[allowed] ? requested : allowed;
}

function appView(record: AppRecord): EmulatorApp {
  return {
    id: record.id,
    name: record.name,
    consumerKey: record.consumerKey,
    consumerSecret: record.consumerSecret,
    accessLevel: record.accessLevel,
    callbackUrls: [...record.callbackUrls],
  };
}
