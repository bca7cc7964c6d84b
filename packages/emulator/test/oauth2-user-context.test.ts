import { createHash, randomBytes } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { defaultOAuth2Client, defaultPublicOAuth2Client, defaultUser, secondUser } from "../src/defaults.js";
import type { Emulator } from "../src/start-emulator.js";
import { startTestEmulator, type TestClock } from "./support/emulator-fixture.js";

let emu: Emulator;
let clock: TestClock;
beforeEach(async () => {
  ({ emu, clock } = await startTestEmulator());
});
afterEach(() => emu.stop());

const redirectUri = defaultOAuth2Client.redirectUris[2];
const basic = `Basic ${Buffer.from(`${defaultOAuth2Client.clientId}:${defaultOAuth2Client.clientSecret}`).toString("base64")}`;

function authorizeQuery(overrides: Record<string, string> = {}) {
  const verifier = randomBytes(32).toString("base64url");
  const query = new URLSearchParams({
    response_type: "code",
    client_id: defaultOAuth2Client.clientId,
    redirect_uri: redirectUri,
    scope: "tweet.read users.read offline.access",
    state: "state-123",
    code_challenge: createHash("sha256").update(verifier).digest("base64url"),
    code_challenge_method: "S256",
    ...overrides,
  });
  return { verifier, query };
}

/** What a person does on the consent page, over plain HTTP: read the form, post it with a button. */
async function consent(query: URLSearchParams, decision = "approve"): Promise<URL> {
  const page = await fetch(`${emu.url}/i/oauth2/authorize?${query}`);
  expect(page.status).toBe(200);
  const html = await page.text();
  const fields = new URLSearchParams();
  for (const match of html.matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)">/g))
    fields.set(
      match[1] ?? "",
      (match[2] ?? "").replace(/&#(\d+);/g, (_, code) => String.fromCharCode(Number(code))),
    );
  fields.set("decision", decision);
  const answer = await fetch(`${emu.url}/i/oauth2/authorize`, {
    method: "POST",
    body: fields,
    redirect: "manual",
  });
  expect(answer.status).toBe(302);
  return new URL(answer.headers.get("location") ?? "");
}

async function token(form: Record<string, string>, authorization: string | null = basic) {
  const response = await fetch(`${emu.url}/2/oauth2/token`, {
    method: "POST",
    headers: authorization === null ? {} : { authorization },
    body: new URLSearchParams(form),
  });
  return { status: response.status, body: (await response.json()) as Record<string, string> };
}

async function signIn(scope?: string) {
  const { verifier, query } = authorizeQuery(scope ? { scope } : {});
  const callback = await consent(query);
  return token({
    grant_type: "authorization_code",
    code: callback.searchParams.get("code") ?? "",
    redirect_uri: redirectUri,
    code_verifier: verifier,
  });
}

const me = (accessToken: string) =>
  fetch(`${emu.url}/2/users/me`, { headers: { authorization: `Bearer ${accessToken}` } });

describe("the emulator's OAuth 2.0 Authorization Code flow with PKCE", () => {
  it("signs a user in through the consent page and the token endpoint, and the token works on /2/users/me", async () => {
    const { verifier, query } = authorizeQuery();
    const callback = await consent(query);
    expect(callback.searchParams.get("state")).toBe("state-123");
    const tokens = await token({
      grant_type: "authorization_code",
      code: callback.searchParams.get("code") ?? "",
      redirect_uri: redirectUri,
      code_verifier: verifier,
    });
    expect(tokens).toMatchObject({
      status: 200,
      body: { token_type: "bearer", expires_in: 7200, scope: "tweet.read users.read offline.access" },
    });
    const answer = await me(tokens.body.access_token ?? "");
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({
      data: { id: defaultUser.id, name: defaultUser.name, username: defaultUser.username },
    });
  });

  it("redirects with error=access_denied when the user cancels", async () => {
    const callback = await consent(authorizeQuery().query, "deny");
    expect(Object.fromEntries(callback.searchParams)).toEqual({ error: "access_denied", state: "state-123" });
  });

  it("shows an error page, never a redirect, for a redirect URI the app did not register", async () => {
    const { query } = authorizeQuery({ redirect_uri: "http://127.0.0.1:9/elsewhere" });
    const page = await fetch(`${emu.url}/i/oauth2/authorize?${query}`, { redirect: "manual" });
    expect(page.status).toBe(400);
    expect(await page.text()).toContain("redirect_uri does not match a callback URL of the app.");
  });

  it("refuses a code_verifier that does not match the challenge", async () => {
    const { query } = authorizeQuery();
    const callback = await consent(query);
    const tokens = await token({
      grant_type: "authorization_code",
      code: callback.searchParams.get("code") ?? "",
      redirect_uri: redirectUri,
      code_verifier: randomBytes(32).toString("base64url"),
    });
    expect(tokens).toEqual({
      status: 400,
      body: {
        error: "invalid_request",
        error_description: "Value passed for the code_verifier does not match the code_challenge.",
      },
    });
  });

  it("refuses a code older than 30 seconds", async () => {
    const { verifier, query } = authorizeQuery();
    const callback = await consent(query);
    clock.advance(30_000);
    const tokens = await token({
      grant_type: "authorization_code",
      code: callback.searchParams.get("code") ?? "",
      redirect_uri: redirectUri,
      code_verifier: verifier,
    });
    expect(tokens).toEqual({
      status: 400,
      body: {
        error: "invalid_request",
        error_description: "Value passed for the authorization code was invalid.",
      },
    });
  });

  it("rotates refresh tokens: each works once, and the stats count a reuse", async () => {
    const first = await signIn();
    const second = await token({
      grant_type: "refresh_token",
      refresh_token: first.body.refresh_token ?? "",
    });
    expect(second.status).toBe(200);
    const reuse = await token({ grant_type: "refresh_token", refresh_token: first.body.refresh_token ?? "" });
    expect(reuse).toEqual({
      status: 400,
      body: { error: "invalid_request", error_description: "Value passed for the token was invalid." },
    });
    expect(emu.oauth2Stats()).toMatchObject({ refreshTokensSpent: 1, spentRefreshTokenReuses: 1 });
  });

  it("expires access tokens after two hours: /2/users/me then answers 401", async () => {
    const tokens = await signIn();
    clock.advance(2 * 60 * 60 * 1000);
    expect((await me(tokens.body.access_token ?? "")).status).toBe(401);
  });

  it("answers 403 Forbidden for an endpoint whose scope the token lacks", async () => {
    const tokens = await signIn("tweet.read users.read");
    const post = await fetch(`${emu.url}/2/tweets`, {
      method: "POST",
      headers: { authorization: `Bearer ${tokens.body.access_token}`, "content-type": "application/json" },
      body: JSON.stringify({ text: "hello" }),
    });
    expect(post.status).toBe(403);
    expect(await post.json()).toEqual({
      title: "Forbidden",
      type: "about:blank",
      status: 403,
      detail: "Forbidden",
    });
  });

  it("revokes the first grant when the same user signs in again", async () => {
    const first = await signIn();
    expect(emu.hasOAuth2Grant(defaultOAuth2Client.clientId, defaultUser.id)).toBe(true);
    await signIn();
    expect((await me(first.body.access_token ?? "")).status).toBe(401);
    expect(emu.oauth2Stats().grantsRevokedBySecondSignIn).toBe(1);
  });

  it("signs in the user the authorize behaviour names", async () => {
    emu.setAuthorizeBehaviour({ signedInUser: secondUser.username });
    const tokens = await signIn();
    expect(
      ((await (await me(tokens.body.access_token ?? "")).json()) as { data: { id: string } }).data.id,
    ).toBe(secondUser.id);
  });

  it("takes a public client's client_id in the body, and refuses a confidential client without Basic", async () => {
    const publicFlow = authorizeQuery({ client_id: defaultPublicOAuth2Client.clientId });
    const callback = await consent(publicFlow.query);
    const code = callback.searchParams.get("code") ?? "";
    const tokens = await token(
      {
        grant_type: "authorization_code",
        client_id: defaultPublicOAuth2Client.clientId,
        code,
        redirect_uri: redirectUri,
        code_verifier: publicFlow.verifier,
      },
      null,
    );
    expect(tokens.status).toBe(200);
    const confidential = await token(
      { grant_type: "refresh_token", client_id: defaultOAuth2Client.clientId, refresh_token: "x" },
      null,
    );
    expect(confidential).toEqual({
      status: 401,
      body: { error: "unauthorized_client", error_description: "Missing valid authorization header" },
    });
  });

  it("revokes a refresh token at /2/oauth2/revoke, ending the grant", async () => {
    const tokens = await signIn();
    const response = await fetch(`${emu.url}/2/oauth2/revoke`, {
      method: "POST",
      headers: { authorization: basic },
      body: new URLSearchParams({ token: tokens.body.refresh_token ?? "", token_type_hint: "refresh_token" }),
    });
    expect({ status: response.status, body: await response.json() }).toEqual({
      status: 200,
      body: { revoked: true },
    });
    expect((await me(tokens.body.access_token ?? "")).status).toBe(401);
  });
});
