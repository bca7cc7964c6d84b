import { describe, expect, it } from "vitest";
import { useTestServer } from "./support/connect.js";
import { json } from "./support/test-server.js";

const { server, connect } = useTestServer();

function answer(status: number, body: unknown, headers: Record<string, string> = {}) {
  server().handle((_, response) => json(response, status, body, headers));
}

describe("errors from X's answers", () => {
  it("turns 401 code 135 into AUTH_FAILED with a clock-skew hint", async () => {
    answer(401, { errors: [{ code: 135, message: "Timestamp out of bounds." }] });
    const api = await connect();
    await expect(api.get("/2/users/me")).rejects.toMatchObject({
      code: "AUTH_FAILED",
      status: 401,
      apiCodes: [135],
      endpoint: "GET /2/users/me",
      message:
        "X rejected the credentials for GET /2/users/me (401, code 135): Timestamp out of bounds. The request's timestamp is out of bounds: this machine's clock is off. Sync it (NTP) and try again.",
    });
  });

  it("turns 401 code 89 into AUTH_FAILED with a regenerated-token hint", async () => {
    answer(401, { errors: [{ code: 89, message: "Invalid or expired token." }] });
    const api = await connect();
    await expect(api.get("/2/users/me")).rejects.toMatchObject({
      code: "AUTH_FAILED",
      apiCodes: [89],
      message:
        "X rejected the credentials for GET /2/users/me (401, code 89): Invalid or expired token. The token is invalid or expired: it was revoked, or regenerated in the developer portal. Put the current access token and access token secret in the store.",
    });
  });

  it("turns 401 code 32 into AUTH_FAILED with a wrong-secret hint", async () => {
    answer(401, { errors: [{ code: 32, message: "Could not authenticate you." }] });
    const api = await connect();
    await expect(api.get("/2/users/me")).rejects.toMatchObject({
      code: "AUTH_FAILED",
      apiCodes: [32],
      message:
        "X rejected the credentials for GET /2/users/me (401, code 32): Could not authenticate you. X could not verify the signature: the consumer secret or the access token secret is wrong, or they belong to different apps. Copy them again from the developer portal.",
    });
  });

  it("says that an endpoint needs a user token when an app-only connection gets X's 403", async () => {
    answer(403, {
      title: "Unsupported Authentication",
      detail:
        "Authenticating with OAuth 2.0 Application-Only is forbidden for this endpoint.  Supported authentication types are [OAuth 1.0a User Context, OAuth 2.0 User Context].",
      type: "https://api.twitter.com/2/problems/unsupported-authentication",
      status: 403,
    });
    const api = await connect({ credentials: { bearerToken: "AAAA-bearer-token-value" } });
    await expect(api.get("/2/users/me")).rejects.toMatchObject({
      code: "AUTH_TYPE_UNSUPPORTED",
      status: 403,
      problemType: "https://api.twitter.com/2/problems/unsupported-authentication",
      message:
        'GET /2/users/me does not accept OAuth 2.0 Application-Only, which this connection used; it needs one of: OAuth 1.0a User Context, OAuth 2.0 User Context. Add the access token and access token secret (or an OAuth 2.0 user token) to the credentials, or choose auth: "user".',
    });
  });

  it("hints to regenerate tokens after enabling write when X names the app permissions", async () => {
    answer(403, {
      errors: [
        {
          message:
            "Your client app is not configured with the appropriate oauth1 app permissions for this endpoint.",
        },
      ],
      title: "Forbidden",
      detail: "Forbidden",
      type: "about:blank",
      status: 403,
    });
    const api = await connect();
    await expect(api.post("/2/tweets", { json: { text: "hi" } })).rejects.toMatchObject({
      code: "AUTH_FAILED",
      status: 403,
      message:
        'X refused POST /2/tweets for this token (403): Your client app is not configured with the appropriate oauth1 app permissions for this endpoint. If the app\'s permissions were changed (e.g. to "Read and write"), regenerate the access token and secret in the developer portal: tokens keep the permissions they were made with.',
    });
  });

  it("turns other statuses into API_ERROR with X's codes, problem type and the endpoint", async () => {
    answer(404, {
      errors: [{ code: 144, message: "No status found with that ID." }],
    });
    const api = await connect();
    await expect(api.get("/1.1/statuses/show/123.json")).rejects.toMatchObject({
      code: "API_ERROR",
      status: 404,
      apiCodes: [144],
      endpoint: "GET /1.1/statuses/show/:id.json",
      message: "X answered 404 to GET /1.1/statuses/show/:id.json, code 144: No status found with that ID.",
    });
  });

  it("throws RATE_LIMITED with resetAt, limit and remaining on a 429 when not waiting", async () => {
    const now = Date.UTC(2025, 0, 1, 12, 0, 0);
    answer(
      429,
      { title: "Too Many Requests", detail: "Too Many Requests", type: "about:blank", status: 429 },
      {
        "x-rate-limit-limit": "75",
        "x-rate-limit-remaining": "0",
        "x-rate-limit-reset": String(now / 1000 + 898),
      },
    );
    const api = await connect({ now: () => now });
    await expect(api.get("/2/users/me")).rejects.toMatchObject({
      code: "RATE_LIMITED",
      status: 429,
      resetAt: now + 898_000,
      limit: 75,
      remaining: 0,
      problemType: "about:blank",
      message:
        "GET /2/users/me is rate limited (limit 75 per window): Too Many Requests; it resets at 2025-01-01T12:14:58.000Z (in 14m 58s). Pass waitOnRateLimit: true to wait instead.",
    });
  });

  it("never quotes a secret that a server echoes back in an error", async () => {
    server().handle((request, response) =>
      json(response, 400, { errors: [{ message: `bad header ${request.headers.authorization}` }] }),
    );
    const api = await connect();
    const error = (await api.get("/2/users/me").catch((reason: unknown) => reason)) as Error;
    expect(error.message).toBe("X answered 400 to GET /2/users/me: bad header [redacted authorization]");
    expect(error.message).not.toContain("consumer-key-0123456789");
    expect(error.message).not.toContain("1234-access-token-0123456789");
  });
});
