import {
  PutSecretValueCommand,
  SecretsManagerClient,
  UpdateSecretVersionStageCommand,
} from "@aws-sdk/client-secrets-manager";
import { describe, expect, it } from "vitest";
import { startSecretsManagerEmulator } from "../../src/secrets-manager/index.js";

// The rule under test, from AWS's UpdateSecretVersionStage reference (RemoveFromVersionId): "If the
// staging label you are trying to attach to one version is already attached to a different version,
// then you must include this parameter and specify the version that the label is to be removed
// from. If the label is attached and you either do not specify this parameter, or the version ID
// does not match, then the operation fails." And: "Whenever you move AWSCURRENT, Secrets Manager
// automatically moves the label AWSPREVIOUS to the version that AWSCURRENT was removed from."

const versionA = "aaaaaaaa-0000-4000-8000-000000000001";
const versionB = "bbbbbbbb-0000-4000-8000-000000000002";
const versionC = "cccccccc-0000-4000-8000-000000000003";

async function setup() {
  const sm = await startSecretsManagerEmulator({ secrets: { "prod/x-bot": { N: "0" } } });
  const client = new SecretsManagerClient({ ...sm.clientConfig, maxAttempts: 1 });
  const first = sm.secret("prod/x-bot")!.versionId;
  const put = (token: string, value: string, stages = ["PENDING"]) =>
    client.send(
      new PutSecretValueCommand({
        SecretId: "prod/x-bot",
        SecretString: value,
        ClientRequestToken: token,
        VersionStages: stages,
      }),
    );
  const move = (stage: string, moveTo: string | undefined, removeFrom: string | undefined) =>
    client.send(
      new UpdateSecretVersionStageCommand({
        SecretId: "prod/x-bot",
        VersionStage: stage,
        ...(moveTo === undefined ? {} : { MoveToVersionId: moveTo }),
        ...(removeFrom === undefined ? {} : { RemoveFromVersionId: removeFrom }),
      }),
    );
  return {
    sm,
    first,
    put,
    move,
    async [Symbol.asyncDispose]() {
      client.destroy();
      await sm.stop();
    },
  };
}

async function failure(promise: Promise<unknown>): Promise<{ name: string; message: string }> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught as { name: string; message: string },
  );
  if (error === undefined) throw new Error("expected the call to fail");
  return error;
}

describe("UpdateSecretVersionStage, as AWS documents it", () => {
  it("a PutSecretValue with its own stage leaves AWSCURRENT where it was", async () => {
    await using fixture = await setup();
    await fixture.put(versionA, '{"N":"1"}');
    expect(fixture.sm.secret("prod/x-bot")).toMatchObject({ versionId: fixture.first, value: '{"N":"0"}' });
    expect(fixture.sm.secret("prod/x-bot")!.versions).toEqual({
      [fixture.first]: ["AWSCURRENT"],
      [versionA]: ["PENDING"],
    });
  });

  it("moves AWSCURRENT when RemoveFromVersionId names the version that has it, and makes that one AWSPREVIOUS", async () => {
    await using fixture = await setup();
    await fixture.put(versionA, '{"N":"1"}');
    await fixture.move("AWSCURRENT", versionA, fixture.first);
    expect(fixture.sm.secret("prod/x-bot")).toMatchObject({ versionId: versionA, value: '{"N":"1"}' });
    expect(fixture.sm.secret("prod/x-bot")!.versions).toEqual({
      [fixture.first]: ["AWSPREVIOUS"],
      [versionA]: ["PENDING", "AWSCURRENT"],
    });
  });

  it("refuses to move AWSCURRENT when RemoveFromVersionId names a version that no longer has it: the second of two writers from one version loses", async () => {
    await using fixture = await setup();
    await fixture.put(versionA, '{"N":"1"}');
    await fixture.put(versionB, '{"N":"1, too"}');
    await fixture.move("AWSCURRENT", versionA, fixture.first);
    const error = await failure(fixture.move("AWSCURRENT", versionB, fixture.first));
    expect(error.name).toBe("InvalidParameterException");
    expect(error.message).toBe(
      `The staging label AWSCURRENT is attached to version ${versionA}; RemoveFromVersionId must name that version to move it.`,
    );
    expect(fixture.sm.secret("prod/x-bot")).toMatchObject({ versionId: versionA, value: '{"N":"1"}' });
  });

  it("refuses to move a stage attached elsewhere without RemoveFromVersionId", async () => {
    await using fixture = await setup();
    await fixture.put(versionA, '{"N":"1"}');
    const error = await failure(fixture.move("AWSCURRENT", versionA, undefined));
    expect(error.name).toBe("InvalidParameterException");
    expect(fixture.sm.secret("prod/x-bot")!.versionId).toBe(fixture.first);
  });

  it("moving a stage onto the version that already has it changes nothing (a retried move succeeds)", async () => {
    await using fixture = await setup();
    await fixture.put(versionA, '{"N":"1"}');
    await fixture.move("AWSCURRENT", versionA, fixture.first);
    await fixture.move("AWSCURRENT", versionA, fixture.first);
    expect(fixture.sm.secret("prod/x-bot")!.versions).toEqual({
      [fixture.first]: ["AWSPREVIOUS"],
      [versionA]: ["PENDING", "AWSCURRENT"],
    });
  });

  it("a PutSecretValue naming a stage another version has takes it from that version", async () => {
    await using fixture = await setup();
    await fixture.put(versionA, '{"N":"1"}');
    await fixture.put(versionB, '{"N":"2"}');
    expect(fixture.sm.secret("prod/x-bot")!.versions).toEqual({
      [fixture.first]: ["AWSCURRENT"],
      [versionB]: ["PENDING"],
    });
    // A version left without stages still exists, and AWSCURRENT can still move to it.
    await fixture.move("AWSCURRENT", versionA, fixture.first);
    expect(fixture.sm.secret("prod/x-bot")!.value).toBe('{"N":"1"}');
  });

  it("removes a stage only from the version that has it, and never AWSCURRENT", async () => {
    await using fixture = await setup();
    await fixture.put(versionA, '{"N":"1"}');
    const wrong = await failure(fixture.move("PENDING", undefined, fixture.first));
    expect(wrong.name).toBe("InvalidParameterException");
    await fixture.move("PENDING", undefined, versionA);
    expect(fixture.sm.secret("prod/x-bot")!.versions).toEqual({ [fixture.first]: ["AWSCURRENT"] });
    const current = await failure(fixture.move("AWSCURRENT", undefined, fixture.first));
    expect(current).toMatchObject({
      name: "InvalidParameterException",
      message:
        "You can't remove the staging label AWSCURRENT from a version; move it to another version instead.",
    });
    const missing = await failure(fixture.move("AWSCURRENT", versionC, fixture.first));
    expect(missing.name).toBe("ResourceNotFoundException");
  });
});
