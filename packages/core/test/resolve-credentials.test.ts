import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { canonicalCredentialField } from "../src/credentials/credential-fields.js";
import { didYouMean, spellLike, suggestMissingKeyName } from "../src/credentials/key-suggestions.js";
import { resolveCredentials } from "../src/credentials/resolve-credentials.js";
import type { TwauthWarning } from "../src/errors/twauth-warning.js";
import { withKeyLocations } from "../src/store/secret-store.js";

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

  it("rejects an access token without its secret, naming the missing key as the record spells its pair", () => {
    const { code, message } = thrown(() =>
      resolveCredentials(
        { CONSUMER_KEY: "ck", CONSUMER_SECRET: "cs", ACCESS_KEY: secret },
        { source: "/app/.env", profile: "bot2" },
      ),
    );
    expect(code).toBe("CREDENTIALS_MISSING");
    expect(message).toBe(
      '/app/.env (profile "bot2"): missing access token secret (ACCESS_SECRET). It has CONSUMER_KEY, CONSUMER_SECRET, ACCESS_KEY. Add the missing keys; a half pair is never used as app-only auth.',
    );
  });

  it("rejects a secret without its token instead of falling back to app-only", () => {
    const { code, message } = thrown(() =>
      resolveCredentials({ CONSUMER_KEY: "ck", CONSUMER_SECRET: "cs", ACCESS_SECRET: secret }),
    );
    expect(code).toBe("CREDENTIALS_MISSING");
    expect(message).toContain("missing access token (ACCESS_KEY)");
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

describe("resolveCredentials: values that are not text", () => {
  const full = { CONSUMER_KEY: "ck", CONSUMER_SECRET: "cs", ACCESS_TOKEN: "at", ACCESS_TOKEN_SECRET: "ats" };

  it.each([
    ["a NUL character", "abc\u0000def", "a NUL character (U+0000) at position 4"],
    ["a bell (C0 control)", "abc\u0007def", "a control character (U+0007) at position 4"],
    ["an escape (C0 control)", "\u001bdef", "a control character (U+001B) at position 1"],
    ["DEL", "abcdef\u007f", "a DEL character (U+007F) at position 7"],
    ["a C1 control", "ab\u0085cd", "a control character (U+0085) at position 3"],
    ["a zero-width space", "secretvalue\u200Bx", "a zero-width space (U+200B) at position 12"],
    ["a zero-width joiner", "\u200Dab", "a zero-width joiner (U+200D) at position 1"],
    ["a word joiner", "a\u2060b", "a word joiner (U+2060) at position 2"],
    [
      "a byte order mark inside",
      "ab\uFEFFcd",
      "a byte order mark (zero-width no-break space) (U+FEFF) at position 3",
    ],
    ["a right-to-left override", "ab\u202Ecd", "a bidi control (U+202E) at position 3"],
    ["a right-to-left mark", "ab\u200Fcd", "a right-to-left mark (a bidi control) (U+200F) at position 3"],
    ["a left-to-right isolate", "ab\u2066cd", "a bidi control (U+2066) at position 3"],
    ["a soft hyphen", "ab\u00ADcd", "a soft hyphen (U+00AD) at position 3"],
  ])(
    "rejects %s with CREDENTIALS_INVALID, naming the key, the character and its position",
    (_name, value, found) => {
      const { code, message, error } = thrown(() =>
        resolveCredentials({ ...full, CONSUMER_SECRET: `${secret}${value}` }, { source: ".env" }),
      );
      expect(code).toBe("CREDENTIALS_INVALID");
      const position = Number(/position (\d+)/.exec(found)?.[1]) + [...secret].length;
      const shifted = found.replace(/position \d+/, `position ${position}`);
      expect(message).toBe(
        `.env: the value of CONSUMER_SECRET holds ${shifted}, which no consumer secret (API Key Secret) has; type it again or copy it from the developer portal as plain text.`,
      );
      expect((error as { keys?: string[] }).keys).toEqual(["CONSUMER_SECRET"]);
      expect(inspect(error, { depth: 5 })).not.toContain(secret);
      expect(JSON.stringify(error)).not.toContain(secret);
    },
  );

  it.each([
    ["“", "201C"],
    ["”", "201D"],
    ["‘", "2018"],
    ["’", "2019"],
  ])("rejects a typographic quote %s and says to use a plain one", (quote, hex) => {
    const { code, message } = thrown(() =>
      resolveCredentials({ ...full, ACCESS_TOKEN: `${quote}${secret}${quote}` }, { source: ".env" }),
    );
    expect(code).toBe("CREDENTIALS_INVALID");
    expect(message).toBe(
      `.env: the value of ACCESS_TOKEN holds a typographic quote ${quote} (U+${hex}) at position 1, which no access token has; an editor or chat app replaced a plain quote: use " or ' (or none) around the value; type it again or copy it from the developer portal as plain text.`,
    );
  });

  it("names the file and line a store recorded for the key", () => {
    const record = withKeyLocations(
      { ...full, ACCESS_TOKEN_SECRET: `${secret}\u200B` },
      { ACCESS_TOKEN_SECRET: { file: "/srv/bot/.env", line: 4, column: 1 } },
    );
    const { code, message, error } = thrown(() =>
      resolveCredentials(record, { source: "/srv/bot/.env", profile: "default" }),
    );
    expect(code).toBe("CREDENTIALS_INVALID");
    expect(message).toBe(
      `/srv/bot/.env line 4: the value of ACCESS_TOKEN_SECRET holds a zero-width space (U+200B) at position ${secret.length + 1}, which no access token secret has; type it again or copy it from the developer portal as plain text.`,
    );
    expect(error).toMatchObject({ file: "/srv/bot/.env", line: 4, column: 1, keys: ["ACCESS_TOKEN_SECRET"] });
  });

  it("keeps the locations out of the record's keys, JSON and copies", () => {
    const record = withKeyLocations({ CONSUMER_KEY: "ck" }, { CONSUMER_KEY: { file: ".env", line: 1 } });
    expect(Object.keys(record)).toEqual(["CONSUMER_KEY"]);
    expect(JSON.stringify(record)).toBe('{"CONSUMER_KEY":"ck"}');
    expect({ ...record }).toEqual({ CONSUMER_KEY: "ck" });
  });

  it("still trims whitespace around a value with a warning, not an error", () => {
    const warnings: TwauthWarning[] = [];
    const credentials = resolveCredentials(
      { ...full, CONSUMER_KEY: " ck\t\n" },
      { onWarning: (warning) => warnings.push(warning) },
    );
    expect(credentials).toMatchObject({ consumerKey: "ck" });
    expect(warnings.map((warning) => warning.code)).toEqual(["VALUE_TRIMMED"]);
  });
});

describe("resolveCredentials: names it suggests", () => {
  it("says did you mean CONSUMER_SECRET for CONSUMER_SECRT", () => {
    const { code, message } = thrown(() =>
      resolveCredentials({ CONSUMER_KEY: "ck", CONSUMER_SECRT: secret }, { source: ".env" }),
    );
    expect(code).toBe("CREDENTIALS_MISSING");
    expect(message).toBe(
      ".env: missing consumer secret (API Key Secret) (CONSUMER_SECRET). It has CONSUMER_KEY. Add the missing keys; a half pair is never used as app-only auth. CONSUMER_SECRT is not a key twauth reads: did you mean CONSUMER_SECRET?",
    );
    expect(message).not.toContain(secret);
  });

  it("spells the did-you-mean in the key's own style and prefix", () => {
    expect(didYouMean("TWITTER_ACESS_TOKEN")).toEqual({ field: "accessToken", name: "TWITTER_ACCESS_TOKEN" });
    expect(didYouMean("consumer_secrte")).toEqual({ field: "consumerSecret", name: "consumer_secret" });
    expect(didYouMean("accessTokenSecert")).toEqual({
      field: "accessTokenSecret",
      name: "accessTokenSecret",
    });
    expect(didYouMean("DATABASE_URL")).toBeUndefined();
    expect(didYouMean("CONSUMER_KEY")).toBeUndefined();
    expect(didYouMean("KEY")).toBeUndefined();
  });

  it("suggests the missing half in the style the record already uses", () => {
    expect(suggestMissingKeyName("accessTokenSecret", ["CONSUMER_KEY", "ACCESS_KEY"])).toBe("ACCESS_SECRET");
    expect(suggestMissingKeyName("accessTokenSecret", ["ACCESS_TOKEN"])).toBe("ACCESS_TOKEN_SECRET");
    expect(suggestMissingKeyName("consumerSecret", ["TWITTER_API_KEY"])).toBe("TWITTER_API_KEY_SECRET");
    expect(suggestMissingKeyName("consumerSecret", ["consumer_key"])).toBe("consumer_secret");
    expect(suggestMissingKeyName("accessToken", ["x-api-key"])).toBe("x-access-token");
    expect(suggestMissingKeyName("accessToken", ["apiKey"])).toBe("accessToken");
    expect(suggestMissingKeyName("accessToken", ["accessTokenSecret"])).toBe("ACCESS_TOKEN");
    expect(suggestMissingKeyName("accessToken", [])).toBe("ACCESS_TOKEN");
    expect(suggestMissingKeyName("accessToken", ["accessTokenSecret"], { fromFile: true })).toBe(
      "accessToken",
    );
  });

  it("spells words like a model key", () => {
    expect(spellLike("API Key", ["api", "key", "secret"])).toBe("API Key Secret");
    expect(spellLike("ConsumerKey", ["consumer", "secret"])).toBe("ConsumerSecret");
    expect(spellLike("consumer.key", ["consumer", "secret"])).toBe("consumer.secret");
  });
});
