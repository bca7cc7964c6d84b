import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { defaultApp, defaultUser } from "../src/defaults.js";
import type { Emulator } from "../src/start-emulator.js";
import { signedFetch, startTestEmulator, type TestClock } from "./support/emulator-fixture.js";
import { changeOneByte, withHeaderParam } from "./support/oauth1-client.js";

const verifyCredentials = "/1.1/account/verify_credentials.json";
const couldNotAuthenticate = { errors: [{ code: 32, message: "Could not authenticate you." }] };
const invalidToken = { errors: [{ code: 89, message: "Invalid or expired token." }] };
const timestampOutOfBounds = { errors: [{ code: 135, message: "Timestamp out of bounds." }] };
const v2Unauthorized = { title: "Unauthorized", type: "about:blank", status: 401, detail: "Unauthorized" };

let emu: Emulator;
let clock: TestClock;
beforeEach(async () => {
  ({ emu, clock } = await startTestEmulator());
});
afterEach(() => emu.stop());

async function expectRejected(response: Response, status: number, body: unknown): Promise<void> {
  expect({ status: response.status, body: await response.json() }).toEqual({ status, body });
}

describe("OAuth 1.0a verification", () => {
  it("accepts a request signed by an independent client (oauth-1.0a) and answers the v1.1 user", async () => {
    const response = await signedFetch(emu, clock, { path: verifyCredentials });
    expect(response.status).toBe(200);
    expect(response.headers.get("x-access-level")).toBe("read-write");
    const text = await response.text();
    expect(text).toContain(`"id":${defaultUser.id},"id_str":"${defaultUser.id}"`);
    expect(JSON.parse(text)).toMatchObject({ id_str: defaultUser.id, screen_name: defaultUser.username });
  });

  it("accepts signed query parameters and signed form bodies", async () => {
    const query = await signedFetch(emu, clock, {
      path: "/2/tweets/search/recent?query=hello%20world&max_results=10",
    });
    expect(query.status).toBe(200);
    const form = await signedFetch(emu, clock, {
      method: "POST",
      path: "/oauth2/invalidate_token",
      form: { access_token: "not a bearer + with spaces & ampersands" },
    });
    // The signature held (so the body was part of it); the token is simply not this app's bearer.
    expect(form.status).toBe(403);
  });

  it("rejects a signature with one byte changed: 401 code 32", async () => {
    const response = await signedFetch(emu, clock, {
      path: verifyCredentials,
      tamper: (header) => withHeaderParam(header, "oauth_signature", (value) => changeOneByte(value, 3)),
    });
    await expectRejected(response, 401, couldNotAuthenticate);
    expect(response.headers.get("www-authenticate")).toMatch(/^OAuth realm=/);
  });

  it("rejects a timestamp with one byte changed: 401 code 32 inside the window, 135 outside it", async () => {
    const lastDigit = String(clock.seconds()).length - 1;
    await expectRejected(
      await signedFetch(emu, clock, {
        path: verifyCredentials,
        tamper: (header) =>
          withHeaderParam(header, "oauth_timestamp", (value) => changeOneByte(value, lastDigit)),
      }),
      401,
      couldNotAuthenticate,
    );
    await expectRejected(
      await signedFetch(emu, clock, {
        path: verifyCredentials,
        tamper: (header) => withHeaderParam(header, "oauth_timestamp", (value) => changeOneByte(value, 0)),
      }),
      401,
      timestampOutOfBounds,
    );
  });

  it("rejects a nonce with one byte changed: 401 code 32", async () => {
    await expectRejected(
      await signedFetch(emu, clock, {
        path: verifyCredentials,
        tamper: (header) => withHeaderParam(header, "oauth_nonce", (value) => changeOneByte(value, 0)),
      }),
      401,
      couldNotAuthenticate,
    );
  });

  it("rejects a consumer key with one byte changed: 401 code 32", async () => {
    await expectRejected(
      await signedFetch(emu, clock, {
        path: verifyCredentials,
        tamper: (header) => withHeaderParam(header, "oauth_consumer_key", (value) => changeOneByte(value, 0)),
      }),
      401,
      couldNotAuthenticate,
    );
  });

  it("rejects an access token with one byte changed: 401 code 89", async () => {
    await expectRejected(
      await signedFetch(emu, clock, {
        path: verifyCredentials,
        tamper: (header) => withHeaderParam(header, "oauth_token", (value) => changeOneByte(value, 0)),
      }),
      401,
      invalidToken,
    );
  });

  it("rejects a request signed with a wrong consumer secret or token secret: 401 code 32", async () => {
    await expectRejected(
      await signedFetch(emu, clock, {
        path: verifyCredentials,
        consumerSecret: changeOneByte(defaultApp.consumerSecret),
      }),
      401,
      couldNotAuthenticate,
    );
    await expectRejected(
      await signedFetch(emu, clock, {
        path: verifyCredentials,
        tokenSecret: changeOneByte(defaultUser.accessTokenSecret),
      }),
      401,
      couldNotAuthenticate,
    );
  });

  it("rejects a replayed nonce with the same timestamp, and accepts it again at another timestamp", async () => {
    const nonce = "replayed-nonce-0001";
    expect((await signedFetch(emu, clock, { path: verifyCredentials, nonce })).status).toBe(200);
    await expectRejected(
      await signedFetch(emu, clock, { path: verifyCredentials, nonce }),
      401,
      couldNotAuthenticate,
    );
    clock.advance(1000);
    expect((await signedFetch(emu, clock, { path: verifyCredentials, nonce })).status).toBe(200);
  });

  it("rejects a stale or future timestamp with 135 and accepts one at the edge of the 300 s tolerance", async () => {
    const now = clock.seconds();
    await expectRejected(
      await signedFetch(emu, clock, { path: verifyCredentials, timestamp: now - 301 }),
      401,
      timestampOutOfBounds,
    );
    await expectRejected(
      await signedFetch(emu, clock, { path: verifyCredentials, timestamp: now + 301 }),
      401,
      timestampOutOfBounds,
    );
    expect((await signedFetch(emu, clock, { path: verifyCredentials, timestamp: now - 300 })).status).toBe(
      200,
    );
  });

  it("honours a custom timestamp tolerance", async () => {
    await emu.stop();
    ({ emu, clock } = await startTestEmulator({ timestampToleranceSeconds: 5 }));
    await expectRejected(
      await signedFetch(emu, clock, { path: verifyCredentials, timestamp: clock.seconds() - 6 }),
      401,
      timestampOutOfBounds,
    );
  });

  it("rejects a revoked token with 89 and accepts the rotated one", async () => {
    const rotated = emu.rotateAccessToken(defaultUser.accessToken);
    await expectRejected(await signedFetch(emu, clock, { path: verifyCredentials }), 401, invalidToken);
    const response = await signedFetch(emu, clock, {
      path: verifyCredentials,
      token: rotated.accessToken,
      tokenSecret: rotated.accessTokenSecret,
    });
    expect(response.status).toBe(200);
  });

  it("rejects the old consumer secret after rotation and accepts the new one", async () => {
    const consumerSecret = emu.rotateConsumerSecret(defaultApp.consumerKey);
    await expectRejected(
      await signedFetch(emu, clock, { path: verifyCredentials }),
      401,
      couldNotAuthenticate,
    );
    expect((await signedFetch(emu, clock, { path: verifyCredentials, consumerSecret })).status).toBe(200);
  });

  it("rejects a token used with another app's consumer key: 401 code 89", async () => {
    const other = emu.addApp({ name: "other app" });
    await expectRejected(
      await signedFetch(emu, clock, {
        path: verifyCredentials,
        consumerKey: other.consumerKey,
        consumerSecret: other.consumerSecret,
      }),
      401,
      invalidToken,
    );
  });

  it("answers a v1.1 request without credentials 400 code 215", async () => {
    const response = await fetch(`${emu.url}${verifyCredentials}`);
    await expectRejected(response, 400, { errors: [{ code: 215, message: "Bad Authentication data." }] });
  });

  it("answers every OAuth failure on a v2 route with X's bare Unauthorized problem", async () => {
    const stale = await signedFetch(emu, clock, { path: "/2/users/me", timestamp: clock.seconds() - 1000 });
    expect(stale.headers.get("content-type")).toBe("application/problem+json");
    await expectRejected(stale, 401, v2Unauthorized);
    await expectRejected(await fetch(`${emu.url}/2/users/me`), 401, v2Unauthorized);
    await expectRejected(
      await signedFetch(emu, clock, {
        path: "/2/users/me",
        tamper: (header) => withHeaderParam(header, "oauth_signature", (value) => changeOneByte(value, 0)),
      }),
      401,
      v2Unauthorized,
    );
  });

  it("answers GET /2/users/me for the OAuth 1.0a user with a date header from the emulator's clock", async () => {
    const response = await signedFetch(emu, clock, { path: "/2/users/me" });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      data: { id: defaultUser.id, name: defaultUser.name, username: defaultUser.username },
    });
    expect(response.headers.get("date")).toBe(new Date(clock.now()).toUTCString());
    expect(response.headers.get("x-access-level")).toBeNull();
  });
});
