import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createOAuth2Authorization } from "../../src/user-auth/oauth2-authorization.js";
import { oauth2ScopePresets } from "../../src/user-auth/oauth2-scopes.js";

const clientId = "emulator-client-id";
const redirectUri = "http://127.0.0.1:8765/callback";

describe("createOAuth2Authorization", () => {
  it("builds X's authorize URL with an S256 challenge of the verifier it returns", () => {
    const auth = createOAuth2Authorization({ clientId, redirectUri, scopes: oauth2ScopePresets.post });
    const url = new URL(auth.url);
    expect(`${url.origin}${url.pathname}`).toBe("https://x.com/i/oauth2/authorize");
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: "code",
      client_id: clientId,
      redirect_uri: redirectUri,
      scope: "tweet.read tweet.write users.read offline.access",
      state: auth.state,
      code_challenge: createHash("sha256").update(auth.codeVerifier).digest("base64url"),
      code_challenge_method: "S256",
    });
    // RFC 7636 §4.1: 43 to 128 unreserved characters.
    expect(auth.codeVerifier).toMatch(/^[A-Za-z0-9\-._~]{43,128}$/);
  });

  it("asks for the read-only preset when no scopes are given, and keeps a given state", () => {
    const auth = createOAuth2Authorization({ clientId, redirectUri, state: "mine" });
    const url = new URL(auth.url);
    expect(url.searchParams.get("scope")).toBe("tweet.read users.read offline.access");
    expect(auth.state).toBe("mine");
  });

  it("makes a fresh verifier and state on every call", () => {
    const first = createOAuth2Authorization({ clientId, redirectUri });
    const second = createOAuth2Authorization({ clientId, redirectUri });
    expect(first.codeVerifier).not.toBe(second.codeVerifier);
    expect(first.state).not.toBe(second.state);
  });

  it("uses the given authorize URL (the emulator's consent page)", () => {
    const auth = createOAuth2Authorization({
      clientId,
      redirectUri,
      authorizeUrl: "http://127.0.0.1:9/i/oauth2/authorize",
    });
    expect(auth.url.startsWith("http://127.0.0.1:9/i/oauth2/authorize?")).toBe(true);
  });

  it("refuses an empty client id, a relative redirect URI and an empty scope list, naming each option", () => {
    expect(() => createOAuth2Authorization({ clientId: " ", redirectUri: "/callback", scopes: [] })).toThrow(
      expect.objectContaining({
        code: "OPTIONS_INVALID",
        message:
          'createOAuth2Authorization: clientId must be the app\'s OAuth 2.0 Client ID; redirectUri must be an absolute URL; scopes must be a non-empty list of X scopes such as "tweet.read".',
        keys: ["clientId", "redirectUri", "scopes"],
      }),
    );
  });
});
