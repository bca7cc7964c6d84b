import { defaultApp, defaultUser, type Emulator, startEmulator } from "@twauth/emulator";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { classifyXProblem, xResponseContext } from "../src/errors/x-problem.js";

// X's bodies as they are quoted in /work/shared/X-API-FACTS.md (from X's docs and public issues).
const creditsDepleted = {
  title: "CreditsDepleted",
  detail: "Your enrolled account [1234567890] does not have any credits to fulfill this request.",
  type: "https://api.twitter.com/2/problems/credits",
};
const usageCapped = {
  title: "UsageCapExceeded",
  detail: "Usage cap exceeded: Monthly product cap",
  type: "https://api.twitter.com/2/problems/usage-capped",
  period: "Monthly",
  scope: "Product",
};
const clientNotEnrolled = {
  client_id: "29825133",
  detail:
    "When authenticating requests to the Twitter API v2 endpoints, you must use keys and tokens from a Twitter developer App that is attached to a Project. You can create a project via the developer portal.",
  registration_url: "https://developer.twitter.com/en/docs/projects/overview",
  title: "Client Forbidden",
  required_enrollment: "Appropriate Level of API Access",
  reason: "client-not-enrolled",
  type: "https://api.twitter.com/2/problems/client-forbidden",
};
const unsupportedAuthentication = {
  title: "Unsupported Authentication",
  detail:
    "Authenticating with OAuth 2.0 Application-Only is forbidden for this endpoint.  Supported authentication types are [OAuth 1.0a User Context, OAuth 2.0 User Context].",
  type: "https://api.twitter.com/2/problems/unsupported-authentication",
  status: 403,
};
// X's whole answer to an OAuth 2.0 user token without the scope (twitter-api-v2 #265 and #376).
const bareForbidden = { title: "Forbidden", type: "about:blank", status: 403, detail: "Forbidden" };

const supportHeaders = { "x-transaction-id": "1a2b3c4d5e6f7a8b", "api-version": "2.118" };

describe("classifyXProblem", () => {
  it("turns 402 CreditsDepleted into CREDITS_DEPLETED that says to buy credits and is never retried", () => {
    const problem = classifyXProblem({
      status: 402,
      body: creditsDepleted,
      headers: supportHeaders,
      tokenType: "user",
      endpoint: "GET /2/users/me",
    });
    expect(problem).toEqual({
      code: "CREDITS_DEPLETED",
      message:
        "X refused GET /2/users/me (402 CreditsDepleted): Your enrolled account [1234567890] does not have any credits to fulfill this request. The account has no credits left: buy credits or turn on auto-recharge in the developer console (console.x.com). twauth never retries this.",
      context: {
        status: 402,
        endpoint: "GET /2/users/me",
        problemType: "https://api.twitter.com/2/problems/credits",
        transactionId: "1a2b3c4d5e6f7a8b",
        apiVersion: "2.118",
      },
    });
  });

  it("turns a 429 UsageCapExceeded into USAGE_CAP_EXCEEDED with its period and scope, even with requests remaining", () => {
    const problem = classifyXProblem({
      status: 429,
      body: usageCapped,
      headers: { "x-rate-limit-limit": "900", "x-rate-limit-remaining": "899", "x-transaction-id": "abc123" },
      tokenType: "app",
      endpoint: "GET /2/tweets/search/recent",
    });
    expect(problem).toEqual({
      code: "USAGE_CAP_EXCEEDED",
      message:
        "X's usage cap is reached for GET /2/tweets/search/recent (429 UsageCapExceeded: period Monthly, scope Product): Usage cap exceeded: Monthly product cap. This is not a rate limit: twauth neither waits for the rate-limit reset nor retries. Requests fail until the next monthly period; a higher cap needs another plan (above pay-per-use, X's docs name Enterprise).",
      context: {
        status: 429,
        endpoint: "GET /2/tweets/search/recent",
        problemType: "https://api.twitter.com/2/problems/usage-capped",
        transactionId: "abc123",
        remaining: 899,
      },
    });
  });

  it("leaves an ordinary 429 rate limit to the connection", () => {
    const rateLimited = {
      title: "Too Many Requests",
      detail: "Too Many Requests",
      type: "about:blank",
      status: 429,
    };
    expect(
      classifyXProblem({ status: 429, body: rateLimited, headers: {}, endpoint: "GET /2/users/me" }),
    ).toBeUndefined();
  });

  it("turns 403 client-not-enrolled into CLIENT_NOT_ENROLLED that says to attach the app to a pay-per-use project", () => {
    const problem = classifyXProblem({
      status: 403,
      body: clientNotEnrolled,
      headers: supportHeaders,
      tokenType: "user",
      endpoint: "POST /2/tweets",
    });
    expect(problem?.code).toBe("CLIENT_NOT_ENROLLED");
    expect(problem?.message).toBe(
      "X refused POST /2/tweets (403 Client Forbidden, client-not-enrolled): the keys belong to an app (id 29825133) that is not attached to a project with API access (X requires: Appropriate Level of API Access). In the developer console, attach the app to a project on the pay-per-use package in the Production environment, then use that app's keys.",
    );
    expect(problem?.context).toMatchObject({
      problemType: "https://api.twitter.com/2/problems/client-forbidden",
      transactionId: "1a2b3c4d5e6f7a8b",
    });
  });

  it("turns 403 Unsupported Authentication into AUTH_TYPE_UNSUPPORTED naming the token type used and those needed", () => {
    const problem = classifyXProblem({
      status: 403,
      body: unsupportedAuthentication,
      headers: {},
      tokenType: "app",
      endpoint: "GET /2/users/me",
    });
    expect(problem?.code).toBe("AUTH_TYPE_UNSUPPORTED");
    expect(problem?.message).toBe(
      'GET /2/users/me does not accept OAuth 2.0 Application-Only, which this connection used; it needs one of: OAuth 1.0a User Context, OAuth 2.0 User Context. Add the access token and access token secret (or an OAuth 2.0 user token) to the credentials, or choose auth: "user".',
    );
  });

  it("reads the token type from X's detail when the caller does not know it", () => {
    const problem = classifyXProblem({
      status: 403,
      body: unsupportedAuthentication,
      headers: {},
      endpoint: "GET /2/users/me",
    });
    expect(problem?.message).toMatch(
      /^GET \/2\/users\/me does not accept OAuth 2\.0 Application-Only, which/,
    );
  });

  it("says to sign in with OAuth 2.0 when an endpoint takes only OAuth 2.0 user context", () => {
    const problem = classifyXProblem({
      status: 403,
      body: {
        ...unsupportedAuthentication,
        // X's answer to OAuth 1.0a on the bookmarks endpoints.
        detail:
          "Authenticating with OAuth 1.0a User Context is forbidden for this endpoint.  Supported authentication types are [OAuth 2.0 User Context].",
      },
      headers: {},
      tokenType: "user",
      endpoint: "GET /2/users/:id/bookmarks",
    });
    expect(problem?.code).toBe("AUTH_TYPE_UNSUPPORTED");
    expect(problem?.message).toBe(
      'GET /2/users/:id/bookmarks does not accept OAuth 1.0a User Context, which this connection used; it needs OAuth 2.0 User Context. Sign the user in with OAuth 2.0 (Authorization Code with PKCE) and use that token: auth: "oauth2-user".',
    );
  });

  it("turns X's bare 403 to an OAuth 2.0 user token into SCOPE_MISSING naming the scopes X documents for the endpoint", () => {
    const problem = classifyXProblem({
      status: 403,
      body: bareForbidden,
      headers: supportHeaders,
      tokenType: "oauth2-user",
      endpoint: "POST /2/tweets",
    });
    expect(problem).toEqual({
      code: "SCOPE_MISSING",
      message:
        "X refused POST /2/tweets for this OAuth 2.0 user token (403 Forbidden): the token lacks a scope the endpoint needs; X's API reference lists tweet.read, tweet.write, users.read for it. Sign the user in again asking for those scopes: a refresh keeps the scopes the token was granted.",
      context: {
        status: 403,
        endpoint: "POST /2/tweets",
        problemType: "about:blank",
        transactionId: "1a2b3c4d5e6f7a8b",
        apiVersion: "2.118",
      },
    });
  });

  it("takes the scopes from an RFC 6750 insufficient_scope challenge when the server sends one", () => {
    const problem = classifyXProblem({
      status: 403,
      body: bareForbidden,
      headers: { "www-authenticate": 'Bearer error="insufficient_scope", scope="like.write users.read"' },
      tokenType: "oauth2-user",
      endpoint: "POST /2/users/:id/likes",
    });
    expect(problem?.code).toBe("SCOPE_MISSING");
    expect(problem?.message).toBe(
      "X refused POST /2/users/:id/likes for this OAuth 2.0 user token (403 Forbidden): the token lacks a scope the endpoint needs; X names like.write, users.read for it. Sign the user in again asking for those scopes: a refresh keeps the scopes the token was granted.",
    );
  });

  it("does not call a bare 403 to an OAuth 1.0a token a missing scope", () => {
    expect(
      classifyXProblem({
        status: 403,
        body: bareForbidden,
        headers: {},
        tokenType: "user",
        endpoint: "GET /2/users/me",
      }),
    ).toBeUndefined();
  });

  it("quotes nothing unprintable or overlong from the body", () => {
    const problem = classifyXProblem({
      status: 402,
      body: { ...creditsDepleted, detail: `No credits.\u0000\u202e${"x".repeat(1000)}` },
      headers: { "x-transaction-id": "bad\nvalue" },
      endpoint: "GET /2/users/me",
    });
    expect(problem?.message.includes("\u0000")).toBe(false);
    expect(problem?.message.includes("\u202e")).toBe(false);
    expect(problem?.message.length).toBeLessThan(600);
    expect(problem?.context.transactionId).toBeUndefined();
  });
});

describe("xResponseContext", () => {
  it("carries x-transaction-id and api-version only when sent", () => {
    expect(xResponseContext(supportHeaders)).toEqual({
      transactionId: "1a2b3c4d5e6f7a8b",
      apiVersion: "2.118",
    });
    expect(xResponseContext({})).toEqual({});
  });
});

describe("classifyXProblem on the emulator's answers", () => {
  let emulator: Emulator;
  beforeEach(async () => {
    emulator = await startEmulator();
  });
  afterEach(() => emulator.stop());

  async function classifyAnswer(authorization: string, tokenType: "app" | "oauth2-user") {
    const response = await fetch(`${emulator.url}/2/users/me`, { headers: { authorization } });
    const headers = Object.fromEntries(response.headers.entries());
    const problem = classifyXProblem({
      status: response.status,
      body: await response.json(),
      headers,
      tokenType,
      endpoint: "GET /2/users/me",
    });
    return { problem, headers };
  }

  const asUser = `Bearer ${defaultUser.oauth2AccessToken}`;

  it.each([
    [
      "credits-depleted",
      "CREDITS_DEPLETED",
      /^X refused GET \/2\/users\/me \(402 CreditsDepleted\): Your enrolled account \[29000000\] does not have any credits to fulfill this request\. The account has no credits left: buy credits/,
    ],
    [
      "usage-capped",
      "USAGE_CAP_EXCEEDED",
      /^X's usage cap is reached for GET \/2\/users\/me \(429 UsageCapExceeded: period Monthly, scope Product\): .* This is not a rate limit: twauth neither waits/,
    ],
    [
      "client-not-enrolled",
      "CLIENT_NOT_ENROLLED",
      /^X refused GET \/2\/users\/me \(403 Client Forbidden, client-not-enrolled\): the keys belong to an app \(id 29000000\)/,
    ],
    [
      "scope-missing",
      "SCOPE_MISSING",
      /^X refused GET \/2\/users\/me for this OAuth 2\.0 user token \(403 Forbidden\): the token lacks a scope the endpoint needs; X's API reference lists tweet\.read, users\.read for it\./,
    ],
  ] as const)(
    "recognises the emulator's %s fault as %s, with its transaction id",
    async (fault, code, message) => {
      emulator.inject("GET /2/users/me", [{ problem: fault }]);
      const { problem, headers } = await classifyAnswer(asUser, "oauth2-user");
      expect(problem?.code).toBe(code);
      expect(problem?.message).toMatch(message);
      expect(problem?.context.transactionId).toBe(headers["x-transaction-id"]);
      expect(problem?.context.apiVersion).toBe(headers["api-version"]);
    },
  );

  it("recognises the emulator's real answer to an app-only bearer on /2/users/me as AUTH_TYPE_UNSUPPORTED", async () => {
    const basic = Buffer.from(`${defaultApp.consumerKey}:${defaultApp.consumerSecret}`).toString("base64");
    const token = await fetch(`${emulator.url}/oauth2/token`, {
      method: "POST",
      headers: {
        authorization: `Basic ${basic}`,
        "content-type": "application/x-www-form-urlencoded;charset=UTF-8",
      },
      body: "grant_type=client_credentials",
    });
    const { access_token: bearer } = (await token.json()) as { access_token: string };
    const { problem } = await classifyAnswer(`Bearer ${bearer}`, "app");
    expect(problem?.code).toBe("AUTH_TYPE_UNSUPPORTED");
    expect(problem?.message).toBe(
      'GET /2/users/me does not accept OAuth 2.0 Application-Only, which this connection used; it needs one of: OAuth 1.0a User Context, OAuth 2.0 User Context. Add the access token and access token secret (or an OAuth 2.0 user token) to the credentials, or choose auth: "user".',
    );
  });
});
