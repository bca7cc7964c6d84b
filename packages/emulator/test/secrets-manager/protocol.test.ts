import {
  CreateSecretCommand,
  DescribeSecretCommand,
  GetSecretValueCommand,
  PutSecretValueCommand,
  SecretsManagerClient,
} from "@aws-sdk/client-secrets-manager";
import { describe, expect, it } from "vitest";
import { startSecretsManagerEmulator } from "../../src/secrets-manager/index.js";
import { rawCall } from "./sm-client.js";

const start = Date.UTC(2024, 0, 15, 12, 0, 0);

async function setup() {
  let now = start;
  const sm = await startSecretsManagerEmulator({
    secrets: { "prod/x-bot": { CONSUMER_KEY: "ck-1" }, plain: "just text" },
    now: () => now,
  });
  const client = new SecretsManagerClient({
    ...sm.clientConfig,
    maxAttempts: 1,
    systemClockOffset: start - Date.now(),
  });
  return {
    sm,
    client,
    advance: (ms: number) => {
      now += ms;
      client.config.systemClockOffset = now - Date.now();
    },
    async [Symbol.asyncDispose]() {
      client.destroy();
      await sm.stop();
    },
  };
}

describe("the JSON 1.1 protocol, driven by the real SecretsManagerClient", () => {
  it("answers GetSecretValue with the AWSCURRENT version, by name or by ARN", async () => {
    await using t = await setup();
    const secret = t.sm.secret("prod/x-bot")!;
    expect(secret.arn).toMatch(
      /^arn:aws:secretsmanager:us-east-1:123456789012:secret:prod\/x-bot-[A-Za-z0-9_-]{6}$/,
    );
    for (const SecretId of ["prod/x-bot", secret.arn]) {
      const answer = await t.client.send(new GetSecretValueCommand({ SecretId }));
      expect(answer).toMatchObject({
        ARN: secret.arn,
        Name: "prod/x-bot",
        VersionId: secret.versionId,
        SecretString: '{"CONSUMER_KEY":"ck-1"}',
        VersionStages: ["AWSCURRENT"],
        CreatedDate: new Date(start),
      });
    }
    expect((await t.client.send(new GetSecretValueCommand({ SecretId: "plain" }))).SecretString).toBe(
      "just text",
    );
  });

  it("makes each PutSecretValue a new AWSCURRENT version and keeps the one before as AWSPREVIOUS", async () => {
    await using t = await setup();
    const first = t.sm.secret("prod/x-bot")!.versionId;
    t.advance(60_000);
    const put = await t.client.send(
      new PutSecretValueCommand({ SecretId: "prod/x-bot", SecretString: '{"v":"2"}' }),
    );
    expect(put).toMatchObject({ Name: "prod/x-bot", VersionStages: ["AWSCURRENT"] });
    const previous = await t.client.send(
      new GetSecretValueCommand({ SecretId: "prod/x-bot", VersionStage: "AWSPREVIOUS" }),
    );
    expect(previous).toMatchObject({ VersionId: first, SecretString: '{"CONSUMER_KEY":"ck-1"}' });
    await t.client.send(new PutSecretValueCommand({ SecretId: "prod/x-bot", SecretString: '{"v":"3"}' }));
    const described = await t.client.send(new DescribeSecretCommand({ SecretId: "prod/x-bot" }));
    expect(described).toMatchObject({
      Name: "prod/x-bot",
      CreatedDate: new Date(start),
      LastChangedDate: new Date(start + 60_000),
    });
    // The first version lost its last stage: deprecated, no longer listed.
    expect(Object.values(described.VersionIdsToStages ?? {}).sort()).toEqual([
      ["AWSCURRENT"],
      ["AWSPREVIOUS"],
    ]);
    expect(described.VersionIdsToStages?.[first]).toBeUndefined();
  });

  it("treats a repeated ClientRequestToken as the same write, and a reused one with another value as an error", async () => {
    await using t = await setup();
    const ClientRequestToken = "11111111-2222-3333-4444-555555555555";
    const one = await t.client.send(
      new PutSecretValueCommand({ SecretId: "prod/x-bot", SecretString: "a", ClientRequestToken }),
    );
    const again = await t.client.send(
      new PutSecretValueCommand({ SecretId: "prod/x-bot", SecretString: "a", ClientRequestToken }),
    );
    expect(again.VersionId).toBe(one.VersionId);
    expect(one.VersionId).toBe(ClientRequestToken);
    expect(Object.keys(t.sm.secret("prod/x-bot")!.versions)).toHaveLength(2);
    const conflict = await t.client
      .send(new PutSecretValueCommand({ SecretId: "prod/x-bot", SecretString: "b", ClientRequestToken }))
      .catch((error: Error) => error);
    expect(conflict).toMatchObject({
      name: "ResourceExistsException",
      message: `You can't modify an existing version, you can only create a new version. VersionId: ${ClientRequestToken}`,
    });
  });

  it("creates a secret once; creating it again is ResourceExistsException", async () => {
    await using t = await setup();
    const created = await t.client.send(
      new CreateSecretCommand({ Name: "prod/new", SecretString: "{}", Description: "made by a test" }),
    );
    expect(created.ARN).toMatch(/:secret:prod\/new-/);
    expect(await t.client.send(new DescribeSecretCommand({ SecretId: "prod/new" }))).toMatchObject({
      Description: "made by a test",
    });
    const again = await t.client
      .send(new CreateSecretCommand({ Name: "prod/new", SecretString: "{}" }))
      .catch((error: Error) => error);
    expect(again).toMatchObject({
      name: "ResourceExistsException",
      message: "The operation failed because the secret prod/new already exists.",
    });
  });

  it("answers ResourceNotFoundException for a secret, a version id or a stage it does not have", async () => {
    await using t = await setup();
    const cases = [
      [{ SecretId: "nope" }, "Secrets Manager can't find the specified secret."],
      [
        { SecretId: "prod/x-bot", VersionStage: "AWSPENDING" },
        "Secrets Manager can't find the specified secret value for VersionStage = AWSPENDING.",
      ],
      [
        { SecretId: "prod/x-bot", VersionId: "00000000-0000-0000-0000-000000000000" },
        "Secrets Manager can't find the specified secret value for VersionId: 00000000-0000-0000-0000-000000000000.",
      ],
    ] as const;
    for (const [input, message] of cases) {
      const error = await t.client.send(new GetSecretValueCommand(input)).catch((e: Error) => e);
      expect(error).toMatchObject({
        name: "ResourceNotFoundException",
        message,
        $metadata: { httpStatusCode: 400 },
      });
    }
  });
});

describe("the wire format", () => {
  it("answers errors as AWS does: status 400, __type and message, x-amzn-errortype, the JSON 1.1 media type", async () => {
    await using sm = await startSecretsManagerEmulator();
    expect(await rawCall(sm, { action: "GetSecretValue", input: { SecretId: "nope" } })).toEqual({
      status: 400,
      errorType: "ResourceNotFoundException",
      contentType: "application/x-amz-json-1.1",
      body: {
        __type: "ResourceNotFoundException",
        message: "Secrets Manager can't find the specified secret.",
      },
    });
  });

  it("answers UnknownOperationException to a target it does not know", async () => {
    await using sm = await startSecretsManagerEmulator();
    const answer = await rawCall(sm, { action: "RotateSecret", input: { SecretId: "x" } });
    expect(answer).toMatchObject({ status: 400, errorType: "UnknownOperationException" });
    expect(sm.stats.calls[0]).toMatchObject({ action: null, errorType: "UnknownOperationException" });
  });

  it("answers SerializationException to another content type or a body that is not a JSON object", async () => {
    await using sm = await startSecretsManagerEmulator();
    expect(
      await rawCall(sm, {
        action: "GetSecretValue",
        input: { SecretId: "x" },
        contentType: "application/json",
      }),
    ).toMatchObject({
      errorType: "SerializationException",
      body: { message: "Content-Type must be application/x-amz-json-1.1; got 'application/json'." },
    });
    expect(await rawCall(sm, { action: "GetSecretValue", body: "[1]" })).toMatchObject({
      errorType: "SerializationException",
      body: { message: "The request body must be a JSON object." },
    });
    expect(await rawCall(sm, { action: "GetSecretValue", input: { SecretId: 7 } })).toMatchObject({
      errorType: "SerializationException",
    });
  });

  it("answers InvalidParameterException to a missing SecretId or a short ClientRequestToken", async () => {
    await using sm = await startSecretsManagerEmulator({ secrets: { s: "x" } });
    expect(await rawCall(sm, { action: "GetSecretValue", input: {} })).toMatchObject({
      errorType: "InvalidParameterException",
      body: { message: "SecretId is required." },
    });
    expect(
      await rawCall(sm, {
        action: "PutSecretValue",
        input: { SecretId: "s", SecretString: "y", ClientRequestToken: "short" },
      }),
    ).toMatchObject({
      errorType: "InvalidParameterException",
      body: { message: "ClientRequestToken must be 32 to 64 characters long." },
    });
  });
});
