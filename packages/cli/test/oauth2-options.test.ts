import { describe, expect, it } from "vitest";
import { authorizeUrlFor, scopesOption } from "../src/login/oauth2-login.js";
import { parsePastedRedirect, readOAuth2Redirect } from "../src/login/oauth2-redirect.js";

describe("twauth login --oauth2 options", () => {
  it("--scopes takes a preset, least privilege (read) when absent", () => {
    expect(scopesOption(undefined)).toEqual(["tweet.read", "users.read", "offline.access"]);
    expect(scopesOption("dm")).toEqual(["dm.read", "dm.write", "tweet.read", "users.read", "offline.access"]);
  });

  it("--scopes takes a list separated by spaces or commas, and needs what GET /2/users/me needs", () => {
    expect(scopesOption("tweet.read, users.read like.write")).toEqual([
      "tweet.read",
      "users.read",
      "like.write",
    ]);
    expect(() => scopesOption("tweet.read like.write")).toThrow(
      "--scopes must include users.read: twauth login asks GET /2/users/me who signed in, which needs tweet.read and users.read.",
    );
    expect(() => scopesOption("tweet.read users.read <script>")).toThrow(
      '--scopes takes a preset (read, post, dm) or X scopes such as "tweet.read users.read offline.access".',
    );
    expect(() => scopesOption("constructor")).toThrow("--scopes must include tweet.read and users.read");
  });

  it("derives the consent page from a loopback base URL, else X's, unless --authorize-url names one", () => {
    expect(authorizeUrlFor(undefined, undefined)).toBe("https://x.com/i/oauth2/authorize");
    expect(authorizeUrlFor(undefined, "https://api.x.com")).toBe("https://x.com/i/oauth2/authorize");
    expect(authorizeUrlFor(undefined, "http://127.0.0.1:8787")).toBe(
      "http://127.0.0.1:8787/i/oauth2/authorize",
    );
    expect(authorizeUrlFor("https://example.test/consent", "http://127.0.0.1:8787")).toBe(
      "https://example.test/consent",
    );
    expect(() => authorizeUrlFor("ftp://example.test/", undefined)).toThrow(
      '--authorize-url must be an http(s) URL, got "ftp://example.test/".',
    );
  });
});

describe("the OAuth 2.0 redirect", () => {
  const state = "state-of-this-sign-in";

  it("is read only when its state is this sign-in's, even for an error", () => {
    const query = (text: string) => new URLSearchParams(text);
    expect(readOAuth2Redirect(query(`code=abc&state=${state}`), state)).toEqual({
      kind: "approved",
      code: "abc",
    });
    expect(readOAuth2Redirect(query("code=abc&state=other"), state)).toEqual({ kind: "state-mismatch" });
    expect(readOAuth2Redirect(query("error=access_denied"), state)).toEqual({ kind: "state-mismatch" });
    expect(readOAuth2Redirect(query(`error=access_denied&state=${state}`), state)).toEqual({
      kind: "denied",
    });
    expect(readOAuth2Redirect(query(`error=%3Cb%3E&state=${state}`), state)).toEqual({
      kind: "error",
      error: "unknown",
    });
    expect(readOAuth2Redirect(query(`code=a%20b&state=${state}`), state)).toEqual({
      kind: "error",
      error: "missing_code",
    });
  });

  it("is pasted as the whole address, its query, or the code alone; anything else is asked again", () => {
    const url = `http://127.0.0.1:8765/callback?code=abc&state=${state}`;
    expect(parsePastedRedirect(`  ${url}  `, state)).toEqual({ kind: "approved", code: "abc" });
    expect(parsePastedRedirect(`?code=abc&state=${state}`, state)).toEqual({ kind: "approved", code: "abc" });
    expect(parsePastedRedirect("abc", state)).toEqual({ kind: "approved", code: "abc" });
    expect(parsePastedRedirect("http://127.0.0.1:8765/callback", state)).toBeUndefined();
    expect(parsePastedRedirect("", state)).toBeUndefined();
    expect(parsePastedRedirect("not a code", state)).toBeUndefined();
    expect(parsePastedRedirect(`${url}&pad=${"x".repeat(5000)}`, state)).toBeUndefined();
  });
});
