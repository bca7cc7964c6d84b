import { Agent } from "node:http";
import { ApiResponseError, type ITwitterApiClientPlugin, TwitterApi } from "twitter-api-v2";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { defaultApp, defaultUser } from "../src/defaults.js";
import { type Emulator, startEmulator } from "../src/start-emulator.js";

/*
 * twitter-api-v2 (a client nobody here wrote) driving the emulator over HTTP. Its endpoints are
 * fixed to https://api.x.com, and it has no base-URL setting, so two of its own extension points
 * point it here: a plugin's onBeforeRequestConfig rewrites the URL before the request is signed
 * (so the signature covers the emulator's URL, as it would cover X's), and `httpAgent` gives its
 * https.request a plain-HTTP agent for the loopback address. It parses /oauth/* answers as forms
 * only on api.x.com, so the plugin asks for that parse mode (`forceParseMode`, its request option).
 * The emulator runs on the real clock: twitter-api-v2's timestamps come from Date.now.
 */
function towardEmulator(emulator: Emulator): ITwitterApiClientPlugin {
  return {
    onBeforeRequestConfig({ params }) {
      const url = new URL(params.url.startsWith("http") ? params.url : `https://${params.url}`);
      if (url.hostname !== "api.x.com") throw new Error(`unexpected host ${url.hostname}`);
      params.url = `${emulator.url}${url.pathname}${url.search}`;
      if (url.pathname.startsWith("/oauth/")) params.forceParseMode = "url";
    },
  };
}

let emulator: Emulator;
let agent: Agent;
beforeEach(async () => {
  emulator = await startEmulator();
  agent = new Agent();
});
afterEach(async () => {
  agent.destroy();
  await emulator.stop();
});

const settings = () => ({ plugins: [towardEmulator(emulator)], httpAgent: agent });
const appKeys = { appKey: defaultApp.consumerKey, appSecret: defaultApp.consumerSecret };
const userClient = () =>
  new TwitterApi(
    { ...appKeys, accessToken: defaultUser.accessToken, accessSecret: defaultUser.accessTokenSecret },
    settings(),
  );

/** The PIN is the <code> inside the element with id "oauth_pin", as on X's page. */
function readPin(html: string): string {
  const pin = /id="oauth_pin"[\s\S]*?<code>(\d{7})<\/code>/.exec(html)?.[1];
  if (!pin) throw new Error("no PIN on the page");
  return pin;
}

describe("twitter-api-v2 against the emulator", () => {
  it("signs OAuth 1.0a user context the emulator accepts: v2.me, v1.verifyCredentials, v2.tweet", async () => {
    const client = userClient();
    const me = await client.v2.me();
    expect(me.data).toEqual({ id: defaultUser.id, name: defaultUser.name, username: defaultUser.username });
    const account = await client.v1.verifyCredentials();
    expect({ id_str: account.id_str, screen_name: account.screen_name }).toEqual({
      id_str: defaultUser.id,
      screen_name: defaultUser.username,
    });
    const posted = await client.v2.tweet("hello from twitter-api-v2");
    expect(posted.data.text).toBe("hello from twitter-api-v2");
    expect(emulator.tweets().map((tweet) => tweet.text)).toEqual(["hello from twitter-api-v2"]);
    expect(emulator.stats.count({ outcome: "auth-failed" })).toBe(0);
  });

  it("gets the app's bearer token with appLogin() and searches with it", async () => {
    await userClient().v2.tweet("searchable words here");
    const app = await new TwitterApi(appKeys, settings()).appLogin();
    const found = await app.v2.search("searchable");
    expect(found.tweets.map((tweet) => tweet.text)).toEqual(["searchable words here"]);
    expect(emulator.stats.count({ route: "POST /oauth2/token", status: 200 })).toBe(1);
    expect(
      emulator.stats.count({ route: "GET /2/tweets/search/recent", token: `app:${defaultApp.consumerKey}` }),
    ).toBe(1);
  });

  it("runs the PIN flow: generateAuthLink('oob'), the PIN from the authorize page over HTTP, login(pin)", async () => {
    const link = await new TwitterApi(appKeys, settings()).generateAuthLink("oob");
    expect(link.oauth_callback_confirmed).toBe("true");
    const page = new URL(link.url);
    expect(page.origin + page.pathname).toBe("https://api.x.com/oauth/authenticate");
    const html = await (await fetch(`${emulator.url}${page.pathname}${page.search}`)).text();
    const pin = readPin(html);

    const requestClient = new TwitterApi(
      { ...appKeys, accessToken: link.oauth_token, accessSecret: link.oauth_token_secret },
      settings(),
    );
    // login() sends oauth_token in the Authorization header and again in the form body. The emulator
    // used to answer that with 401 code 32; the emulator was wrong: X accepts a repeated oauth_*
    // parameter with the same value (twitter-api-v2's login() has worked against X since 2020).
    const signedIn = await requestClient.login(pin);
    expect({ userId: signedIn.userId, screenName: signedIn.screenName }).toEqual({
      userId: defaultUser.id,
      screenName: defaultUser.username,
    });
    expect((await signedIn.client.v2.me()).data.id).toBe(defaultUser.id);
  });

  it("reads X's rate-limit headers into its rateLimit after a 429", async () => {
    emulator.setRateLimit("GET /2/users/me", { limit: 1, windowMs: 15 * 60 * 1000 });
    const client = userClient();
    await client.v2.me();
    const error = await client.v2.me().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiResponseError);
    const response = error as ApiResponseError;
    const last = emulator.stats.requests.at(-1);
    expect(last?.status).toBe(429);
    expect(response.code).toBe(429);
    expect(response.rateLimitError).toBe(true);
    expect(response.rateLimit).toEqual({
      limit: 1,
      remaining: 0,
      reset: expect.any(Number),
    });
    const windowMs = 15 * 60 * 1000;
    expect(((response.rateLimit?.reset ?? 0) * 1000) % windowMs).toBe(0);
    expect(response.data).toEqual({
      title: "Too Many Requests",
      detail: "Too Many Requests",
      type: "about:blank",
      status: 429,
    });
  });
});
