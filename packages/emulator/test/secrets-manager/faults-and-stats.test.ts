import {
  GetSecretValueCommand,
  PutSecretValueCommand,
  SecretsManagerClient,
} from "@aws-sdk/client-secrets-manager";
import { describe, expect, it } from "vitest";
import { defaultAwsCredentials, startSecretsManagerEmulator } from "../../src/secrets-manager/index.js";

async function setup() {
  const sm = await startSecretsManagerEmulator({ secrets: { a: "{}", b: "{}" } });
  const client = new SecretsManagerClient({ ...sm.clientConfig, maxAttempts: 1 });
  const get = (SecretId: string) =>
    client.send(new GetSecretValueCommand({ SecretId })).catch((error: Error) => error);
  return {
    sm,
    get,
    put: (SecretId: string) =>
      client.send(new PutSecretValueCommand({ SecretId, SecretString: "{}" })).catch((error: Error) => error),
    async [Symbol.asyncDispose]() {
      client.destroy();
      await sm.stop();
    },
  };
}

describe("fault injection", () => {
  it("answers queued faults in order to the calls they target, then answers normally", async () => {
    await using t = await setup();
    t.sm.inject([{ error: "ThrottlingException" }, { error: "InternalServiceError" }], {
      action: "GetSecretValue",
      secretId: "b",
    });
    expect(await t.get("a")).toMatchObject({ SecretString: "{}" });
    expect(await t.get("b")).toMatchObject({ name: "ThrottlingException", message: "Rate exceeded" });
    expect(await t.get("b")).toMatchObject({
      name: "InternalServiceError",
      $metadata: { httpStatusCode: 500 },
    });
    expect(await t.get("b")).toMatchObject({ SecretString: "{}" });
    expect(t.sm.pendingFaults()).toBe(0);
    expect(t.sm.stats.calls.map((call) => [call.secretId, call.errorType, call.fault])).toEqual([
      ["a", null, false],
      ["b", "ThrottlingException", true],
      ["b", "InternalServiceError", true],
      ["b", null, false],
    ]);
  });

  it("matches a fault by the secret's ARN when the call names it by name", async () => {
    await using t = await setup();
    t.sm.inject([{ error: "ThrottlingException" }], { secretId: t.sm.secret("a")!.arn });
    expect(await t.get("a")).toMatchObject({ name: "ThrottlingException" });
  });

  it("answers any AWS error type with the given message and status", async () => {
    await using t = await setup();
    t.sm.inject([
      {
        error: "InvalidRequestException",
        message: "You can't perform this operation on the secret because it was marked for deletion.",
      },
    ]);
    expect(await t.get("a")).toMatchObject({
      name: "InvalidRequestException",
      message: "You can't perform this operation on the secret because it was marked for deletion.",
      $metadata: { httpStatusCode: 400 },
    });
  });

  it("resets the socket for resetSocket, and an error after handling leaves the write done", async () => {
    await using t = await setup();
    t.sm.inject([{ resetSocket: true }]);
    expect(await t.get("a")).toMatchObject({ code: "ECONNRESET" });
    const before = t.sm.secret("a")!.versionId;
    t.sm.inject([{ error: "InternalServiceError", afterHandling: true }], { action: "PutSecretValue" });
    expect(await t.put("a")).toMatchObject({ name: "InternalServiceError" });
    expect(t.sm.secret("a")!.versionId).not.toBe(before);
    expect(t.sm.stats.calls.map((call) => call.status)).toEqual([null, 500]);
  });

  it("cuts an injected delay short on stop(), answering nothing", async () => {
    const t = await setup();
    t.sm.inject([{ delayMs: 60_000 }]);
    const pending = t.get("a");
    for (let turn = 0; turn < 100 && t.sm.pendingFaults() > 0; turn++)
      await new Promise((r) => setTimeout(r, 5));
    await t[Symbol.asyncDispose]();
    expect(await pending).toBeInstanceOf(Error);
    expect(t.sm.stats.calls[0]).toMatchObject({ status: null, fault: true });
  });

  it("rejects a fault with nothing to do", async () => {
    await using t = await setup();
    expect(() => t.sm.inject([{ message: "x" }])).toThrow(
      new RangeError("a fault needs error, delayMs or resetSocket"),
    );
  });
});

describe("access denial", () => {
  it("answers AccessDeniedException with AWS's wording to the denied action on the denied secret, until allowed", async () => {
    await using t = await setup();
    t.sm.denyAccess({ secretId: "a", action: "PutSecretValue" });
    expect(await t.get("a")).toMatchObject({ SecretString: "{}" });
    expect(await t.put("a")).toMatchObject({
      name: "AccessDeniedException",
      message: `User: ${defaultAwsCredentials.principalArn} is not authorized to perform: secretsmanager:PutSecretValue on resource: ${t.sm.secret("a")!.arn} because no identity-based policy allows the secretsmanager:PutSecretValue action`,
    });
    expect(await t.put("b")).toMatchObject({ Name: "b" });
    t.sm.allowAccess({ secretId: "a", action: "PutSecretValue" });
    expect(await t.put("a")).toMatchObject({ Name: "a" });
  });

  it("denies a secret that does not exist yet, naming the ARN it would have", async () => {
    await using t = await setup();
    t.sm.denyAccess({ secretId: "later" });
    expect(await t.get("later")).toMatchObject({
      name: "AccessDeniedException",
      message: expect.stringContaining(
        "on resource: arn:aws:secretsmanager:us-east-1:123456789012:secret:later because",
      ),
    });
    t.sm.allowAccess();
    expect(await t.get("later")).toMatchObject({ name: "ResourceNotFoundException" });
  });
});

describe("stats and lifecycle", () => {
  it("counts calls per action and secret, and resets", async () => {
    await using t = await setup();
    await Promise.all([t.get("a"), t.get("a"), t.get("b"), t.put("a")]);
    expect(t.sm.stats.total).toBe(4);
    expect(t.sm.stats.byAction).toEqual({ GetSecretValue: 3, PutSecretValue: 1 });
    expect(t.sm.stats.count({ action: "GetSecretValue", secretId: "a" })).toBe(2);
    expect(t.sm.stats.count({ accessKeyId: defaultAwsCredentials.accessKeyId, status: 200 })).toBe(4);
    t.sm.stats.reset();
    expect(t.sm.stats.total).toBe(0);
    expect(t.sm.stats.calls).toEqual([]);
  });

  it("sets secrets from a test (rotation), deletes them, and lists them", async () => {
    await using t = await setup();
    const rotated = t.sm.setSecret("a", { CONSUMER_KEY: "new" });
    expect(rotated.value).toBe('{"CONSUMER_KEY":"new"}');
    expect(await t.get("a")).toMatchObject({
      SecretString: '{"CONSUMER_KEY":"new"}',
      VersionId: rotated.versionId,
    });
    expect(t.sm.deleteSecret("a")).toBe(true);
    expect(t.sm.deleteSecret("a")).toBe(false);
    expect(t.sm.secretNames()).toEqual(["b"]);
  });

  it("listens on 127.0.0.1 port 0, gives the client config, and closes on await using", async () => {
    let url: string;
    {
      await using sm = await startSecretsManagerEmulator();
      url = sm.url;
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(sm.clientConfig).toEqual({
        endpoint: url,
        region: "us-east-1",
        credentials: {
          accessKeyId: defaultAwsCredentials.accessKeyId,
          secretAccessKey: defaultAwsCredentials.secretAccessKey,
        },
      });
    }
    await expect(fetch(url, { method: "POST" })).rejects.toThrow(/fetch failed/);
  });

  it("refuses a host that is not loopback and a malformed region", async () => {
    await expect(startSecretsManagerEmulator({ host: "0.0.0.0" })).rejects.toThrow(
      "host must be a loopback address (127.0.0.1, ::1 or localhost); got 0.0.0.0",
    );
    await expect(startSecretsManagerEmulator({ region: "mars" })).rejects.toThrow("region looks wrong: mars");
  });

  it("logs one line per call without secret values or keys", async () => {
    const lines: string[] = [];
    await using sm = await startSecretsManagerEmulator({
      secrets: { a: "top-secret-value" },
      log: (line) => lines.push(line),
    });
    const client = new SecretsManagerClient({ ...sm.clientConfig, maxAttempts: 1 });
    await client.send(new GetSecretValueCommand({ SecretId: "a" }));
    client.destroy();
    expect(lines).toEqual([`GetSecretValue a -> 200 ok key=${defaultAwsCredentials.accessKeyId}`]);
  });
});
