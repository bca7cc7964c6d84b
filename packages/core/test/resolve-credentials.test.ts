import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { canonicalCredentialField } from "../src/credentials/credential-fields.js";
import { resolveCredentials } from "../src/credentials/resolve-credentials.js";
import type { TwauthWarning } from "../src/errors/twauth-warning.js";

const secret = "s3cr3t-value-that-must-not-leak";

function thrown(action: () => unknown): { code: string; message: string; error: unknown } {
  try {
    action();
  } catch (error) {
    const { code, message } = error as { code: string; message: string };
    return { code, message, error };
  }
  throw new Error("expected an error");
}

describe("canonicalCredentialField", () => {
  it.each([
    ["CONSUMER_KEY", "consumerKey"],
    ["API Key", "consumerKey"],
    ["TWITTER_API_KEY", "consumerKey"],
    ["x-api-key", "consumerKey"],
    ["xConsumerKey", "consumerKey"],
    ["API Key Secret", "consumerSecret"],
    ["API_SECRET_KEY", "consumerSecret"],
    ["consumer_secret", "consumerSecret"],
    ["ACCESS_KEY", "accessToken"],
    ["Access Token", "accessToken"],
    ["accessToken", "accessToken"],
    ["ACCESS_SECRET", "accessTokenSecret"],
    ["Access Token Secret", "accessTokenSecret"],
    ["twitter-access-token-secret", "accessTokenSecret"],
    ["Bearer Token", "bearerToken"],
    ["X_BEARER_TOKEN", "bearerToken"],
    ["Client ID", "clientId"],
    ["CLIENT_SECRET", "clientSecret"],
    ["OAUTH2_ACCESS_TOKEN", "oauth2AccessToken"],
    ["refreshToken", "oauth2RefreshToken"],
  ])("matches %s to %s", (key, field) => {
    expect(canonicalCredentialField(key)).toBe(field);
  });

  it("does not match keys that are not credentials", () => {
    expect(canonicalCredentialField("DATABASE_URL")).toBeUndefined();
    expect(canonicalCredentialField("X")).toBeUndefined();
    expect(canonicalCredentialField("TWITTER")).toBeUndefined();
  });
});

describe("resolveCredentials", () => {
  it("reads the seed tutorial's four keys as OAuth 1.0a user context", () => {
    expect(
      resolveCredentials({
        CONSUMER_KEY: "ck",
        CONSUMER_SECRET: "cs",
        ACCESS_KEY: "at",
        ACCESS_SECRET: "ats",
      }),
    ).toEqual({
      type: "user",
      consumerKey: "ck",
      consumerSecret: "cs",
      accessToken: "at",
      accessTokenSecret: "ats",
    });
  });

  it("infers app-only from a consumer key and secret alone, and from a bearer token alone", () => {
    expect(resolveCredentials({ "API Key": "ck", "API Key Secret": "cs" })).toEqual({
      type: "app",
      consumerKey: "ck",
      consumerSecret: "cs",
    });
    expect(resolveCredentials({ BEARER_TOKEN: "AAAA" })).toEqual({ type: "app", bearerToken: "AAAA" });
  });

  it("infers OAuth 2.0 user context from an OAuth 2.0 access token", () => {
    expect(
      resolveCredentials({ OAUTH2_ACCESS_TOKEN: "o2", CLIENT_ID: "cid", OAUTH2_EXPIRES_AT: "1700000000000" }),
    ).toEqual({ type: "oauth2-user", accessToken: "o2", clientId: "cid", expiresAt: 1_700_000_000_000 });
  });

  it("ignores keys that are not credentials", () => {
    expect(resolveCredentials({ BEARER_TOKEN: "AAAA", DATABASE_URL: "postgres://x" })).toEqual({
      type: "app",
      bearerToken: "AAAA",
    });
  });

  it("rejects an access token without its secret, naming the missing key and the source", () => {
    const { code, message } = thrown(() =>
      resolveCredentials(
        { CONSUMER_KEY: "ck", CONSUMER_SECRET: "cs", ACCESS_KEY: secret },
        { source: "/app/.env", profile: "bot2" },
      ),
    );
    expect(code).toBe("CREDENTIALS_MISSING");
    expect(message).toBe(
      '/app/.env (profile "bot2"): missing access token secret (ACCESS_TOKEN_SECRET). It has CONSUMER_KEY, CONSUMER_SECRET, ACCESS_KEY. Add the missing keys; a half pair is never used as app-only auth.',
    );
  });

  it("rejects a secret without its token instead of falling back to app-only", () => {
    const { code, message } = thrown(() =>
      resolveCredentials({ CONSUMER_KEY: "ck", CONSUMER_SECRET: "cs", ACCESS_SECRET: secret }),
    );
    expect(code).toBe("CREDENTIALS_MISSING");
    expect(message).toContain("missing access token (ACCESS_TOKEN)");
  });

  it("rejects an empty record with a message that lists what is expected", () => {
    const { code, message } = thrown(() => resolveCredentials({}, { source: "env" }));
    expect(code).toBe("CREDENTIALS_MISSING");
    expect(message).toMatch(/^env: no X credentials found\. Expected a consumer key and secret/);
  });

  it("rejects two aliases with different values, naming both keys and neither value", () => {
    const { code, message, error } = thrown(() =>
      resolveCredentials({ CONSUMER_KEY: secret, TWITTER_API_KEY: `${secret}2`, CONSUMER_SECRET: "cs" }),
    );
    expect(code).toBe("CREDENTIALS_CONFLICT");
    expect(message).toBe(
      "the given credentials: CONSUMER_KEY and TWITTER_API_KEY both set the consumer key (API Key) but differ; keep one of them.",
    );
    expect(inspect(error)).not.toContain(secret);
    expect(JSON.stringify(error)).not.toContain(secret);
  });

  it("accepts two aliases with the same value", () => {
    expect(resolveCredentials({ CONSUMER_KEY: "ck", API_KEY: "ck", CONSUMER_SECRET: "cs" })).toMatchObject({
      consumerKey: "ck",
    });
  });

  it("trims whitespace pasted around a value and warns naming the key, not the value", () => {
    const warnings: TwauthWarning[] = [];
    const credentials = resolveCredentials(
      { BEARER_TOKEN: `\t${secret}\n` },
      { source: ".env", onWarning: (warning) => warnings.push(warning) },
    );
    expect(credentials).toEqual({ type: "app", bearerToken: secret });
    expect(warnings).toEqual([
      {
        code: "VALUE_TRIMMED",
        message:
          ".env: whitespace around the value of BEARER_TOKEN was removed; fix it in the store so other tools read the same value.",
        source: ".env",
        keys: ["BEARER_TOKEN"],
      },
    ]);
  });

  it("rejects whitespace inside a value without printing it", () => {
    const { code, message } = thrown(() => resolveCredentials({ BEARER_TOKEN: `${secret} ${secret}` }));
    expect(code).toBe("CREDENTIALS_INVALID");
    expect(message).toBe(
      "the given credentials: the value of BEARER_TOKEN contains whitespace inside it; paste the bearer token again from the developer portal.",
    );
  });

  it("honours an explicit auth type over what the keys suggest", () => {
    expect(
      resolveCredentials(
        { CONSUMER_KEY: "ck", CONSUMER_SECRET: "cs", ACCESS_KEY: "at", ACCESS_SECRET: "ats" },
        { auth: "app" },
      ),
    ).toEqual({ type: "app", consumerKey: "ck", consumerSecret: "cs" });
    const { code } = thrown(() =>
      resolveCredentials({ CONSUMER_KEY: "ck", CONSUMER_SECRET: "cs" }, { auth: "user" }),
    );
    expect(code).toBe("CREDENTIALS_MISSING");
  });
});
