import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { defaultApp, defaultUser } from "../src/defaults.js";
import type { Emulator } from "../src/start-emulator.js";
import { signedFetch, startTestEmulator, type TestClock } from "./support/emulator-fixture.js";

let emu: Emulator;
let clock: TestClock;
beforeEach(async () => {
  ({ emu, clock } = await startTestEmulator());
});
afterEach(() => emu.stop());

function basic(key: string, secret: string): string {
  return `Basic ${Buffer.from(`${encodeURIComponent(key)}:${encodeURIComponent(secret)}`).toString("base64")}`;
}

async function exchange(key: string = defaultApp.consumerKey, secret: string = defaultApp.consumerSecret) {
  return fetch(`${emu.url}/oauth2/token`, {
    method: "POST",
    headers: {
      authorization: basic(key, secret),
      "content-type": "application/x-www-form-urlencoded;charset=UTF-8",
    },
    body: "grant_type=client_credentials",
  });
}

async function bearerToken(): Promise<string> {
  const response = await exchange();
  expect(response.status).toBe(200);
  const body = (await response.json()) as { token_type: string; access_token: string };
  expect(body.token_type).toBe("bearer");
  return body.access_token;
}

const withBearer = (token: string) => ({ headers: { authorization: `Bearer ${token}` } });

describe("app-only bearer tokens", () => {
  it("exchanges the consumer key and secret for one stable bearer per app, shaped like X's", async () => {
    const first = await bearerToken();
    expect(first).toMatch(/^AAAAAAAAAAAAAAAAAAAAA/);
    expect(await bearerToken()).toBe(first);
    const other = emu.addApp();
    const response = await exchange(other.consumerKey, other.consumerSecret);
    expect(((await response.json()) as { access_token: string }).access_token).not.toBe(first);
  });

  it("refuses wrong credentials with 403 code 99 and a missing grant_type with 403 code 170", async () => {
    const wrong = await exchange(defaultApp.consumerKey, "wrong");
    expect({ status: wrong.status, body: await wrong.json() }).toEqual({
      status: 403,
      body: { errors: [{ code: 99, message: "Unable to verify your credentials" }] },
    });
    const missing = await fetch(`${emu.url}/oauth2/token`, {
      method: "POST",
      headers: { authorization: basic(defaultApp.consumerKey, defaultApp.consumerSecret) },
    });
    expect({ status: missing.status, body: await missing.json() }).toEqual({
      status: 403,
      body: { errors: [{ code: 170, message: "Missing required parameter: grant_type" }] },
    });
  });

  it("serves app-only endpoints with the bearer and refuses GET /2/users/me with X's exact 403 problem", async () => {
    const token = await bearerToken();
    expect((await fetch(`${emu.url}/2/tweets/search/recent?query=x`, withBearer(token))).status).toBe(200);
    const me = await fetch(`${emu.url}/2/users/me`, withBearer(token));
    expect(me.status).toBe(403);
    expect(me.headers.get("content-type")).toBe("application/problem+json");
    expect(await me.text()).toBe(
      '{"title":"Unsupported Authentication","detail":"Authenticating with OAuth 2.0 Application-Only is forbidden for this endpoint.  Supported authentication types are [OAuth 1.0a User Context, OAuth 2.0 User Context].","type":"https://api.twitter.com/2/problems/unsupported-authentication","status":403}',
    );
    expect(
      emu.stats.count({ route: "GET /2/users/me", status: 403, token: `app:${defaultApp.consumerKey}` }),
    ).toBe(1);
  });

  it("invalidates the bearer with OAuth 1.0a user context; the old one then fails and a new exchange gives a new one", async () => {
    const token = await bearerToken();
    const response = await signedFetch(emu, clock, {
      method: "POST",
      path: `/oauth2/invalidate_token?access_token=${encodeURIComponent(token)}`,
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ access_token: token });

    const search = await fetch(`${emu.url}/2/tweets/search/recent?query=x`, withBearer(token));
    expect({ status: search.status, body: await search.json() }).toEqual({
      status: 401,
      body: { title: "Unauthorized", type: "about:blank", status: 401, detail: "Unauthorized" },
    });
    const v1 = await fetch(`${emu.url}/1.1/account/verify_credentials.json`, withBearer(token));
    expect({ status: v1.status, body: await v1.json() }).toEqual({
      status: 401,
      body: { errors: [{ code: 89, message: "Invalid or expired token." }] },
    });

    const renewed = await bearerToken();
    expect(renewed).not.toBe(token);
    expect((await fetch(`${emu.url}/2/tweets/search/recent?query=x`, withBearer(renewed))).status).toBe(200);
  });

  it("refuses to invalidate a token that is not the signing app's bearer: 403 code 348", async () => {
    const response = await signedFetch(emu, clock, {
      method: "POST",
      path: "/oauth2/invalidate_token?access_token=nope",
    });
    expect({ status: response.status, body: await response.json() }).toEqual({
      status: 403,
      body: {
        errors: [{ code: 348, message: "Client application is not permitted to to invalidate this token." }],
      },
    });
  });

  it("accepts the OAuth 2.0 user access token on user-context v2 endpoints but not on v1.1", async () => {
    const me = await fetch(`${emu.url}/2/users/me`, withBearer(defaultUser.oauth2AccessToken));
    expect(me.status).toBe(200);
    expect(await me.json()).toEqual({
      data: { id: defaultUser.id, name: defaultUser.name, username: defaultUser.username },
    });
    const v1 = await fetch(
      `${emu.url}/1.1/account/verify_credentials.json`,
      withBearer(defaultUser.oauth2AccessToken),
    );
    expect({ status: v1.status, body: await v1.json() }).toEqual({
      status: 403,
      body: { errors: [{ code: 220, message: "Your credentials do not allow access to this resource." }] },
    });
    expect(emu.revokeOAuth2Token(defaultUser.oauth2AccessToken)).toBe(true);
    expect((await fetch(`${emu.url}/2/users/me`, withBearer(defaultUser.oauth2AccessToken))).status).toBe(
      401,
    );
  });
});
