import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { defaultApp, defaultUser, secondUser } from "../src/defaults.js";
import type { Emulator } from "../src/start-emulator.js";
import { signedFetch, startTestEmulator, type TestClock } from "./support/emulator-fixture.js";
import { withHeaderParam } from "./support/oauth1-client.js";

let emu: Emulator;
let clock: TestClock;
beforeEach(async () => {
  ({ emu, clock } = await startTestEmulator());
});
afterEach(() => emu.stop());

interface RequestToken {
  oauth_token: string;
  oauth_token_secret: string;
  oauth_callback_confirmed: string;
}

async function requestToken(
  callback: string,
  extra: Record<string, string> = {},
  app: { consumerKey: string; consumerSecret: string } = defaultApp,
): Promise<Response> {
  return signedFetch(emu, clock, {
    method: "POST",
    path: "/oauth/request_token",
    consumerKey: app.consumerKey,
    consumerSecret: app.consumerSecret,
    token: "",
    tokenSecret: "",
    protocol: { oauth_callback: callback },
    ...(Object.keys(extra).length > 0 ? { form: extra } : {}),
  });
}

async function obtainRequestToken(
  callback: string,
  extra: Record<string, string> = {},
): Promise<RequestToken> {
  const response = await requestToken(callback, extra);
  expect(response.status).toBe(200);
  return Object.fromEntries(new URLSearchParams(await response.text())) as unknown as RequestToken;
}

/** The PIN is the <code> inside the element with id "oauth_pin", as on X's page. */
function readPin(html: string): string {
  const pin = /id="oauth_pin"[\s\S]*?<code>(\d{7})<\/code>/.exec(html)?.[1];
  if (!pin) throw new Error("no PIN on the page");
  return pin;
}

function exchange(token: RequestToken, verifier: string): Promise<Response> {
  return signedFetch(emu, clock, {
    method: "POST",
    path: "/oauth/access_token",
    token: token.oauth_token,
    tokenSecret: token.oauth_token_secret,
    protocol: { oauth_verifier: verifier },
  });
}

describe("three-legged OAuth: request_token, authorize, access_token", () => {
  it("runs the PIN flow end to end over HTTP, and the new tokens work on the API", async () => {
    const token = await obtainRequestToken("oob");
    expect(token.oauth_callback_confirmed).toBe("true");

    const page = await fetch(
      `${emu.url}/oauth/authorize?oauth_token=${token.oauth_token}&screen_name=${secondUser.username}`,
    );
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toBe("text/html; charset=utf-8");
    const pin = readPin(await page.text());

    const response = await exchange(token, pin);
    expect(response.status).toBe(200);
    const access = Object.fromEntries(new URLSearchParams(await response.text()));
    expect(access).toEqual({
      oauth_token: expect.stringMatching(new RegExp(`^${secondUser.id}-`)),
      oauth_token_secret: expect.any(String),
      user_id: secondUser.id,
      screen_name: secondUser.username,
    });

    const me = await signedFetch(emu, clock, {
      path: "/2/users/me",
      token: access.oauth_token ?? "",
      tokenSecret: access.oauth_token_secret ?? "",
    });
    expect(await me.json()).toEqual({
      data: { id: secondUser.id, name: secondUser.name, username: secondUser.username },
    });
  });

  it("signs in as the default user unless told otherwise, and returns that user's existing token", async () => {
    const token = await obtainRequestToken("oob");
    const pin = readPin(
      await (await fetch(`${emu.url}/oauth/authorize?oauth_token=${token.oauth_token}`)).text(),
    );
    const access = new URLSearchParams(await (await exchange(token, pin)).text());
    expect(access.get("user_id")).toBe(defaultUser.id);
    expect(access.get("oauth_token")).toBe(defaultUser.accessToken);
  });

  it("redirects to the approved callback with oauth_token and oauth_verifier, through /oauth/authenticate too", async () => {
    const callback = `${defaultApp.callbackUrls[0]}?state=abc`;
    for (const page of ["authorize", "authenticate"]) {
      const token = await obtainRequestToken(callback);
      const response = await fetch(
        `${emu.url}/oauth/${page}?oauth_token=${token.oauth_token}&force_login=true`,
        {
          redirect: "manual",
        },
      );
      expect(response.status).toBe(302);
      const location = new URL(response.headers.get("location") ?? "");
      expect(`${location.origin}${location.pathname}`).toBe(defaultApp.callbackUrls[0]);
      expect(location.searchParams.get("state")).toBe("abc");
      expect(location.searchParams.get("oauth_token")).toBe(token.oauth_token);
      const verifier = location.searchParams.get("oauth_verifier") ?? "";
      expect((await exchange(token, verifier)).status).toBe(200);
    }
  });

  it("takes x_auth_access_type=read: the new token cannot tweet", async () => {
    emu.setAuthorizeBehaviour({ signedInUser: secondUser.id });
    const token = await obtainRequestToken("oob", { x_auth_access_type: "read" });
    const pin = readPin(
      await (await fetch(`${emu.url}/oauth/authorize?oauth_token=${token.oauth_token}`)).text(),
    );
    const access = new URLSearchParams(await (await exchange(token, pin)).text());
    const sign = {
      token: access.get("oauth_token") ?? "",
      tokenSecret: access.get("oauth_token_secret") ?? "",
    };
    const verify = await signedFetch(emu, clock, { path: "/1.1/account/verify_credentials.json", ...sign });
    expect(verify.headers.get("x-access-level")).toBe("read");
    const post = await signedFetch(emu, clock, {
      method: "POST",
      path: "/2/tweets",
      json: { text: "no" },
      ...sign,
    });
    expect(post.status).toBe(403);
  });

  it("refuses a wrong PIN with X's plain-text 401 and keeps the request token for a retry", async () => {
    const token = await obtainRequestToken("oob");
    const pin = readPin(
      await (await fetch(`${emu.url}/oauth/authorize?oauth_token=${token.oauth_token}`)).text(),
    );
    const wrong = await exchange(token, pin === "0000000" ? "0000001" : "0000000");
    expect({
      status: wrong.status,
      type: wrong.headers.get("content-type"),
      body: await wrong.text(),
    }).toEqual({
      status: 401,
      type: "text/plain; charset=utf-8",
      body: "Error processing your OAuth request: Invalid oauth_verifier parameter",
    });
    expect((await exchange(token, pin)).status).toBe(200);
  });

  it("refuses a reused PIN: the request token is gone (401 code 89)", async () => {
    const token = await obtainRequestToken("oob");
    const pin = readPin(
      await (await fetch(`${emu.url}/oauth/authorize?oauth_token=${token.oauth_token}`)).text(),
    );
    expect((await exchange(token, pin)).status).toBe(200);
    const reused = await exchange(token, pin);
    expect({ status: reused.status, body: await reused.json() }).toEqual({
      status: 401,
      body: { errors: [{ code: 89, message: "Invalid or expired token." }] },
    });
    const page = await fetch(`${emu.url}/oauth/authorize?oauth_token=${token.oauth_token}`);
    expect(page.status).toBe(403);
    expect(await page.text()).toContain('id="oauth_error"');
  });

  it("refuses an exchange before the user approved", async () => {
    const token = await obtainRequestToken("oob");
    expect((await exchange(token, "1234567")).status).toBe(401);
  });

  it("expires request tokens after the TTL on the emulator's clock", async () => {
    const token = await obtainRequestToken("oob");
    clock.advance(901_000);
    expect((await fetch(`${emu.url}/oauth/authorize?oauth_token=${token.oauth_token}`)).status).toBe(403);
  });

  it("answers a denial with a page for oob and a redirect with denied= for a callback", async () => {
    emu.setAuthorizeBehaviour({ decision: "deny" });
    const oob = await obtainRequestToken("oob");
    const page = await (await fetch(`${emu.url}/oauth/authorize?oauth_token=${oob.oauth_token}`)).text();
    expect(page).toContain('id="oauth_denied"');
    expect(page).not.toContain('id="oauth_pin"');
    const withCallback = await obtainRequestToken(defaultApp.callbackUrls[0]);
    const redirect = await fetch(`${emu.url}/oauth/authorize?oauth_token=${withCallback.oauth_token}`, {
      redirect: "manual",
    });
    expect(new URL(redirect.headers.get("location") ?? "").searchParams.get("denied")).toBe(
      withCallback.oauth_token,
    );
  });

  it("refuses a callback URL for an app without callback URLs: 401 code 417", async () => {
    const desktop = emu.addApp({ name: "desktop app" });
    const response = await requestToken("http://127.0.0.1:3000/callback", {}, desktop);
    expect({ status: response.status, body: await response.json() }).toEqual({
      status: 401,
      body: {
        errors: [{ code: 417, message: "Desktop applications only support the oauth_callback value 'oob'" }],
      },
    });
    expect((await requestToken("oob", {}, desktop)).status).toBe(200);
  });

  it("refuses a callback URL that is not approved: 403 code 415", async () => {
    const response = await requestToken("http://127.0.0.1:9999/elsewhere");
    expect({ status: response.status, body: await response.json() }).toEqual({
      status: 403,
      body: {
        errors: [
          {
            code: 415,
            message:
              "Callback URL not approved for this client application. Approved callback URLs can be adjusted in your application settings",
          },
        ],
      },
    });
    emu.updateApp(defaultApp.consumerKey, { callbackUrls: ["http://127.0.0.1:9999/elsewhere"] });
    expect((await requestToken("http://127.0.0.1:9999/elsewhere")).status).toBe(200);
  });

  it("verifies the consumer-only signature of request_token", async () => {
    const response = await signedFetch(emu, clock, {
      method: "POST",
      path: "/oauth/request_token",
      consumerSecret: "wrong",
      token: "",
      tokenSecret: "",
      protocol: { oauth_callback: "oob" },
    });
    expect({ status: response.status, body: await response.json() }).toEqual({
      status: 401,
      body: { errors: [{ code: 32, message: "Could not authenticate you." }] },
    });
  });
  it("accepts oauth_token repeated in the form body with the same value, as twitter-api-v2's login(pin) sends it", async () => {
    const token = await obtainRequestToken("oob");
    const pin = readPin(
      await (await fetch(`${emu.url}/oauth/authorize?oauth_token=${token.oauth_token}`)).text(),
    );
    const response = await signedFetch(emu, clock, {
      method: "POST",
      path: "/oauth/access_token",
      token: token.oauth_token,
      tokenSecret: token.oauth_token_secret,
      form: { oauth_token: token.oauth_token, oauth_verifier: pin },
      protocol: { oauth_verifier: pin },
    });
    expect(response.status).toBe(200);
    expect(new URLSearchParams(await response.text()).get("user_id")).toBe(defaultUser.id);
  });

  it("accepts oauth_callback repeated in the form body with the same value, as oauth-1.0a's authorize() sends it", async () => {
    const response = await signedFetch(emu, clock, {
      method: "POST",
      path: "/oauth/request_token",
      token: "",
      tokenSecret: "",
      form: { oauth_callback: "oob" },
      protocol: { oauth_callback: "oob" },
    });
    expect(response.status).toBe(200);
    expect(new URLSearchParams(await response.text()).get("oauth_callback_confirmed")).toBe("true");
  });

  it("refuses oauth_token repeated with a different value: 401 code 32", async () => {
    const token = await obtainRequestToken("oob");
    const response = await signedFetch(emu, clock, {
      method: "POST",
      path: "/oauth/access_token",
      token: token.oauth_token,
      tokenSecret: token.oauth_token_secret,
      form: { oauth_token: `${token.oauth_token}x` },
      protocol: { oauth_verifier: "0000000" },
      // oauth-1.0a copies the form's oauth_token into the header: put the real one back there.
      tamper: (header) => withHeaderParam(header, "oauth_token", () => token.oauth_token),
    });
    expect({ status: response.status, body: await response.json() }).toEqual({
      status: 401,
      body: { errors: [{ code: 32, message: "Could not authenticate you." }] },
    });
  });
});
