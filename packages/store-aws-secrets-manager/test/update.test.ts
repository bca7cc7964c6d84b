import { SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import type { SecretRecord } from "@twauth/core";
import { describe, expect, it } from "vitest";
import { awsSecretsManagerStore } from "../src/index.js";
import { pendingStage } from "../src/version-swap.js";
import { botSecret, rejection, startStoreFixture } from "./support/secrets-manager-fixture.js";

// update() against the Secrets Manager emulator, which refuses a stage move from a version that no
// longer holds the stage exactly as AWS documents it (see the emulator's version-stages tests).

describe("update(): the AWSCURRENT version as a compare-and-swap", () => {
  it("four stores on separate SDK clients each making 25 updates of a counter end with exactly 100", async () => {
    await using fixture = await startStoreFixture({
      "prod/x-bot": { ...botSecret, OAUTH2_ACCESS_TOKEN: "0" },
    });
    const clients = Array.from(
      { length: 4 },
      () => new SecretsManagerClient({ ...fixture.sm.clientConfig, maxAttempts: 1 }),
    );
    try {
      const increment = async (current: SecretRecord) => {
        const value = Number(current.OAUTH2_ACCESS_TOKEN);
        await new Promise((done) => setImmediate(done));
        return { oauth2AccessToken: String(value + 1) };
      };
      await Promise.all(
        clients.map(async (client) => {
          const store = awsSecretsManagerStore({ client, secretId: "prod/x-bot", maxUpdateAttempts: 100 });
          for (let index = 0; index < 25; index += 1) await store.update(increment);
        }),
      );
      const secret = fixture.sm.secret("prod/x-bot")!;
      expect(JSON.parse(secret.value)).toEqual({ ...botSecret, OAUTH2_ACCESS_TOKEN: "100" });
      // The races were real: some moves were refused, and each refused writer tried again.
      const moves = fixture.sm.stats.calls.filter((call) => call.action === "UpdateSecretVersionStage");
      expect(moves.some((call) => call.errorType === "InvalidParameterException")).toBe(true);
      // No pending label is left on the current version once the writers are done... at most one anywhere.
      const pending = Object.values(secret.versions).filter((stages) => stages.includes(pendingStage));
      expect(pending.length).toBeLessThanOrEqual(1);
    } finally {
      for (const client of clients) client.destroy();
    }
  });

  it("calls change again with the winner's record after a lost race, and writes nothing when change then declines", async () => {
    await using fixture = await startStoreFixture({
      "prod/x-bot": { ...botSecret, OAUTH2_REFRESH_TOKEN: "rt-0" },
    });
    const winner = fixture.store();
    const loser = fixture.store({
      client: new SecretsManagerClient({ ...fixture.sm.clientConfig, maxAttempts: 1 }),
    });
    const seen: SecretRecord[] = [];
    const result = await loser.update(async (current) => {
      seen.push(current);
      if (seen.length === 1) {
        // Another process rotates while this one is still redeeming rt-0.
        await winner.update(async () => ({ oauth2RefreshToken: "rt-1-winner" }));
        return { oauth2RefreshToken: "rt-1-loser" };
      }
      return current.OAUTH2_REFRESH_TOKEN === "rt-0" ? { oauth2RefreshToken: "rt-again" } : undefined;
    });
    expect(seen.map((record) => record.OAUTH2_REFRESH_TOKEN)).toEqual(["rt-0", "rt-1-winner"]);
    expect(result).toEqual({ ...botSecret, OAUTH2_REFRESH_TOKEN: "rt-1-winner" });
    expect(JSON.parse(fixture.sm.secret("prod/x-bot")!.value)).toEqual(result);
    expect(await loser.load()).toEqual(result);
  });

  it("after a lost race, a change that still writes is merged into the winner's record", async () => {
    await using fixture = await startStoreFixture({ "prod/x-bot": botSecret });
    const winner = fixture.store();
    const loser = fixture.store({
      client: new SecretsManagerClient({ ...fixture.sm.clientConfig, maxAttempts: 1 }),
    });
    let calls = 0;
    const result = await loser.update(async () => {
      calls += 1;
      if (calls === 1) await winner.save({ bearerToken: "bt-winner" });
      return { oauth2AccessToken: `at-loser-${calls}` };
    });
    expect(calls).toBe(2);
    expect(result).toEqual({ ...botSecret, BEARER_TOKEN: "bt-winner", OAUTH2_ACCESS_TOKEN: "at-loser-2" });
    expect(JSON.parse(fixture.sm.secret("prod/x-bot")!.value)).toEqual(result);
  });

  it("gives up with STORE_WRITE_FAILED after maxUpdateAttempts lost races, having written nothing of its own", async () => {
    await using fixture = await startStoreFixture({ "prod/x-bot": botSecret });
    const other = fixture.store();
    const store = fixture.store({
      client: new SecretsManagerClient({ ...fixture.sm.clientConfig, maxAttempts: 1 }),
      maxUpdateAttempts: 2,
    });
    let calls = 0;
    const error = await rejection(
      store.update(async () => {
        calls += 1;
        await other.save({ bearerToken: `bt-other-${calls}` });
        return { oauth2AccessToken: "at-never" };
      }),
    );
    expect(calls).toBe(2);
    expect(error).toMatchObject({
      code: "STORE_WRITE_FAILED",
      message: `AWS Secrets Manager secret "prod/x-bot" (${fixture.sm.region}): another writer changed the secret first 2 times in a row, so this update wrote nothing; try again, or raise maxUpdateAttempts.`,
    });
    expect(JSON.parse(fixture.sm.secret("prod/x-bot")!.value)).toEqual({
      ...botSecret,
      BEARER_TOKEN: "bt-other-2",
    });
  });

  it("moves AWSCURRENT to the new version, AWSPREVIOUS to the one read, and leaves no pending label", async () => {
    await using fixture = await startStoreFixture({ "prod/x-bot": botSecret });
    const before = fixture.sm.secret("prod/x-bot")!.versionId;
    await fixture.store().update(async () => ({ bearerToken: "bt-1" }));
    const after = fixture.sm.secret("prod/x-bot")!;
    expect(after.versions).toEqual({ [before]: ["AWSPREVIOUS"], [after.versionId]: ["AWSCURRENT"] });
  });

  it("refreshes the cache: a load after an update needs no read, and sees what was written", async () => {
    await using fixture = await startStoreFixture({ "prod/x-bot": botSecret });
    const store = fixture.store();
    await store.load();
    fixture.sm.setSecret("prod/x-bot", { ...botSecret, CONSUMER_SECRET: "cs-rotated-elsewhere" });
    const result = await store.update(async (current) => {
      expect(current.CONSUMER_SECRET).toBe("cs-rotated-elsewhere");
      return { bearerToken: "bt-2" };
    });
    const reads = fixture.gets();
    expect(await store.load()).toEqual(result);
    expect(fixture.gets()).toBe(reads);
  });

  it("rejects a missing secret with STORE_NOT_FOUND without calling change (update never creates)", async () => {
    await using fixture = await startStoreFixture({});
    let calls = 0;
    const error = await rejection(
      fixture.store().update(async () => {
        calls += 1;
        return { bearerToken: "bt" };
      }),
    );
    expect(calls).toBe(0);
    expect(error.code).toBe("STORE_NOT_FOUND");
  });

  it("names the IAM action when UpdateSecretVersionStage is denied, and leaves the secret as it was", async () => {
    await using fixture = await startStoreFixture({ "prod/x-bot": botSecret });
    fixture.sm.denyAccess({ action: "UpdateSecretVersionStage" });
    const error = await rejection(fixture.store().update(async () => ({ bearerToken: "bt-denied-Q9" })));
    expect(error.code).toBe("STORE_WRITE_FAILED");
    expect(error.message).toContain("secretsmanager:UpdateSecretVersionStage");
    expect(error.message).not.toContain("bt-denied-Q9");
    expect(JSON.parse(fixture.sm.secret("prod/x-bot")!.value)).toEqual(botSecret);
  });
});
