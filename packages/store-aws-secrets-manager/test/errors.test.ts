import { createServer } from "node:net";
import { inspect } from "node:util";
import type { SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { expectNoSecret } from "@twauth/store-testkit";
import { describe, expect, it } from "vitest";
import { awsSecretsManagerStore } from "../src/index.js";
import {
  botSecret,
  noDelayRetries,
  rejection,
  startStoreFixture,
} from "./support/secrets-manager-fixture.js";

const secretValues = Object.values(botSecret);
const where = 'AWS Secrets Manager secret "prod/x-bot" (us-east-1)';

describe("a secret that is not one JSON object of strings", () => {
  const cases: [string, string, string][] = [
    ["a plain string", "ck-prod-Zx81Lq0Pw", `${where} holds a plain string, not JSON`],
    [
      "invalid JSON",
      '{\n  "CONSUMER_KEY": "ck-prod-Zx81Lq0Pw",\n  oops\n}',
      `${where} is not valid JSON at line 3, column 3`,
    ],
    ["a JSON array", '["ck-prod-Zx81Lq0Pw"]', `${where} holds JSON an array`],
    ["a JSON string", '"ck-prod-Zx81Lq0Pw"', `${where} holds JSON a string`],
    ["JSON null", "null", `${where} holds JSON null`],
  ];
  for (const [title, text, start] of cases) {
    it(`rejects ${title} with STORE_UNREADABLE naming the secret, never its content`, async () => {
      await using fixture = await startStoreFixture({ "prod/x-bot": text });
      const error = await rejection(fixture.store().load());
      expect(error).toMatchObject({
        code: "STORE_UNREADABLE",
        source: "prod/x-bot (us-east-1)",
        profile: "default",
      });
      expect(error.message).toBe(
        `${start}; twauth expects one JSON object of key names to strings, e.g. {"CONSUMER_KEY":"…","CONSUMER_SECRET":"…"} (the console's key/value editor writes that).`,
      );
      expect(error.cause).toBeUndefined();
      expectNoSecret(error, ["ck-prod-Zx81Lq0Pw", "oops"]);
    });
  }

  it("names the keys whose values are not strings, never the values", async () => {
    await using fixture = await startStoreFixture({
      "prod/x-bot": {
        ...botSecret,
        ACCESS_TOKEN: 12345678,
        nested: { ACCESS_TOKEN_SECRET: "as-nested-Xy9" },
      },
    });
    const error = await rejection(fixture.store().load());
    expect(error).toMatchObject({ code: "STORE_UNREADABLE", keys: ["ACCESS_TOKEN", "nested"] });
    expect(error.message).toBe(
      `${where}: the value of ACCESS_TOKEN, nested is not a string; twauth expects one JSON object of key names to strings, e.g. {"CONSUMER_KEY":"…","CONSUMER_SECRET":"…"} (the console's key/value editor writes that).`,
    );
    expectNoSecret(error, [...secretValues, "12345678", "as-nested-Xy9"]);
  });

  it("rejects a binary secret (SecretBinary) with STORE_UNREADABLE", async () => {
    const client = {
      send: async () => ({ SecretBinary: new Uint8Array([1, 2, 3]) }),
      config: { region: async () => "eu-west-1" },
    } as unknown as SecretsManagerClient;
    const error = await rejection(awsSecretsManagerStore({ secretId: "prod/x-bot", client }).load());
    expect(error).toMatchObject({ code: "STORE_UNREADABLE" });
    expect(error.message).toBe(
      'AWS Secrets Manager secret "prod/x-bot" (eu-west-1) holds a binary secret (SecretBinary); twauth reads a SecretString holding one JSON object of key names to strings.',
    );
  });
});

describe("AWS errors, each with its own code and a message naming the secret id and region", () => {
  it("answers STORE_NOT_FOUND for ResourceNotFoundException, without a cause", async () => {
    await using fixture = await startStoreFixture({});
    const error = await rejection(fixture.store().load());
    expect(error).toMatchObject({ code: "STORE_NOT_FOUND", source: "prod/x-bot (us-east-1)", status: 400 });
    expect(error.message).toBe(
      `${where} does not exist (ResourceNotFoundException from GetSecretValue); check the secret id and region, or create the secret.`,
    );
    expect(error.cause).toBeUndefined();
  });

  it("answers STORE_UNREADABLE for AccessDeniedException, naming the IAM action and the secret's ARN", async () => {
    await using fixture = await startStoreFixture({ "prod/x-bot": botSecret });
    fixture.sm.denyAccess({ secretId: "prod/x-bot", action: "GetSecretValue" });
    const error = await rejection(fixture.store().load());
    const arn = fixture.sm.secret("prod/x-bot")!.arn;
    expect(error).toMatchObject({ code: "STORE_UNREADABLE", status: 400 });
    expect(error.message).toBe(
      `${where}: access denied (AccessDeniedException from GetSecretValue); check the IAM policy allows secretsmanager:GetSecretValue on ${arn}.`,
    );
    expect(error.cause).toMatchObject({ name: "AccessDeniedException", code: "AccessDeniedException" });
  });

  it("answers RATE_LIMITED for ThrottlingException, with advice to cache and retry", async () => {
    await using fixture = await startStoreFixture({ "prod/x-bot": botSecret });
    fixture.sm.inject([{ error: "ThrottlingException" }]);
    const error = await rejection(fixture.store().load());
    expect(error).toMatchObject({ code: "RATE_LIMITED", status: 400 });
    expect(error.message).toBe(
      `${where}: Secrets Manager throttled GetSecretValue (ThrottlingException); keep the store's cache on (maxAge) and share one store between connections so they share one call, or raise the SDK's maxAttempts to retry with backoff.`,
    );
  });

  it("lets the SDK retry a throttled call when maxAttempts allows, and then succeeds", async () => {
    await using fixture = await startStoreFixture({ "prod/x-bot": botSecret });
    fixture.sm.inject([{ error: "ThrottlingException" }]);
    const store = fixture.store({
      clientConfig: { ...fixture.sm.clientConfig, retryStrategy: noDelayRetries(2) },
    });
    expect(await store.load()).toEqual(botSecret);
    expect(fixture.sm.stats.calls.map((call) => call.errorType)).toEqual(["ThrottlingException", null]);
  });

  it("answers NETWORK_ERROR when nothing listens at the endpoint", async () => {
    const port = await closedPort();
    const store = awsSecretsManagerStore({
      secretId: "prod/x-bot",
      clientConfig: {
        region: "us-east-1",
        endpoint: `http://127.0.0.1:${port}`,
        credentials: { accessKeyId: "AKIAEXAMPLE", secretAccessKey: "not-used" },
        maxAttempts: 1,
      },
    });
    const error = await rejection(store.load());
    expect(error).toMatchObject({ code: "NETWORK_ERROR" });
    expect(error.message).toBe(
      `${where}: GetSecretValue could not reach Secrets Manager (ECONNREFUSED); check the network, a VPC endpoint or proxy, and the endpoint option if one is set.`,
    );
  });

  it("answers NETWORK_ERROR for a reset connection and for the service's 5xx", async () => {
    await using fixture = await startStoreFixture({ "prod/x-bot": botSecret });
    const store = fixture.store();
    fixture.sm.inject([{ resetSocket: true }]);
    expect(await rejection(store.load())).toMatchObject({ code: "NETWORK_ERROR" });
    fixture.sm.inject([{ error: "InternalServiceError" }]);
    const error = await rejection(store.load());
    expect(error).toMatchObject({ code: "NETWORK_ERROR", status: 500 });
    expect(error.message).toBe(
      `${where}: Secrets Manager failed to answer GetSecretValue (InternalServiceError, HTTP 500); try again later.`,
    );
  });

  it("answers STORE_UNREADABLE when AWS rejects the signature (a wrong secret access key)", async () => {
    await using fixture = await startStoreFixture({ "prod/x-bot": botSecret });
    const { credentials } = fixture.sm.clientConfig;
    const wrongKey = "WrongSecretAccessKeyWrongSecretAccessKey";
    const store = fixture.store({
      clientConfig: {
        ...fixture.sm.clientConfig,
        credentials: { ...credentials, secretAccessKey: wrongKey },
        maxAttempts: 1,
      },
    });
    const error = await rejection(store.load());
    expect(error).toMatchObject({ code: "STORE_UNREADABLE", status: 400 });
    expect(error.message).toBe(
      `${where}: AWS rejected the credentials the request was signed with (InvalidSignatureException); check the AWS access key and secret (AWS_ACCESS_KEY_ID, AWS_PROFILE, the role), or log in again if the session expired.`,
    );
    expectNoSecret(error, [wrongKey]);
    expect(fixture.sm.stats.calls[0]).toMatchObject({
      errorType: "InvalidSignatureException",
      accessKeyId: null,
    });
  });

  it("answers STORE_UNREADABLE for an access key AWS does not know", async () => {
    await using fixture = await startStoreFixture({ "prod/x-bot": botSecret });
    const store = fixture.store({
      clientConfig: {
        ...fixture.sm.clientConfig,
        credentials: { accessKeyId: "AKIAUNKNOWNKEY000000", secretAccessKey: "x".repeat(40) },
        maxAttempts: 1,
      },
    });
    const error = await rejection(store.load());
    expect(error).toMatchObject({ code: "STORE_UNREADABLE" });
    expect(error.message).toContain("(UnrecognizedClientException)");
  });

  it("answers OPTIONS_INVALID when no region is configured anywhere", async () => {
    const saved = { AWS_REGION: process.env.AWS_REGION, AWS_DEFAULT_REGION: process.env.AWS_DEFAULT_REGION };
    delete process.env.AWS_REGION;
    delete process.env.AWS_DEFAULT_REGION;
    try {
      const store = awsSecretsManagerStore({
        secretId: "prod/x-bot",
        clientConfig: { credentials: { accessKeyId: "AKIAEXAMPLE", secretAccessKey: "x" }, maxAttempts: 1 },
      });
      const error = await rejection(store.load());
      expect(error).toMatchObject({ code: "OPTIONS_INVALID", keys: ["region"] });
      expect(error.message).toBe(
        'AWS Secrets Manager secret "prod/x-bot" (region unknown): no AWS region is configured; set the store\'s region option (or clientConfig.region) or AWS_REGION.',
      );
    } finally {
      for (const [key, value] of Object.entries(saved)) if (value !== undefined) process.env[key] = value;
    }
  });

  it("keeps AWS's raw response out of every error: message, cause, inspect and JSON", async () => {
    await using fixture = await startStoreFixture({ "prod/x-bot": botSecret });
    fixture.sm.denyAccess({ secretId: "prod/x-bot" });
    const error = await rejection(fixture.store().load());
    const views = [inspect(error, { depth: 8 }), JSON.stringify(error)];
    for (const view of views) {
      expect(view).not.toContain("$response");
      expect(view).not.toContain("x-amzn-requestid:");
    }
    expect(JSON.parse(JSON.stringify(error))).toMatchObject({
      code: "STORE_UNREADABLE",
      source: "prod/x-bot (us-east-1)",
      cause: { name: "AccessDeniedException", code: "AccessDeniedException" },
    });
    expectNoSecret(error, secretValues);
  });
});

describe("options", () => {
  const bad: [string, Record<string, unknown>, string][] = [
    [
      "client with clientConfig",
      { secretId: "s", client: {}, clientConfig: {} },
      "awsSecretsManagerStore: give either client or clientConfig, not both; configure the client you pass, or let the store make one.",
    ],
    [
      "client with region",
      { secretId: "s", client: {}, region: "us-east-1" },
      "awsSecretsManagerStore: give either client or region, not both; configure the client you pass, or let the store make one.",
    ],
    [
      "region twice",
      { secretId: "s", region: "us-east-1", clientConfig: { region: "eu-west-1" } },
      "awsSecretsManagerStore: region is given twice (also in clientConfig); keep one.",
    ],
    [
      "no secretId",
      {},
      'awsSecretsManagerStore: secretId is required: a secret name or ARN ("prod/x-bot"), one with a {profile} placeholder, or a map { default: "prod/x-bot", bot2: "prod/x-bot2" }.',
    ],
    ["an empty secretId", { secretId: " " }, "awsSecretsManagerStore: secretId is empty."],
    [
      "an empty map entry",
      { secretId: { default: "prod/x", bot2: "" } },
      "awsSecretsManagerStore: secretId maps each profile to a secret name or ARN; profile bot2 has none.",
    ],
    [
      "a bad maxAge",
      { secretId: "s", maxAge: "5 minutes" },
      'awsSecretsManagerStore: maxAge must be seconds (>= 0) or a duration such as "30s" or "5m"; 0 turns the cache off.',
    ],
    [
      "a maxUpdateAttempts that is not a whole number from 1 to 100",
      { secretId: "s", maxUpdateAttempts: 0 },
      "awsSecretsManagerStore: maxUpdateAttempts must be a whole number from 1 to 100.",
    ],
    [
      "an unknown option",
      { secretId: "s", secretID: "t" },
      "awsSecretsManagerStore: unknown option secretID; the options are secretId, client, clientConfig, region, endpoint, maxAge, maxUpdateAttempts, now, onWarning.",
    ],
  ];
  for (const [title, options, message] of bad) {
    it(`rejects ${title} with OPTIONS_INVALID`, () => {
      expect(() => awsSecretsManagerStore(options as never)).toThrow(
        expect.objectContaining({ code: "OPTIONS_INVALID", message }),
      );
    });
  }
});

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe("no secret in any error", () => {
  const scenarios: [string, (fixture: Awaited<ReturnType<typeof startStoreFixture>>) => void][] = [
    ["not found", (fixture) => fixture.sm.deleteSecret("prod/x-bot")],
    ["access denied", (fixture) => fixture.sm.denyAccess({ secretId: "prod/x-bot" })],
    ["throttled", (fixture) => fixture.sm.inject([{ error: "ThrottlingException" }])],
    ["reset", (fixture) => fixture.sm.inject([{ resetSocket: true }])],
    ["5xx", (fixture) => fixture.sm.inject([{ error: "InternalServiceError" }])],
    [
      "an unknown AWS error",
      (fixture) => fixture.sm.inject([{ error: "InvalidRequestException", message: "marked for deletion" }]),
    ],
    ["a plain string", (fixture) => fixture.sm.setSecret("prod/x-bot", botSecret.CONSUMER_SECRET)],
    ["invalid JSON", (fixture) => fixture.sm.setSecret("prod/x-bot", `{"A": "${botSecret.ACCESS_TOKEN}"`)],
  ];
  for (const [title, arrange] of scenarios) {
    it(`keeps secret values and AWS keys out of the error when ${title}, on load and on save`, async () => {
      await using fixture = await startStoreFixture({ "prod/x-bot": botSecret });
      const store = fixture.store({ secretId: "prod/x-bot" });
      arrange(fixture);
      const secrets = [
        ...secretValues,
        fixture.sm.clientConfig.credentials.secretAccessKey,
        "bt-written-Zq9",
      ];
      expectNoSecret(await rejection(store.load({ forceRefresh: true })), secrets);
      // A save to a missing secret creates it; every other failure applies to the save too.
      if (title === "not found") return;
      arrange(fixture);
      expectNoSecret(await rejection(store.save({ BEARER_TOKEN: "bt-written-Zq9" })), secrets);
    });
  }
});
