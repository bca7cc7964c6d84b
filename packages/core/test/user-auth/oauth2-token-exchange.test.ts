import { describe, expect, it } from "vitest";
import { oauth2FormRequest, parseOAuth2TokenAnswer } from "../../src/user-auth/oauth2-token-exchange.js";

const endpoint = "POST /2/oauth2/token";
const now = 1_700_000_000_000;

describe("oauth2FormRequest", () => {
  it("sends a confidential client's id and secret as HTTP Basic, each form-encoded first, and not in the body", () => {
    const request = oauth2FormRequest(
      { clientId: "id:1", clientSecret: "s e/cret" },
      { grant_type: "refresh_token", refresh_token: "r" },
    );
    expect(request.body).toBe("grant_type=refresh_token&refresh_token=r");
    expect(Buffer.from((request.headers.authorization ?? "").slice(6), "base64").toString()).toBe(
      "id%3A1:s+e%2Fcret",
    );
  });

  it("sends a public client's client_id in the body and no Authorization header", () => {
    const request = oauth2FormRequest(
      { clientId: "pub" },
      { grant_type: "refresh_token", refresh_token: "r" },
    );
    expect(request.body).toBe("grant_type=refresh_token&refresh_token=r&client_id=pub");
    expect(request.headers.authorization).toBeUndefined();
  });
});

describe("parseOAuth2TokenAnswer", () => {
  const context = { endpoint, grant: "refresh_token" as const, now };

  it("reads the tokens, the expiry from expires_in and the granted scopes", () => {
    const tokens = parseOAuth2TokenAnswer(
      {
        status: 200,
        body: {
          token_type: "bearer",
          access_token: "a",
          refresh_token: "r",
          expires_in: 7200,
          scope: "tweet.read users.read",
        },
      },
      context,
    );
    expect(tokens).toEqual({
      accessToken: "a",
      refreshToken: "r",
      expiresAt: now + 7_200_000,
      scopes: ["tweet.read", "users.read"],
    });
  });

  it("calls X's 400 invalid_request for a spent refresh token REFRESH_TOKEN_INVALID: sign in again", () => {
    expect(() =>
      parseOAuth2TokenAnswer(
        {
          status: 400,
          body: { error: "invalid_request", error_description: "Value passed for the token was invalid." },
        },
        context,
      ),
    ).toThrow(
      expect.objectContaining({
        code: "REFRESH_TOKEN_INVALID",
        message:
          "POST /2/oauth2/token refused the refresh token (400 invalid_request): it was already used, revoked, or expired. Sign the user in again (twauth login --oauth2).",
      }),
    );
  });

  it("calls a refused client AUTH_FAILED with what to check", () => {
    expect(() =>
      parseOAuth2TokenAnswer({ status: 401, body: { error: "unauthorized_client" } }, context),
    ).toThrow(
      expect.objectContaining({
        code: "AUTH_FAILED",
        message:
          "POST /2/oauth2/token refused the refresh (401 unauthorized_client): check the client id and, for a confidential client (Web App, Automated App or bot), the client secret.",
      }),
    );
  });

  it("calls a success without an access token or expiry RESPONSE_INVALID, naming the fields and no value", () => {
    expect(() =>
      parseOAuth2TokenAnswer({ status: 200, body: { refresh_token: "secret-r" } }, context),
    ).toThrow(
      expect.objectContaining({
        code: "RESPONSE_INVALID",
        message: "POST /2/oauth2/token answered without a valid access_token and expires_in.",
      }),
    );
  });
});
