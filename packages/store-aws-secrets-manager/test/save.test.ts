import { describe, expect, it } from "vitest";
import {
  botSecret,
  noDelayRetries,
  rejection,
  startStoreFixture,
} from "./support/secrets-manager-fixture.js";

const seedTutorialSecret = {
  CONSUMER_KEY: "ck-seed-Mn3Bv5Cx",
  CONSUMER_SECRET: "cs-seed-Lk8Jh2Gf6",
  ACCESS_KEY: "at-seed-4242-Qw7Er",
  ACCESS_SECRET: "as-seed-Ty1Ui3Op5",
  note: "kept as it is",
};

describe("save(): read, merge, PutSecretValue", () => {
  it("writes canonical names under the aliases the secret already uses and keeps every other key", async () => {
    await using fixture = await startStoreFixture({ "prod/x-bot": seedTutorialSecret });
    const store = fixture.store();
    await store.save({
      accessToken: "at-seed-rotated-1",
      accessTokenSecret: "as-seed-rotated-2",
      bearerToken: "bt-new",
    });
    const expected = {
      ...seedTutorialSecret,
      ACCESS_KEY: "at-seed-rotated-1",
      ACCESS_SECRET: "as-seed-rotated-2",
      BEARER_TOKEN: "bt-new",
    };
    expect(JSON.parse(fixture.sm.secret("prod/x-bot")!.value)).toEqual(expected);
    // The store keeps what it wrote: the next load is served without another read.
    const reads = fixture.gets();
    expect(await store.load()).toEqual(expected);
    expect(fixture.gets()).toBe(reads);
    // A second store (another process) reads the same.
    expect(await fixture.store().load()).toEqual(expected);
  });

  it("reads the current secret past the cache before merging, so a rotation in between is kept", async () => {
    await using fixture = await startStoreFixture({ "prod/x-bot": botSecret });
    const store = fixture.store();
    await store.load();
    fixture.sm.setSecret("prod/x-bot", { ...botSecret, CONSUMER_SECRET: "cs-rotated-elsewhere" });
    await store.save({ BEARER_TOKEN: "bt-1" });
    expect(JSON.parse(fixture.sm.secret("prod/x-bot")!.value)).toEqual({
      ...botSecret,
      CONSUMER_SECRET: "cs-rotated-elsewhere",
      BEARER_TOKEN: "bt-1",
    });
  });

  it("moves AWSCURRENT to the new version and AWSPREVIOUS to the one it replaced", async () => {
    await using fixture = await startStoreFixture({ "prod/x-bot": botSecret });
    const before = fixture.sm.secret("prod/x-bot")!.versionId;
    await fixture.store().save({ BEARER_TOKEN: "bt-1" });
    const after = fixture.sm.secret("prod/x-bot")!;
    expect(after.versionId).not.toBe(before);
    expect(after.versions).toEqual({ [before]: ["AWSPREVIOUS"], [after.versionId]: ["AWSCURRENT"] });
    const put = fixture.sm.stats.calls.find((call) => call.action === "PutSecretValue");
    expect(put).toMatchObject({ secretId: "prod/x-bot", status: 200 });
  });

  it("sends a ClientRequestToken, so the SDK's retry of a write whose answer was lost makes one version", async () => {
    await using fixture = await startStoreFixture({ "prod/x-bot": botSecret });
    const store = fixture.store({
      clientConfig: { ...fixture.sm.clientConfig, retryStrategy: noDelayRetries(2) },
    });
    fixture.sm.inject([{ error: "InternalServiceError", afterHandling: true }], { action: "PutSecretValue" });
    await store.save({ BEARER_TOKEN: "bt-1" });
    const puts = fixture.sm.stats.calls.filter((call) => call.action === "PutSecretValue");
    expect(puts.map((call) => call.status)).toEqual([500, 200]);
    expect(Object.keys(fixture.sm.secret("prod/x-bot")!.versions)).toHaveLength(2);
  });

  it("creates a secret that does not exist yet (a new profile), by name", async () => {
    await using fixture = await startStoreFixture({ "prod/default/x": botSecret });
    const store = fixture.store({ secretId: "prod/{profile}/x" });
    const bot3 = { CONSUMER_KEY: "ck-bot3", CONSUMER_SECRET: "cs-bot3" };
    await store.save(bot3, { profile: "bot3" });
    expect(fixture.sm.secretNames()).toEqual(["prod/default/x", "prod/bot3/x"]);
    expect(await store.load({ profile: "bot3" })).toEqual(bot3);
    expect(fixture.sm.stats.count({ action: "CreateSecret", secretId: "prod/bot3/x", status: 200 })).toBe(1);
  });

  it("does not create a secret named by an ARN: STORE_NOT_FOUND", async () => {
    await using fixture = await startStoreFixture({});
    const arn = "arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/gone-AbCdEf";
    const error = await rejection(fixture.store({ secretId: arn }).save({ BEARER_TOKEN: "bt" }));
    expect(error).toMatchObject({ code: "STORE_NOT_FOUND" });
    expect(error.message).toBe(
      `AWS Secrets Manager secret "${arn}" (us-east-1) does not exist (ResourceNotFoundException from GetSecretValue); check the secret id and region, or create the secret.`,
    );
    expect(fixture.sm.stats.count({ action: "CreateSecret" })).toBe(0);
  });

  it("answers STORE_WRITE_FAILED when the role may read but not write, naming secretsmanager:PutSecretValue", async () => {
    await using fixture = await startStoreFixture({ "prod/x-bot": botSecret });
    fixture.sm.denyAccess({ secretId: "prod/x-bot", action: "PutSecretValue" });
    const error = await rejection(fixture.store().save({ BEARER_TOKEN: "bt-secret-value-1" }));
    expect(error).toMatchObject({ code: "STORE_WRITE_FAILED" });
    expect(error.message).toBe(
      `AWS Secrets Manager secret "prod/x-bot" (us-east-1): access denied (AccessDeniedException from PutSecretValue); check the IAM policy allows secretsmanager:PutSecretValue on ${fixture.sm.secret("prod/x-bot")!.arn}.`,
    );
    expect(JSON.parse(fixture.sm.secret("prod/x-bot")!.value)).toEqual(botSecret);
  });

  it("lands every one of several concurrent saves to one secret", async () => {
    await using fixture = await startStoreFixture({ "prod/x-bot": botSecret });
    const store = fixture.store();
    await Promise.all(
      ["bearerToken", "clientId", "clientSecret", "oauth2AccessToken"].map((field, index) =>
        store.save({ [field]: `value-${index}` }),
      ),
    );
    expect(JSON.parse(fixture.sm.secret("prod/x-bot")!.value)).toEqual({
      ...botSecret,
      BEARER_TOKEN: "value-0",
      CLIENT_ID: "value-1",
      CLIENT_SECRET: "value-2",
      OAUTH2_ACCESS_TOKEN: "value-3",
    });
  });

  it("rejects values that are not strings with OPTIONS_INVALID before any call", async () => {
    await using fixture = await startStoreFixture({ "prod/x-bot": botSecret });
    const error = await rejection(fixture.store().save({ BEARER_TOKEN: 42 } as never));
    expect(error).toMatchObject({ code: "OPTIONS_INVALID", keys: ["BEARER_TOKEN"] });
    expect(error.message).toBe(
      "prod/x-bot: save() takes an object of key names to strings; BEARER_TOKEN is not.",
    );
    expect(fixture.sm.stats.total).toBe(0);
  });
});
