import { describe, expect, it } from "vitest";
import { getApiConnection } from "../src/connection/get-api-connection.js";
import { normalizeConnectionOptions } from "../src/connection/options-schema.js";
import { TwauthError } from "../src/errors/twauth-error.js";

const secret = "s3cr3t-consumer-secret-value";
const credentials = {
  consumerKey: "ck-value",
  consumerSecret: secret,
  accessToken: "at",
  accessTokenSecret: "ats",
};

function invalid(options: unknown): TwauthError {
  try {
    normalizeConnectionOptions(options);
  } catch (error) {
    expect(error).toBeInstanceOf(TwauthError);
    return error as TwauthError;
  }
  throw new Error("expected OPTIONS_INVALID");
}

describe("normalizeConnectionOptions", () => {
  it("fills every default", () => {
    const options = normalizeConnectionOptions({ credentials });
    expect(options).toMatchObject({
      baseUrl: "https://api.x.com",
      waitOnRateLimit: false,
      notify: expect.any(Function),
      maxRateLimitWaitMs: 960_000,
      maxRateLimitWaits: 3,
      retryCount: 3,
      retryDelayMs: 5000,
      retryBackoff: false,
      maxRetryDelayMs: 60_000,
      timeoutMs: 30_000,
      userAgent: "twauth",
    });
    expect([...options.retryErrors]).toEqual([500, 502, 503, 504]);
    expect([...options.retryMethods]).toEqual(["GET", "HEAD", "PUT", "DELETE", "OPTIONS"]);
  });

  it("reads retryDelay and timeout in seconds, fractions and duration strings", () => {
    const options = normalizeConnectionOptions({
      credentials,
      retryDelay: 0.5,
      timeout: "10s",
      maxRateLimitWait: "2m",
      maxRetryDelay: "750ms",
    });
    expect(options).toMatchObject({
      retryDelayMs: 500,
      timeoutMs: 10_000,
      maxRateLimitWaitMs: 120_000,
      maxRetryDelayMs: 750,
    });
  });

  it("accepts the seed tutorial's retryErrors and lower-case retryMethods", () => {
    const options = normalizeConnectionOptions({
      credentials,
      retryErrors: [401, 404, 500, 503],
      retryMethods: ["post"],
    });
    expect([...options.retryErrors]).toEqual([401, 404, 500, 503]);
    expect([...options.retryMethods]).toEqual(["POST"]);
  });

  it("allows http only for loopback hosts and drops a trailing slash", () => {
    expect(normalizeConnectionOptions({ credentials, baseUrl: "http://127.0.0.1:8080/" }).baseUrl).toBe(
      "http://127.0.0.1:8080",
    );
    expect(normalizeConnectionOptions({ credentials, baseUrl: "http://localhost:1" }).baseUrl).toBe(
      "http://localhost:1",
    );
    expect(invalid({ credentials, baseUrl: "http://api.x.com" }).message).toContain(
      "baseUrl: expected an https://",
    );
  });

  it("lists every bad option by name with what was expected, and no value", () => {
    const error = invalid({
      credentials: { ...credentials, accessTokenSecret: 42n },
      retryCount: -1,
      retryDelay: "soon",
      timeout: secret,
      retryErrors: [429],
      retryMethods: ["FETCH"],
      auth: "bearer",
      waitOnRateLimit: "yes",
      retryCont: 3,
    });
    expect(error.code).toBe("OPTIONS_INVALID");
    expect(error.message).toBe(
      [
        "Invalid getApiConnection options:",
        "- credentials.accessTokenSecret: expected a string",
        '- auth: expected one of "user", "app", "oauth2-user"',
        "- waitOnRateLimit: expected true or false",
        "- retryCount: expected a whole number from 0 to 100",
        '- retryDelay: expected a duration: seconds as a number (fractions allowed), or a string such as "500ms" or "5s"',
        "- retryErrors: expected a list of HTTP statuses from 400 to 599, without 429 (waitOnRateLimit handles 429)",
        "- retryMethods: expected a list of HTTP methods (GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS)",
        '- timeout: expected a duration: seconds as a number (0 disables it), or a string such as "10s"',
        "- retryCont: not an option of getApiConnection",
      ].join("\n"),
    );
    expect(error.keys).toEqual([
      "credentials",
      "auth",
      "waitOnRateLimit",
      "retryCount",
      "retryDelay",
      "retryErrors",
      "retryMethods",
      "timeout",
      "retryCont",
    ]);
    expect(JSON.stringify(error)).not.toContain(secret);
  });

  it("asks for credentials or a store, and not both", () => {
    expect(invalid({}).message).toBe(
      "Invalid getApiConnection options:\n- credentials or store: expected one of them (credentials in code, or a SecretStore to load them from)",
    );
    const store = { kind: "memory", source: "memory", load: async () => ({}) };
    expect(invalid({ credentials, store }).message).toContain(
      "credentials and store: expected only one of them",
    );
  });

  it("rejects something that is not an options object", () => {
    expect(invalid(undefined).message).toBe(
      "getApiConnection needs an options object, e.g. { credentials } or { store }.",
    );
  });
});

describe("getApiConnection credentials", () => {
  it("infers the token type from the keys present", async () => {
    const user = await getApiConnection({ credentials });
    const app = await getApiConnection({ credentials: { bearerToken: "bearer-token-value" } });
    const oauth2 = await getApiConnection({ credentials: { oauth2AccessToken: "user-access-token" } });
    expect([user.tokenType, app.tokenType, oauth2.tokenType]).toEqual(["user", "app", "oauth2-user"]);
    for (const api of [user, app, oauth2]) api.close();
  });

  it("uses app-only auth with user keys present when auth says so", async () => {
    const api = await getApiConnection({ credentials, auth: "app" });
    expect(api.tokenType).toBe("app");
    api.close();
  });

  it("accepts the aliases stores use, such as the seed tutorial's names, at run time", async () => {
    const api = await getApiConnection({
      // @ts-expect-error alias names are for stores and resolveCredentials: in code they fail typecheck
      credentials: { CONSUMER_KEY: "ck", CONSUMER_SECRET: "cs", ACCESS_KEY: "at", ACCESS_SECRET: "ats" },
    });
    expect(api.tokenType).toBe("user");
    api.close();
  });

  it("names the missing half of a pair", async () => {
    await expect(
      getApiConnection({ credentials: { consumerKey: "ck", consumerSecret: "cs", accessToken: "at" } }),
    ).rejects.toMatchObject({
      code: "CREDENTIALS_MISSING",
      message:
        "options.credentials: missing access token secret (ACCESS_TOKEN_SECRET). It has consumerKey, consumerSecret, accessToken. Add the missing keys; a half pair is never used as app-only auth.",
    });
  });

  it("names both keys of conflicting aliases", async () => {
    await expect(
      // @ts-expect-error alias names are for stores and resolveCredentials: in code they fail typecheck
      getApiConnection({ credentials: { ...credentials, CONSUMER_KEY: "another-key" } }),
    ).rejects.toMatchObject({
      code: "CREDENTIALS_CONFLICT",
      message:
        "options.credentials: consumerKey and CONSUMER_KEY both set the consumer key (API Key) but differ; keep one of them.",
    });
  });

  it("names the store's source when its record lacks keys", async () => {
    const store = { kind: "memory", source: "memory:bot", load: async () => ({ CONSUMER_KEY: "ck" }) };
    await expect(getApiConnection({ store, profile: "bot" })).rejects.toMatchObject({
      code: "CREDENTIALS_MISSING",
      source: "memory:bot",
      profile: "bot",
    });
  });
});
