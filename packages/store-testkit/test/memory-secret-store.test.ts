import { describe, expect, it } from "vitest";
import { describeSecretStore } from "../src/describe-secret-store.js";
import { memorySecretStore } from "../src/memory-secret-store.js";

describeSecretStore("memorySecretStore", ({ profiles }) => ({ store: memorySecretStore(profiles) }), {
  updatable: true,
});

describe("memorySecretStore", () => {
  it("starts empty and creates profiles on save", async () => {
    const store = memorySecretStore();
    await store.save({ consumerKey: "ck" }, { profile: "bot9" });
    expect(await store.load({ profile: "bot9" })).toEqual({ CONSUMER_KEY: "ck" });
  });
});
