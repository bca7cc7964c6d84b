import type { Emulator } from "@twauth/emulator";
import { defaultApp, defaultUser, startEmulator } from "@twauth/emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOAuth1Signer } from "../../src/oauth1/signer.js";

// The emulator verifies signatures with its own code, so agreement here is a second, independent
// opinion on the signer, over real HTTP.
let emulator: Emulator;
let clockMs = Date.UTC(2026, 10, 24, 12, 0, 0);
let nonceCounter = 0;

const signer = createOAuth1Signer(
  {
    consumerKey: defaultApp.consumerKey,
    consumerSecret: defaultApp.consumerSecret,
    accessToken: defaultUser.accessToken,
    accessTokenSecret: defaultUser.accessTokenSecret,
  },
  { now: () => clockMs, nonce: () => `nonce${++nonceCounter}` },
);

beforeAll(async () => {
  emulator = await startEmulator({ now: () => clockMs });
});
afterAll(async () => {
  await emulator.stop();
});

async function send(method: string, path: string, authorization: string, body?: string) {
  const response = await fetch(`${emulator.url}${path}`, {
    method,
    headers: {
      authorization,
      ...(body === undefined ? {} : { "content-type": "application/x-www-form-urlencoded" }),
    },
    ...(body === undefined ? {} : { body }),
  });
  return { status: response.status, text: await response.text() };
}

/** Changes one character of the named header parameter's value, keeping the header well formed. */
function tamper(header: string, parameter: string): string {
  return header.replace(new RegExp(`${parameter}="([^"]*)"`), (_, value: string) => {
    const last = value.at(-1) === "A" ? "B" : "A";
    return `${parameter}="${value.slice(0, -1)}${last}"`;
  });
}

describe("the emulator accepts what core signs", () => {
  it.each([
    ["GET", "/2/users/me"],
    ["GET", "/2/users/me?user.fields=created_at,description&expansions=pinned_tweet_id"],
    ["GET", "/2/tweets/search/recent?query=caf%C3%A9%20%2B%20%22a%20b%22&max_results=10"],
    ["GET", "/2/tweets/search/recent?query=a+b%2Bc&query2=&query2=x"],
    ["GET", "/1.1/account/verify_credentials.json?include_entities=true&skip_status=1"],
  ])("%s %s", async (method, path) => {
    const url = `${emulator.url}${path}`;
    const { status } = await send(method, path, signer.authorize({ method, url }));
    expect(status).toBe(200);
  });

  it("a form-encoded body is signed and verified", async () => {
    const body = "access_token=nothing-to-invalidate&note=Hello+Ladies+%2B+Gentlemen%21";
    const url = `${emulator.url}/oauth2/invalidate_token`;
    const { status, text } = await send(
      "POST",
      "/oauth2/invalidate_token",
      signer.authorize({ method: "POST", url, form: body }),
      body,
    );
    // The signature is accepted; the emulator then answers about the (unknown) bearer itself.
    expect(text).not.toContain("Could not authenticate you");
    expect(status).not.toBe(401);
  });
});

describe("the emulator rejects a request whose signature, timestamp, nonce or key changed by one byte", () => {
  const path = "/1.1/account/verify_credentials.json";

  it.each([
    ["oauth_signature", 32],
    ["oauth_timestamp", 32],
    ["oauth_nonce", 32],
    ["oauth_consumer_key", 32],
    ["oauth_token", 89],
  ])("%s", async (parameter, code) => {
    const header = signer.authorize({ method: "GET", url: `${emulator.url}${path}` });
    const { status, text } = await send("GET", path, tamper(header, parameter));
    expect(status).toBe(401);
    expect(JSON.parse(text)).toEqual({ errors: [expect.objectContaining({ code })] });
  });

  it("a replayed nonce", async () => {
    const header = signer.authorize({ method: "GET", url: `${emulator.url}${path}` });
    expect((await send("GET", path, header)).status).toBe(200);
    expect((await send("GET", path, header)).status).toBe(401);
  });

  it("a timestamp outside the 5-minute window gets code 135", async () => {
    const header = signer.authorize({ method: "GET", url: `${emulator.url}${path}` });
    clockMs += 6 * 60_000;
    const { status, text } = await send("GET", path, header);
    expect(status).toBe(401);
    expect(JSON.parse(text).errors[0].code).toBe(135);
  });
});
