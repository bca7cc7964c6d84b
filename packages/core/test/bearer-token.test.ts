import { describe, expect, it } from "vitest";
import { createMemoryRateLimitState } from "../src/rate-limit/rate-limit-state.js";
import { userCredentials, useTestServer } from "./support/connect.js";
import { json } from "./support/test-server.js";

const { server, connect } = useTestServer();
const app = { consumerKey: "consumer-key-0123456789", consumerSecret: "consumer-secret-0123456789" };
const basic = `Basic ${Buffer.from(`${app.consumerKey}:${app.consumerSecret}`).toString("base64")}`;

/** A token endpoint that hands out `bearer-1`, `bearer-2`, ... and an API that accepts only the latest. */
function tokenServer() {
  let issued = 0;
  const exchanges: { authorization: string | undefined; contentType: string | undefined; body: string }[] =
    [];
  const invalidations: { authorization: string | undefined; body: string; url: string }[] = [];
  server().handle((request, response) => {
    if (request.url === "/oauth2/token") {
      exchanges.push({
        authorization: request.headers.authorization,
        contentType: request.headers["content-type"],
        body: request.body,
      });
      issued++;
      setTimeout(() => json(response, 200, { token_type: "bearer", access_token: `bearer-${issued}` }), 5);
      return;
    }
    if (request.url.startsWith("/oauth2/invalidate_token")) {
      invalidations.push({
        authorization: request.headers.authorization,
        body: request.body,
        url: request.url,
      });
      json(response, 200, { access_token: `bearer-${issued}` });
      return;
    }
    if (request.headers.authorization === `Bearer bearer-${issued}`) json(response, 200, { data: [] });
    else
      json(response, 401, {
        title: "Unauthorized",
        type: "about:blank",
        status: 401,
        detail: "Unauthorized",
      });
  });
  return { exchanges, invalidations, revoke: () => issued++ };
}

describe("app-only bearer token", () => {
  it("exchanges the consumer key and secret once, however many requests start at once", async () => {
    const { exchanges } = tokenServer();
    const api = await connect({ credentials: app });
    expect(api.tokenType).toBe("app");
    const responses = await Promise.all(Array.from({ length: 10 }, () => api.get("/2/tweets/search/recent")));
    expect(responses.every((response) => response.status === 200)).toBe(true);
    expect(exchanges).toEqual([
      {
        authorization: basic,
        contentType: "application/x-www-form-urlencoded;charset=UTF-8",
        body: "grant_type=client_credentials",
      },
    ]);
  });

  it("shares the token between connections that share a RateLimitState", async () => {
    const { exchanges } = tokenServer();
    const rateLimitState = createMemoryRateLimitState();
    const first = await connect({ credentials: app, rateLimitState });
    const second = await connect({ credentials: app, rateLimitState });
    await first.get("/2/tweets/search/recent");
    await second.get("/2/tweets/search/recent");
    expect(exchanges).toHaveLength(1);
  });

  it("exchanges again once after a 401, when the cached token was invalidated elsewhere", async () => {
    const { exchanges, revoke } = tokenServer();
    const api = await connect({ credentials: app });
    await api.get("/2/tweets/search/recent");
    revoke();
    expect((await api.get("/2/tweets/search/recent")).status).toBe(200);
    expect(exchanges).toHaveLength(2);
  });

  it("sends a given bearer token as is and never exchanges", async () => {
    const { exchanges } = tokenServer();
    const api = await connect({ credentials: { bearerToken: "bearer-stale" } });
    await expect(api.get("/2/tweets/search/recent")).rejects.toMatchObject({
      code: "AUTH_FAILED",
      status: 401,
    });
    expect(exchanges).toHaveLength(0);
  });

  it("refuses a token endpoint answer whose token_type is not bearer", async () => {
    server().handle((request, response) =>
      request.url === "/oauth2/token"
        ? json(response, 200, { token_type: "mac", access_token: "x" })
        : json(response, 200, {}),
    );
    const api = await connect({ credentials: app });
    await expect(api.get("/2/tweets/search/recent")).rejects.toMatchObject({
      code: "AUTH_FAILED",
      message: 'POST /oauth2/token did not answer with a bearer token (token_type "mac"); check baseUrl.',
    });
  });

  it("turns X's 403 code 99 at the token endpoint into AUTH_FAILED about the consumer key and secret", async () => {
    server().handle((_, response) =>
      json(response, 403, {
        errors: [
          { code: 99, label: "authenticity_token_error", message: "Unable to verify your credentials" },
        ],
      }),
    );
    const api = await connect({ credentials: app });
    await expect(api.get("/2/tweets/search/recent")).rejects.toMatchObject({
      code: "AUTH_FAILED",
      status: 403,
      apiCodes: [99],
      message:
        "X refused to exchange the consumer key and secret for a bearer token (POST /oauth2/token answered 403, code 99). Check the consumer key and consumer secret; if they are right, X may be limiting how often the app asks (code 99): share one connection, or one bearerTokenCache.",
    });
  });

  it("invalidateBearer revokes the token, signed as the app owner, and the next request exchanges a new one", async () => {
    const { exchanges, invalidations } = tokenServer();
    const api = await connect({ credentials: { ...userCredentials, ...app }, auth: "app" });
    await api.get("/2/tweets/search/recent");
    await api.invalidateBearer();
    expect(invalidations).toHaveLength(1);
    expect(invalidations[0]!.authorization).toMatch(
      /^OAuth oauth_consumer_key="consumer-key-0123456789".*oauth_token="1234-access-token-0123456789"/,
    );
    expect(invalidations[0]!.body).toBe("access_token=bearer-1");
    await api.get("/2/tweets/search/recent");
    expect(exchanges).toHaveLength(2);
  });

  it("invalidateBearer needs the consumer key and secret", async () => {
    const api = await connect({ credentials: { bearerToken: "bearer-0" } });
    await expect(api.invalidateBearer()).rejects.toMatchObject({
      code: "CREDENTIALS_MISSING",
      message:
        'invalidateBearer needs app-only credentials with the consumer key and secret and the app owner\'s access token and secret (X signs POST /oauth2/invalidate_token with OAuth 1.0a user context); this connection holds no access token. Pass all four keys with auth: "app".',
    });
  });

  it("verifyCredentials proves an app-only token with one cheap app-only call", async () => {
    tokenServer();
    const api = await connect({ credentials: app });
    const start = server().received.length;
    expect(await api.verifyCredentials()).toEqual({ tokenType: "app" });
    expect(
      server()
        .received.slice(start)
        .map((request) => request.url),
    ).toEqual([
      "/oauth2/token",
      "/2/tweets/search/recent?query=from%3AXDevelopers%20-is%3Aretweet&max_results=10",
    ]);
  });
});
