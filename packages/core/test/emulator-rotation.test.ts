import { describe, expect, it } from "vitest";
import type { SecretRecord, SecretStore, SecretStoreLoadOptions } from "../src/store/secret-store.js";
import { emulatorUser, useEmulator } from "./support/emulator.js";

const { start, connect } = useEmulator();

describe("against the emulator: credentials rotated in the store", () => {
  it("sees X's 401 after the token is rotated, re-loads the store once with forceRefresh, and succeeds", async () => {
    const emulator = await start();
    let record: SecretRecord = {
      CONSUMER_KEY: emulatorUser.consumerKey,
      CONSUMER_SECRET: emulatorUser.consumerSecret,
      ACCESS_TOKEN: emulatorUser.accessToken,
      ACCESS_TOKEN_SECRET: emulatorUser.accessTokenSecret,
    };
    const loads: SecretStoreLoadOptions[] = [];
    const store: SecretStore = {
      kind: "memory",
      source: "memory:prod/x-bot",
      async load(options = {}) {
        loads.push(options);
        return record;
      },
    };
    const api = await connect({ credentials: undefined, store });
    expect((await api.verifyCredentials()).username).toBe("twauth_emulator");

    const rotated = emulator.rotateAccessToken(emulatorUser.accessToken);
    record = { ...record, ACCESS_TOKEN: rotated.accessToken, ACCESS_TOKEN_SECRET: rotated.accessTokenSecret };

    const created = await api.post("/2/tweets", { json: { text: "after rotation" } });
    expect(created.status).toBe(201);
    expect(loads).toEqual([{ profile: "default" }, { profile: "default", forceRefresh: true }]);
    expect(emulator.stats.count({ route: "POST /2/tweets", status: 401 })).toBe(1);
    expect(emulator.stats.createdTweets.map((tweet) => tweet.text)).toEqual(["after rotation"]);
  });
});
