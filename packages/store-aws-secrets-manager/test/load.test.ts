import { resolveCredentials } from "@twauth/core";
import { describe, expect, it } from "vitest";
import { awsSecretsManagerStore } from "../src/index.js";
import { bot2Secret, botSecret, rejection, startStoreFixture } from "./support/secrets-manager-fixture.js";

describe("loading a secret through the real SecretsManagerClient", () => {
  it("loads the JSON object of the default profile's secret as its record", async () => {
    await using fixture = await startStoreFixture({ "prod/x-bot": botSecret });
    const store = fixture.store();
    expect(store.kind).toBe("aws-secrets-manager");
    expect(await store.load()).toEqual(botSecret);
    expect(resolveCredentials(await store.load(), { source: store.source })).toEqual({
      type: "user",
      consumerKey: botSecret.CONSUMER_KEY,
      consumerSecret: botSecret.CONSUMER_SECRET,
      accessToken: botSecret.ACCESS_TOKEN,
      accessTokenSecret: botSecret.ACCESS_TOKEN_SECRET,
    });
    expect(fixture.sm.stats.calls[0]).toMatchObject({
      action: "GetSecretValue",
      secretId: "prod/x-bot",
      status: 200,
      accessKeyId: fixture.sm.clientConfig.credentials.accessKeyId,
    });
  });

  it("builds its own client from clientConfig, and names the secret and region in source", async () => {
    await using fixture = await startStoreFixture({ "prod/x-bot": botSecret });
    const store = awsSecretsManagerStore({ secretId: "prod/x-bot", clientConfig: fixture.sm.clientConfig });
    expect(store.source).toBe("prod/x-bot (us-east-1)");
    expect(await store.load()).toEqual(botSecret);
  });

  it("takes region and endpoint as top-level shorthands, as config files give them", async () => {
    await using fixture = await startStoreFixture({ "prod/x-bot": botSecret });
    const { endpoint, region, credentials } = fixture.sm.clientConfig;
    const store = awsSecretsManagerStore({
      secretId: "prod/x-bot",
      region,
      endpoint,
      clientConfig: { credentials },
    });
    expect(await store.load()).toEqual(botSecret);
  });

  it("learns the region from a given client for its source and messages", async () => {
    await using fixture = await startStoreFixture({ "prod/x-bot": botSecret });
    const store = fixture.store();
    expect(store.source).toBe("prod/x-bot");
    await store.load();
    expect(store.source).toBe("prod/x-bot (us-east-1)");
  });

  it("reads one secret per profile through a {profile} placeholder", async () => {
    await using fixture = await startStoreFixture({ "prod/default/x": botSecret, "prod/bot2/x": bot2Secret });
    const store = fixture.store({ secretId: "prod/{profile}/x" });
    expect(store.secretIdFor("bot2")).toBe("prod/bot2/x");
    expect(await store.load({ profile: "bot2" })).toEqual(bot2Secret);
    expect(await store.load()).toEqual(botSecret);
    expect(fixture.gets("prod/bot2/x")).toBe(1);
    expect(fixture.gets("prod/default/x")).toBe(1);
  });

  it("reads each profile's secret from a map, and names the mapped profiles for another", async () => {
    await using fixture = await startStoreFixture({ "prod/x-bot": botSecret, "prod/x-bot2": bot2Secret });
    const store = fixture.store({ secretId: { default: "prod/x-bot", bot2: "prod/x-bot2" } });
    expect(store.source).toBe("default=prod/x-bot, bot2=prod/x-bot2");
    expect(await store.load({ profile: "bot2" })).toEqual(bot2Secret);
    const error = await rejection(store.load({ profile: "bot3" }));
    expect(error).toMatchObject({ code: "PROFILE_NOT_FOUND", profile: "bot3" });
    expect(error.message).toBe(
      'default=prod/x-bot, bot2=prod/x-bot2 (us-east-1) has no profile "bot3" (profiles found: default, bot2); add bot3: "<secret id>" to the secretId map, or pick one of those.',
    );
  });

  it("serves only the default profile from a plain secret id, and says how to add profiles", async () => {
    await using fixture = await startStoreFixture({ "prod/x-bot": botSecret });
    const store = fixture.store();
    const error = await rejection(store.load({ profile: "bot2" }));
    expect(error).toMatchObject({ code: "PROFILE_NOT_FOUND" });
    expect(error.message).toBe(
      'prod/x-bot has no profile "bot2" (profiles found: default); give secretId a {profile} placeholder or a map from profile to secret id, or pick one of those.',
    );
    expect(fixture.gets()).toBe(0);
  });

  it("accepts a secret's full ARN as its id", async () => {
    await using fixture = await startStoreFixture({ "prod/x-bot": botSecret });
    const arn = fixture.sm.secret("prod/x-bot")!.arn;
    expect(await fixture.store({ secretId: arn }).load()).toEqual(botSecret);
  });

  it("rejects with ABORTED for an aborted signal, and one caller's abort leaves the shared read to the others", async () => {
    await using fixture = await startStoreFixture({ "prod/x-bot": botSecret });
    const store = fixture.store();
    const aborted = new AbortController();
    aborted.abort();
    expect(await rejection(store.load({ signal: aborted.signal }))).toMatchObject({ code: "ABORTED" });

    fixture.sm.inject([{ delayMs: 50 }], { action: "GetSecretValue" });
    const impatient = new AbortController();
    const first = store.load({ signal: impatient.signal });
    const second = store.load();
    impatient.abort();
    expect(await rejection(first)).toMatchObject({
      code: "ABORTED",
      message: "prod/x-bot: the operation was aborted.",
    });
    expect(await second).toEqual(botSecret);
    expect(fixture.gets()).toBe(1);
  });
});
