import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { inspect } from "node:util";
import type { Emulator } from "@twauth/emulator";
import { defaultApp, secondUser, startEmulator } from "@twauth/emulator";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createOAuth1Signer } from "../../src/oauth1/signer.js";
import { completeUserAuthorization } from "../../src/user-auth/complete-user-authorization.js";
import { startUserAuthorization } from "../../src/user-auth/start-user-authorization.js";

let emulator: Emulator;
const app = { consumerKey: defaultApp.consumerKey, consumerSecret: defaultApp.consumerSecret };

beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(async () => {
  await emulator.stop();
});
beforeEach(() => {
  emulator.setAuthorizeBehaviour({ signedInUser: secondUser.username, decision: "approve" });
});

/** What a person does in the browser: open the authorize URL and read the PIN off the page. */
async function approveAndReadPin(authorizeUrl: string): Promise<string> {
  const page = await (await fetch(authorizeUrl)).text();
  const pin = /id="oauth_pin"[\s\S]*?<code>(\d{7})<\/code>/.exec(page)?.[1];
  if (pin === undefined) throw new Error("no PIN on the authorize page");
  return pin;
}

/** A loopback port nothing listens on: one the system just handed out and got back. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function failure(
  promise: Promise<unknown>,
): Promise<{ code: string; message: string; error: unknown }> {
  try {
    await promise;
  } catch (error) {
    const { code, message } = error as { code: string; message: string };
    return { code, message, error };
  }
  throw new Error("expected a failure");
}

describe("the PIN flow", () => {
  it("signs a second user in with a PIN, and their new tokens work on the API", async () => {
    const start = await startUserAuthorization({ ...app, baseUrl: emulator.url });
    expect(start.callbackConfirmed).toBe(true);
    expect(start.authorizeUrl).toBe(`${emulator.url}/oauth/authorize?oauth_token=${start.requestToken}`);

    const pin = await approveAndReadPin(start.authorizeUrl);
    const user = await completeUserAuthorization({ ...app, ...start, verifier: pin, baseUrl: emulator.url });
    expect(user).toMatchObject({ userId: secondUser.id, screenName: secondUser.username });

    const signer = createOAuth1Signer({
      ...app,
      accessToken: user.accessToken,
      accessTokenSecret: user.accessTokenSecret,
    });
    const url = `${emulator.url}/2/users/me`;
    const me = await fetch(url, { headers: { authorization: signer.authorize({ method: "GET", url }) } });
    expect(me.status).toBe(200);
    expect(((await me.json()) as { data: { username: string } }).data.username).toBe(secondUser.username);
  });

  it("keeps the request-token pair usable between two separate steps, as a web app stores it", async () => {
    const stored = JSON.stringify(await startUserAuthorization({ ...app, baseUrl: emulator.url }));
    const start = JSON.parse(stored) as {
      requestToken: string;
      requestTokenSecret: string;
      authorizeUrl: string;
    };
    const pin = await approveAndReadPin(start.authorizeUrl);
    await expect(
      completeUserAuthorization({ ...app, ...start, verifier: ` ${pin}\n`, baseUrl: emulator.url }),
    ).resolves.toMatchObject({ screenName: secondUser.username });
  });

  it("refuses a wrong PIN with a hint, and the right PIN still works afterwards", async () => {
    const start = await startUserAuthorization({ ...app, baseUrl: emulator.url });
    const pin = await approveAndReadPin(start.authorizeUrl);
    const wrong = pin === "0000000" ? "1111111" : "0000000";
    const { code, message } = await failure(
      completeUserAuthorization({ ...app, ...start, verifier: wrong, baseUrl: emulator.url }),
    );
    expect(code).toBe("AUTH_FAILED");
    expect(message).toBe(
      "POST /oauth/access_token failed with 401: the PIN (oauth_verifier) is wrong; check the digits, or start again for a new one.",
    );
    await expect(
      completeUserAuthorization({ ...app, ...start, verifier: pin, baseUrl: emulator.url }),
    ).resolves.toMatchObject({ userId: secondUser.id });
  });

  it("refuses a PIN used twice", async () => {
    const start = await startUserAuthorization({ ...app, baseUrl: emulator.url });
    const pin = await approveAndReadPin(start.authorizeUrl);
    await completeUserAuthorization({ ...app, ...start, verifier: pin, baseUrl: emulator.url });
    const { code, message, error } = await failure(
      completeUserAuthorization({ ...app, ...start, verifier: pin, baseUrl: emulator.url }),
    );
    expect(code).toBe("AUTH_FAILED");
    expect(message).toBe(
      "POST /oauth/access_token failed with 401 (X error 89): the request token is unknown, expired or already used (a PIN works once); start the authorization again.",
    );
    for (const shown of [message, inspect(error), JSON.stringify(error)]) {
      expect(shown).not.toContain(start.requestTokenSecret);
      expect(shown).not.toContain(app.consumerSecret);
    }
  });

  it("builds the sign-in URL with force_login and screen_name", async () => {
    const start = await startUserAuthorization({
      ...app,
      baseUrl: `${emulator.url}/`,
      signIn: true,
      forceLogin: true,
      screenName: secondUser.username,
      accessType: "read",
    });
    expect(start.authorizeUrl).toBe(
      `${emulator.url}/oauth/authenticate?oauth_token=${start.requestToken}&force_login=true&screen_name=${secondUser.username}`,
    );
  });
});

describe("the callback flow", () => {
  it("redirects to an approved callback with oauth_token and oauth_verifier", async () => {
    const callback = defaultApp.callbackUrls[0];
    const start = await startUserAuthorization({ ...app, callback, baseUrl: emulator.url });
    const redirect = await fetch(start.authorizeUrl, { redirect: "manual" });
    expect(redirect.status).toBe(302);
    const location = new URL(redirect.headers.get("location") ?? "");
    expect(`${location.origin}${location.pathname}`).toBe(callback);
    expect(location.searchParams.get("oauth_token")).toBe(start.requestToken);
    const verifier = location.searchParams.get("oauth_verifier") ?? "";
    await expect(
      completeUserAuthorization({ ...app, ...start, verifier, baseUrl: emulator.url }),
    ).resolves.toMatchObject({ screenName: secondUser.username });
  });

  it("explains a callback URL the app has not approved (415)", async () => {
    const { code, message } = await failure(
      startUserAuthorization({ ...app, callback: "https://evil.example/cb", baseUrl: emulator.url }),
    );
    expect(code).toBe("AUTH_FAILED");
    expect(message).toBe(
      "POST /oauth/request_token failed with 403 (X error 415): the callback URL https://evil.example/cb is not approved for this app; add it to the app's callback URLs in the developer portal (User authentication settings).",
    );
  });

  it("explains that an app without callback URLs only supports 'oob'", async () => {
    const desktop = emulator.addApp({ name: "desktop app", callbackUrls: [] });
    const { code, message } = await failure(
      startUserAuthorization({
        consumerKey: desktop.consumerKey,
        consumerSecret: desktop.consumerSecret,
        callback: "http://127.0.0.1:3000/callback",
        baseUrl: emulator.url,
      }),
    );
    expect(code).toBe("AUTH_FAILED");
    expect(message).toBe(
      "POST /oauth/request_token failed with 401 (X error 417): Desktop applications only support the oauth_callback value 'oob': the app has no callback URL, so use callback \"oob\" (the PIN flow) or add http://127.0.0.1:3000/callback to the app's callback URLs in the developer portal.",
    );
  });
});

describe("bad input", () => {
  it("a wrong consumer secret is refused without printing it", async () => {
    const badSecret = "not-the-real-consumer-secret-123";
    const { code, message, error } = await failure(
      startUserAuthorization({
        consumerKey: app.consumerKey,
        consumerSecret: badSecret,
        baseUrl: emulator.url,
      }),
    );
    expect(code).toBe("AUTH_FAILED");
    expect(message).toBe(
      "POST /oauth/request_token failed with 401 (X error 32): X could not authenticate the app: check the consumer key and secret (API Key and Secret), and that they were not regenerated.",
    );
    expect(inspect(error)).not.toContain(badSecret);
  });

  it("a clock ten minutes off gets X's code 135 with the clock-skew hint", async () => {
    await using skewed = await startEmulator({ now: () => Date.now() + 10 * 60_000 });
    const { code, message } = await failure(startUserAuthorization({ ...app, baseUrl: skewed.url }));
    expect(code).toBe("AUTH_FAILED");
    expect(message).toBe(
      "POST /oauth/request_token failed with 401 (X error 135): The request's timestamp is out of bounds: this machine's clock is off. Sync it (NTP) and try again.",
    );
  });

  it("a server that is not there is a NETWORK_ERROR naming the origin, after its retries, with the cause kept", async () => {
    const port = await closedPort();
    const waits: number[] = [];
    const notices: unknown[] = [];
    const { code, message, error } = await failure(
      startUserAuthorization({
        ...app,
        baseUrl: `http://127.0.0.1:${port}`,
        sleep: async (ms) => {
          waits.push(ms);
        },
        notify: (wait) => notices.push(wait),
      }),
    );
    expect(code).toBe("NETWORK_ERROR");
    expect(message).toBe(
      `POST /oauth/request_token could not reach http://127.0.0.1:${port} (ECONNREFUSED) after 2 retries; check the network and baseUrl.`,
    );
    expect(waits).toEqual([1000, 1000]);
    expect(notices).toMatchObject([
      { reason: "retry", attempt: 1, attempts: 3, failure: "connection refused (ECONNREFUSED)" },
      { reason: "retry", attempt: 2, attempts: 3 },
    ]);
    expect((error as Error).cause).toMatchObject({ name: "TransportFailure", code: "ECONNREFUSED" });
  });
});
