import { defaultOAuth2Client, defaultUser, type Emulator, startEmulator } from "@twauth/emulator";
import { afterEach, describe, expect, it } from "vitest";
import type { ApiConnection } from "../../src/connection/api-connection.js";
import { getApiConnection } from "../../src/connection/get-api-connection.js";
import { createOAuth2Authorization } from "../../src/user-auth/oauth2-authorization.js";
import {
  exchangeOAuth2Code,
  refreshOAuth2Token,
  revokeOAuth2Token,
} from "../../src/user-auth/oauth2-token-endpoint.js";
import type { OAuth2Tokens } from "../../src/user-auth/oauth2-token-exchange.js";
import { createFakeClock, type FakeClock } from "../support/fake-clock.js";

const client = { clientId: defaultOAuth2Client.clientId, clientSecret: defaultOAuth2Client.clientSecret };
const redirectUri = defaultOAuth2Client.redirectUris[2];
const twoHours = 2 * 60 * 60 * 1000;

let emulator: Emulator;
let clock: FakeClock;
const connections: ApiConnection[] = [];
afterEach(async () => {
  for (const api of connections.splice(0)) api.close();
  await emulator?.stop();
});

async function start(): Promise<void> {
  clock = createFakeClock(Date.UTC(2026, 11, 1, 9, 0, 0));
  emulator = await startEmulator({ now: clock.now });
}

/** The user on the consent page, over plain HTTP: reads the form and presses "Authorize app". */
async function approve(url: string): Promise<URL> {
  const page = await (await fetch(url.replace("https://x.com", emulator.url))).text();
  const form = new URLSearchParams();
  for (const match of page.matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)">/g))
    form.set(
      match[1] ?? "",
      (match[2] ?? "").replace(/&#(\d+);/g, (_, code) => String.fromCharCode(Number(code))),
    );
  form.set("decision", "approve");
  const answer = await fetch(`${emulator.url}/i/oauth2/authorize`, {
    method: "POST",
    body: form,
    redirect: "manual",
  });
  return new URL(answer.headers.get("location") ?? "");
}

async function signIn(scopes?: readonly string[]): Promise<OAuth2Tokens> {
  const auth = createOAuth2Authorization({ ...client, redirectUri, ...(scopes ? { scopes } : {}) });
  const callback = await approve(auth.url);
  expect(callback.searchParams.get("state")).toBe(auth.state);
  return exchangeOAuth2Code({
    ...client,
    redirectUri,
    code: callback.searchParams.get("code") ?? "",
    codeVerifier: auth.codeVerifier,
    baseUrl: emulator.url,
    now: clock.now,
  });
}

async function connect(tokens: OAuth2Tokens): Promise<ApiConnection> {
  const api = await getApiConnection({
    baseUrl: emulator.url,
    credentials: {
      type: "oauth2-user",
      ...client,
      accessToken: tokens.accessToken,
      refreshToken: tokens.refreshToken ?? "",
      expiresAt: tokens.expiresAt,
    },
    now: clock.now,
    sleep: clock.sleep,
    retryDelay: 0,
    waitOnRateLimitNotify: false,
  });
  connections.push(api);
  return api;
}

describe("OAuth 2.0 user context against the emulator", () => {
  it("signs in with PKCE, and the tokens verify as the user with the scopes granted", async () => {
    await start();
    const tokens = await signIn();
    expect(tokens).toMatchObject({
      expiresAt: clock.now() + twoHours,
      scopes: ["tweet.read", "users.read", "offline.access"],
    });
    const me = await (await connect(tokens)).verifyCredentials();
    expect(me).toMatchObject({
      id: defaultUser.id,
      username: defaultUser.username,
      tokenType: "oauth2-user",
    });
  });

  it("refuses a code with a verifier of another sign-in, as AUTH_FAILED saying what to check", async () => {
    await start();
    const first = createOAuth2Authorization({ ...client, redirectUri });
    const other = createOAuth2Authorization({ ...client, redirectUri });
    const callback = await approve(first.url);
    await expect(
      exchangeOAuth2Code({
        ...client,
        redirectUri,
        code: callback.searchParams.get("code") ?? "",
        codeVerifier: other.codeVerifier,
        baseUrl: emulator.url,
      }),
    ).rejects.toMatchObject({
      code: "AUTH_FAILED",
      message:
        "POST /2/oauth2/token refused the authorization code (400 invalid_request): codes are single-use and live 30 seconds, and the redirect URI and code verifier must be those of the authorize request; start the sign-in again.",
    });
  });

  it("refreshes shortly before the access token expires, and every caller uses the one new token", async () => {
    await start();
    const api = await connect(await signIn());
    clock.advance(twoHours - 30_000);
    const answers = await Promise.all([
      api.get("/2/users/me"),
      api.get("/2/users/me"),
      api.get("/2/users/me"),
    ]);
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200]);
    expect(emulator.oauth2Stats()).toMatchObject({ refreshTokensSpent: 1, spentRefreshTokenReuses: 0 });
    expect(emulator.stats.count({ route: "GET /2/users/me", status: 401 })).toBe(0);
  });

  it("saves the new tokens to a writable store before using them", async () => {
    await start();
    const tokens = await signIn();
    let record: Record<string, string> = {
      CLIENT_ID: client.clientId,
      CLIENT_SECRET: client.clientSecret,
      OAUTH2_ACCESS_TOKEN: tokens.accessToken,
      OAUTH2_REFRESH_TOKEN: tokens.refreshToken ?? "",
      OAUTH2_EXPIRES_AT: new Date(tokens.expiresAt).toISOString(),
    };
    const saves: Record<string, string>[] = [];
    // A store that can save but not update as one step: a third party's, here in memory.
    const store = {
      kind: "memory",
      source: "memory",
      load: async () => record,
      save: async (values: Record<string, string>) => {
        saves.push(values);
        record = { ...record, OAUTH2_ACCESS_TOKEN: values.oauth2AccessToken ?? "" };
      },
    };
    const api = await getApiConnection({
      baseUrl: emulator.url,
      store,
      now: clock.now,
      waitOnRateLimitNotify: false,
    });
    connections.push(api);
    clock.advance(twoHours);
    await api.get("/2/users/me");
    expect(saves).toEqual([
      {
        oauth2AccessToken: expect.any(String),
        oauth2RefreshToken: expect.any(String),
        oauth2ExpiresAt: new Date(clock.now() + twoHours).toISOString(),
      },
    ]);
    expect(emulator.stats.requests.at(-1)?.status).toBe(200);
  });

  it("refreshes once after a 401 and sends the request again", async () => {
    await start();
    const tokens = await signIn();
    const api = await connect({ ...tokens, expiresAt: clock.now() + twoHours * 10 });
    emulator.revokeOAuth2Token(tokens.accessToken);
    const answer = await api.get("/2/users/me");
    expect(answer.status).toBe(200);
    expect(emulator.oauth2Stats().refreshTokensSpent).toBe(1);
  });

  it("never refreshes after a 403: a missing scope is SCOPE_MISSING, and the refresh token is kept", async () => {
    await start();
    const api = await connect(await signIn(["tweet.read", "users.read", "offline.access"]));
    await expect(api.post("/2/tweets", { json: { text: "hello" } })).rejects.toMatchObject({
      code: "SCOPE_MISSING",
      status: 403,
    });
    expect(emulator.oauth2Stats().refreshTokensSpent).toBe(0);
  });

  it("says REFRESH_TOKEN_INVALID when the refresh token was spent elsewhere, and tries again on the next call", async () => {
    await start();
    const tokens = await signIn();
    const api = await connect(tokens);
    // Another client redeemed it first: the connection's copy is spent.
    const rotated = await refreshOAuth2Token({
      ...client,
      refreshToken: tokens.refreshToken ?? "",
      baseUrl: emulator.url,
    });
    clock.advance(twoHours);
    await expect(api.get("/2/users/me")).rejects.toMatchObject({
      code: "REFRESH_TOKEN_INVALID",
      message:
        "POST /2/oauth2/token refused the refresh token (400 invalid_request): it was already used, revoked, or expired. Sign the user in again (twauth login --oauth2).",
    });
    await expect(api.get("/2/users/me")).rejects.toMatchObject({ code: "REFRESH_TOKEN_INVALID" });
    expect(emulator.oauth2Stats()).toMatchObject({ refreshTokensSpent: 1, spentRefreshTokenReuses: 2 });
    expect(rotated.refreshToken).not.toBe(tokens.refreshToken);
  });

  it("revokes a refresh token, ending the grant", async () => {
    await start();
    const tokens = await signIn();
    await revokeOAuth2Token({
      ...client,
      token: tokens.refreshToken ?? "",
      tokenTypeHint: "refresh_token",
      baseUrl: emulator.url,
    });
    const api = await connect({ ...tokens, expiresAt: clock.now() + twoHours });
    await expect(api.get("/2/users/me")).rejects.toMatchObject({ code: "REFRESH_TOKEN_INVALID" });
  });

  it("keeps every token it obtained out of errors, inspect and JSON", async () => {
    await start();
    const tokens = await signIn();
    const error = await exchangeOAuth2Code({
      ...client,
      redirectUri,
      code: "spent",
      codeVerifier: "x".repeat(43),
      baseUrl: emulator.url,
    }).catch((caught: unknown) => caught);
    for (const shown of [String(error), JSON.stringify(error)]) {
      expect(shown).not.toContain(tokens.accessToken);
      expect(shown).not.toContain(client.clientSecret);
    }
  });
});
