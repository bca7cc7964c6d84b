import { GetSecretValueCommand, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { describe, expect, it } from "vitest";
import { startSecretsManagerEmulator } from "../../src/secrets-manager/index.js";
import { rawCall } from "./sm-client.js";

const secrets = { "prod/x-bot": { CONSUMER_KEY: "ck-1" } };
const get = { action: "GetSecretValue", input: { SecretId: "prod/x-bot" } };
const mismatch =
  "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.";

describe("SigV4 verification, recomputed with @smithy/signature-v4", () => {
  it("accepts the real SecretsManagerClient's signature", async () => {
    await using sm = await startSecretsManagerEmulator({ secrets });
    const client = new SecretsManagerClient({ ...sm.clientConfig, maxAttempts: 1 });
    const answer = await client.send(new GetSecretValueCommand({ SecretId: "prod/x-bot" }));
    expect(answer.SecretString).toBe('{"CONSUMER_KEY":"ck-1"}');
    client.destroy();
  });

  it("answers InvalidSignatureException to the real client signing with a wrong secret access key", async () => {
    await using sm = await startSecretsManagerEmulator({ secrets });
    const { credentials } = sm.clientConfig;
    const client = new SecretsManagerClient({
      ...sm.clientConfig,
      credentials: { ...credentials, secretAccessKey: `${credentials.secretAccessKey.slice(0, -1)}X` },
      maxAttempts: 1,
    });
    const error = await client
      .send(new GetSecretValueCommand({ SecretId: "prod/x-bot" }))
      .catch((e: Error) => e);
    expect(error).toMatchObject({ name: "InvalidSignatureException", message: mismatch });
    expect(sm.stats.calls[0]).toMatchObject({ action: "GetSecretValue", status: 400, accessKeyId: null });
    client.destroy();
  });

  it("answers UnrecognizedClientException for an access key it does not know", async () => {
    await using sm = await startSecretsManagerEmulator({ secrets });
    const answer = await rawCall(sm, {
      ...get,
      credentials: { accessKeyId: "AKIAUNKNOWN000000000", secretAccessKey: "x".repeat(40) },
    });
    expect(answer).toMatchObject({
      status: 400,
      errorType: "UnrecognizedClientException",
      contentType: "application/x-amz-json-1.1",
      body: {
        __type: "UnrecognizedClientException",
        message: "The security token included in the request is invalid.",
      },
    });
  });

  it("answers MissingAuthenticationTokenException to an unsigned request", async () => {
    await using sm = await startSecretsManagerEmulator({ secrets });
    expect(await rawCall(sm, { ...get, unsigned: true })).toMatchObject({
      status: 400,
      errorType: "MissingAuthenticationTokenException",
      body: { message: "Missing Authentication Token" },
    });
  });

  const tampering: [string, (request: { headers: Record<string, string>; body: string }) => void][] = [
    [
      "a body changed after signing",
      (request) => {
        request.body = request.body.replace("prod/x-bot", "prod/x-bot2");
      },
    ],
    [
      "a signed header changed",
      (request) => {
        request.headers["x-amz-target"] = "secretsmanager.DescribeSecret";
      },
    ],
    [
      "a header listed as signed but not sent",
      (request) => {
        request.headers.authorization = request.headers.authorization!.replace(
          "SignedHeaders=",
          "SignedHeaders=x-custom;",
        );
      },
    ],
    [
      "one signature character changed",
      (request) => {
        request.headers.authorization = request.headers.authorization!.replace(/.$/, (last) =>
          last === "0" ? "1" : "0",
        );
      },
    ],
  ];
  for (const [title, tamper] of tampering) {
    it(`rejects ${title} with InvalidSignatureException`, async () => {
      await using sm = await startSecretsManagerEmulator({ secrets });
      expect(await rawCall(sm, { ...get, tamper, withoutPayloadHashHeader: true })).toMatchObject({
        status: 400,
        errorType: "InvalidSignatureException",
        body: { message: mismatch },
      });
    });
  }

  it("checks x-amz-content-sha256 against the body when the client signs it", async () => {
    await using sm = await startSecretsManagerEmulator({ secrets });
    const answer = await rawCall(sm, {
      ...get,
      tamper: (request) => {
        request.body = JSON.stringify({ SecretId: "prod/other" });
      },
    });
    expect(answer).toMatchObject({
      errorType: "InvalidSignatureException",
      body: { message: "The provided 'x-amz-content-sha256' header does not match what was computed." },
    });
    const withHash = await rawCall(sm, {
      ...get,
      tamper: (request) => {
        request.headers["x-amz-content-sha256"] = "0".repeat(64);
      },
    });
    expect(withHash).toMatchObject({
      errorType: "InvalidSignatureException",
      body: { message: "The provided 'x-amz-content-sha256' header does not match what was computed." },
    });
  });

  it("rejects a signature scoped to another region or service", async () => {
    await using sm = await startSecretsManagerEmulator({ secrets, region: "eu-west-1" });
    expect(await rawCall(sm, { ...get, region: "us-east-1" })).toMatchObject({
      errorType: "InvalidSignatureException",
      body: { message: "Credential should be scoped to a valid region, not 'us-east-1'. " },
    });
    expect(await rawCall(sm, { ...get, service: "ssm" })).toMatchObject({
      errorType: "InvalidSignatureException",
      body: { message: "Credential should be scoped to correct service: 'secretsmanager'. " },
    });
  });

  it("rejects a signature more than 5 minutes old or ahead, as AWS does", async () => {
    const now = Date.UTC(2024, 0, 15, 12, 0, 0);
    await using sm = await startSecretsManagerEmulator({ secrets, now: () => now });
    expect(await rawCall(sm, { ...get, signingDate: new Date(now - 300_000) })).toMatchObject({
      status: 200,
    });
    expect(await rawCall(sm, { ...get, signingDate: new Date(now - 301_000) })).toMatchObject({
      errorType: "InvalidSignatureException",
      body: {
        message:
          "Signature expired: 20240115T115459Z is now earlier than 20240115T115500Z (20240115T120000Z - 5 min.)",
      },
    });
    expect(await rawCall(sm, { ...get, signingDate: new Date(now + 301_000) })).toMatchObject({
      errorType: "InvalidSignatureException",
      body: {
        message:
          "Signature not yet current: 20240115T120501Z is still later than 20240115T120500Z (20240115T120000Z + 5 min.)",
      },
    });
  });

  it("requires the session token of temporary credentials", async () => {
    const temporary = {
      accessKeyId: "ASIATEMPORARY0000001",
      secretAccessKey: "TemporarySecretAccessKey0000000000000001",
      sessionToken: "session-token-1",
    };
    await using sm = await startSecretsManagerEmulator({ secrets, credentials: [temporary] });
    expect(await rawCall(sm, { ...get, credentials: temporary })).toMatchObject({ status: 200 });
    const { sessionToken: _dropped, ...withoutToken } = temporary;
    expect(await rawCall(sm, { ...get, credentials: withoutToken })).toMatchObject({
      errorType: "UnrecognizedClientException",
    });
  });

  it("answers IncompleteSignatureException to an Authorization header without its parts", async () => {
    await using sm = await startSecretsManagerEmulator({ secrets });
    const answer = await rawCall(sm, {
      ...get,
      tamper: (request) => {
        request.headers.authorization =
          "AWS4-HMAC-SHA256 Credential=AKIAEMULAT0RTESTKEY1/20240101/us-east-1/secretsmanager/aws4_request";
      },
    });
    expect(answer).toMatchObject({
      errorType: "IncompleteSignatureException",
      body: {
        message:
          "Authorization header requires 'SignedHeaders' parameter. Authorization header requires 'Signature' parameter.",
      },
    });
  });
});
