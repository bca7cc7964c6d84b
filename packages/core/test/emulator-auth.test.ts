import { defaultUser } from "@twauth/emulator";
import { describe, expect, it } from "vitest";
import { emulatorApp, emulatorUser, useEmulator } from "./support/emulator.js";

const { start, connect } = useEmulator();

describe("against the emulator: token types and verifyCredentials", () => {
  it("verifies OAuth 1.0a user credentials with GET /2/users/me, signed as the emulator checks", async () => {
    await start();
    const api = await connect();
    expect(await api.verifyCredentials()).toEqual({
      id: defaultUser.id,
      username: defaultUser.username,
      name: defaultUser.name,
      tokenType: "user",
    });
  });

  it("verifies an OAuth 2.0 user access token", async () => {
    await start();
    const api = await connect({ credentials: { oauth2AccessToken: defaultUser.oauth2AccessToken } });
    expect(await api.verifyCredentials()).toMatchObject({ id: defaultUser.id, tokenType: "oauth2-user" });
  });

  it("verifies app-only credentials after one bearer exchange, and says only that it is an app token", async () => {
    const emulator = await start();
    const api = await connect({ credentials: emulatorApp });
    expect(await api.verifyCredentials()).toEqual({ tokenType: "app" });
    await Promise.all(
      Array.from({ length: 5 }, () => api.get("/2/tweets/search/recent", { query: { query: "x" } })),
    );
    expect(emulator.stats.count({ route: "POST /oauth2/token" })).toBe(1);
  });

  it("says a user-context endpoint needs a user token when an app-only connection calls it", async () => {
    await start();
    const api = await connect({ credentials: emulatorApp });
    await expect(api.get("/2/users/me")).rejects.toMatchObject({
      code: "AUTH_TYPE_UNSUPPORTED",
      status: 403,
      message:
        'GET /2/users/me does not accept OAuth 2.0 Application-Only, which this connection used; it needs one of: OAuth 1.0a User Context, OAuth 2.0 User Context. Add the access token and access token secret (or an OAuth 2.0 user token) to the credentials, or choose auth: "user".',
    });
  });

  it("asks v1.1 for X's code when /2/users/me answers a bare 401, and hints at a regenerated token for code 89", async () => {
    const emulator = await start();
    emulator.revokeAccessToken(defaultUser.accessToken);
    const api = await connect();
    await expect(api.verifyCredentials()).rejects.toMatchObject({
      code: "AUTH_FAILED",
      status: 401,
      apiCodes: [89],
      endpoint: "GET /1.1/account/verify_credentials.json",
      message:
        "X rejected the credentials for GET /1.1/account/verify_credentials.json (401, code 89): Invalid or expired token. The token is invalid or expired: it was revoked, or regenerated in the developer portal. Put the current access token and access token secret in the store.",
    });
  });

  it("hints at clock skew when X answers 401 code 135", async () => {
    const now = Date.now();
    await start({ now: () => now });
    const api = await connect({ now: () => now - 3_600_000 });
    await expect(api.verifyCredentials()).rejects.toMatchObject({
      code: "AUTH_FAILED",
      apiCodes: [135],
      message:
        "X rejected the credentials for GET /1.1/account/verify_credentials.json (401, code 135): Timestamp out of bounds. The request's timestamp is out of bounds: this machine's clock is off. Sync it (NTP) and try again.",
    });
  });

  it("hints at clock skew on a bare v2 401 when X's date header is far from this clock", async () => {
    const now = Date.now();
    await start({ now: () => now });
    const api = await connect({ now: () => now + 3_600_000 });
    await expect(api.get("/2/users/me")).rejects.toMatchObject({
      code: "AUTH_FAILED",
      status: 401,
      message:
        "X rejected the credentials for GET /2/users/me (401): Unauthorized. The request's timestamp is out of bounds: this machine's clock is off. Sync it (NTP) and try again.",
    });
  });

  it("hints at a wrong secret when X answers 401 code 32", async () => {
    await start();
    const api = await connect({
      credentials: { ...emulatorUser, accessTokenSecret: "not-the-right-secret" },
    });
    await expect(api.verifyCredentials()).rejects.toMatchObject({
      code: "AUTH_FAILED",
      apiCodes: [32],
      message: expect.stringContaining("the consumer secret or the access token secret is wrong"),
    });
  });

  it("hints to regenerate tokens after enabling write when a read-only token posts", async () => {
    const emulator = await start();
    const token = emulator.issueAccessToken(defaultUser.username, { accessLevel: "read" });
    const api = await connect({
      credentials: {
        ...emulatorUser,
        accessToken: token.accessToken,
        accessTokenSecret: token.accessTokenSecret,
      },
    });
    await expect(api.post("/2/tweets", { json: { text: "hello" } })).rejects.toMatchObject({
      code: "AUTH_FAILED",
      status: 403,
      message: expect.stringContaining("regenerate the access token and secret in the developer portal"),
    });
  });

  it("posts a tweet with a JSON body and a form-encoded, signed v1.1 request", async () => {
    const emulator = await start();
    const api = await connect();
    const created = await api.post<{ data: { id: string; text: string } }>("/2/tweets", {
      json: { text: "hello ☃ & co" },
    });
    expect(created.status).toBe(201);
    expect(created.data.data.text).toBe("hello ☃ & co");
    const v1 = await api.get<{ screen_name: string }>("/1.1/account/verify_credentials.json", {
      query: { include_email: false, skip_status: true },
    });
    expect(v1.data.screen_name).toBe(defaultUser.username);
    expect(emulator.stats.count({ outcome: "ok" })).toBe(2);
  });

  it("invalidates the bearer token as the app owner, and exchanges a new one on the next request", async () => {
    const emulator = await start();
    const api = await connect({ credentials: emulatorUser, auth: "app" });
    await api.get("/2/tweets/search/recent", { query: { query: "x" } });
    await api.invalidateBearer();
    await api.get("/2/tweets/search/recent", { query: { query: "x" } });
    expect(emulator.stats.count({ route: "POST /oauth2/invalidate_token", status: 200 })).toBe(1);
    expect(emulator.stats.count({ route: "POST /oauth2/token" })).toBe(2);
  });
});
