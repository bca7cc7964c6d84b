import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { type OAuth2AuthorizeRequest, OAuth2Grants } from "../src/oauth2/oauth2-grants.js";
import { s256Challenge } from "../src/oauth2/pkce.js";

const redirectUri = "http://127.0.0.1:8765/callback";

function setUp(type: "public" | "confidential" = "public") {
  let now = 1_000_000;
  const grants = new OAuth2Grants(() => now, {
    codeTtlMs: 30_000,
    accessTokenTtlMs: 60_000,
    refreshTokenTtlMs: 600_000,
  });
  const client = grants.addClient({ type, redirectUris: [redirectUri] });
  const verifier = randomBytes(32).toString("base64url");
  const request: OAuth2AuthorizeRequest = {
    responseType: "code",
    clientId: client.clientId,
    redirectUri,
    scope: "tweet.read users.read offline.access",
    state: "s1",
    codeChallenge: s256Challenge(verifier),
    codeChallengeMethod: "S256",
  };
  const signIn = (userId = "42") => {
    const code = grants.approve(request, userId);
    if (!code.ok) throw new Error(code.failure.description);
    const tokens = grants.redeemCode(client, { code: code.value, redirectUri, codeVerifier: verifier });
    if (!tokens.ok) throw new Error(tokens.failure.description);
    return tokens.value;
  };
  return { grants, client, verifier, request, signIn, advance: (ms: number) => (now += ms) };
}

describe("the emulator's OAuth 2.0 grants", () => {
  it("issues tokens for a code whose verifier matches the S256 challenge, with the scopes asked for", () => {
    const { grants, signIn } = setUp();
    const tokens = signIn();
    expect(tokens).toMatchObject({
      token_type: "bearer",
      expires_in: 60,
      scope: "tweet.read users.read offline.access",
    });
    expect(tokens.refresh_token).toEqual(expect.any(String));
    expect(grants.accessGrant(tokens.access_token)).toMatchObject({
      userId: "42",
      scopes: ["tweet.read", "users.read", "offline.access"],
    });
  });

  it("refuses a verifier that does not match, and the code is spent by the attempt", () => {
    const { grants, client, request, verifier } = setUp();
    const code = grants.approve(request, "42");
    if (!code.ok) throw new Error("approve failed");
    const wrong = grants.redeemCode(client, { code: code.value, redirectUri, codeVerifier: `${verifier}x` });
    expect(wrong).toMatchObject({ ok: false, failure: { status: 400, error: "invalid_request" } });
    const again = grants.redeemCode(client, { code: code.value, redirectUri, codeVerifier: verifier });
    expect(again).toMatchObject({
      ok: false,
      failure: { description: "Value passed for the authorization code was invalid." },
    });
  });

  it("refuses a code after 30 seconds", () => {
    const { grants, client, request, verifier, advance } = setUp();
    const code = grants.approve(request, "42");
    if (!code.ok) throw new Error("approve failed");
    advance(30_000);
    expect(grants.redeemCode(client, { code: code.value, redirectUri, codeVerifier: verifier }).ok).toBe(
      false,
    );
  });

  it("accepts each refresh token once, counts a reuse, and rotates to a new one", () => {
    const { grants, client, signIn } = setUp();
    const first = signIn();
    const second = grants.redeemRefreshToken(client, first.refresh_token);
    if (!second.ok) throw new Error("refresh failed");
    expect(second.value.refresh_token).not.toBe(first.refresh_token);
    expect(grants.redeemRefreshToken(client, first.refresh_token)).toMatchObject({
      ok: false,
      failure: {
        status: 400,
        error: "invalid_request",
        description: "Value passed for the token was invalid.",
      },
    });
    expect(grants.stats()).toMatchObject({ refreshTokensSpent: 1, spentRefreshTokenReuses: 1 });
  });

  it("expires access tokens after the configured lifetime", () => {
    const { grants, signIn, advance } = setUp();
    const tokens = signIn();
    advance(59_999);
    expect(grants.accessGrant(tokens.access_token)).toBeDefined();
    advance(1);
    expect(grants.accessGrant(tokens.access_token)).toBeUndefined();
  });

  it("gives no refresh token without offline.access", () => {
    const { grants, client, verifier, request } = setUp();
    const code = grants.approve({ ...request, scope: "tweet.read users.read" }, "42");
    if (!code.ok) throw new Error("approve failed");
    const tokens = grants.redeemCode(client, { code: code.value, redirectUri, codeVerifier: verifier });
    expect(tokens.ok && tokens.value.refresh_token).toBe(undefined);
  });

  it("revokes the first grant when the same user signs in to the same client again", () => {
    const { grants, client, signIn } = setUp();
    const first = signIn();
    expect(grants.hasLiveGrant(client.clientId, "42")).toBe(true);
    const second = signIn();
    expect(grants.accessGrant(first.access_token)).toBeUndefined();
    expect(grants.redeemRefreshToken(client, first.refresh_token).ok).toBe(false);
    expect(grants.accessGrant(second.access_token)).toBeDefined();
    expect(grants.stats().grantsRevokedBySecondSignIn).toBe(1);
  });

  it("authenticates confidential clients by Basic only and public clients by client_id only", () => {
    const confidential = setUp("confidential");
    const secret = confidential.client.clientSecret ?? "";
    const id = confidential.client.clientId;
    const none = { basic: undefined, bodyClientId: undefined, bodyClientSecret: undefined };
    expect(
      confidential.grants.authenticateClient({ ...none, basic: { clientId: id, clientSecret: secret } }).ok,
    ).toBe(true);
    expect(confidential.grants.authenticateClient({ ...none, bodyClientId: id }).ok).toBe(false);
    expect(
      confidential.grants.authenticateClient({ ...none, bodyClientId: id, bodyClientSecret: secret }),
    ).toMatchObject({
      ok: false,
      failure: { status: 401, error: "unauthorized_client" },
    });
    const pub = setUp("public");
    expect(pub.grants.authenticateClient({ ...none, bodyClientId: pub.client.clientId }).ok).toBe(true);
  });

  it("refuses an unregistered redirect URI, a plain challenge, an unknown scope and a missing state", () => {
    const { grants, request } = setUp();
    expect(grants.approve({ ...request, redirectUri: "http://127.0.0.1:1/other" }, "42").ok).toBe(false);
    expect(grants.approve({ ...request, codeChallengeMethod: "plain" }, "42").ok).toBe(false);
    expect(grants.approve({ ...request, scope: "tweet.read everything" }, "42")).toMatchObject({
      failure: { error: "invalid_scope" },
    });
    expect(grants.approve({ ...request, state: undefined }, "42").ok).toBe(false);
  });

  it("revokes a whole grant by its refresh token and a single access token by itself", () => {
    const { grants, client, signIn } = setUp();
    const tokens = signIn();
    grants.revoke(client, tokens.access_token);
    expect(grants.accessGrant(tokens.access_token)).toBeUndefined();
    expect(grants.redeemRefreshToken(client, tokens.refresh_token).ok).toBe(true);
  });
});
