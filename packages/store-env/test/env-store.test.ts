import { inspect } from "node:util";
import { DEFAULT_PROFILE } from "@twauth/core";
import { envProfileNamePrefix, listEnvProfiles, selectEnvProfile } from "@twauth/store-kit";
import { describeSecretStore } from "@twauth/store-testkit";
import { describe, expect, it } from "vitest";
import { envStore } from "../src/env-store.js";

function toEnv(profiles: Readonly<Record<string, Readonly<Record<string, string>>>>, prefix?: string) {
  const env: Record<string, string> = { PATH: "/usr/bin", HOME: "/home/me" };
  for (const [profile, record] of Object.entries(profiles)) {
    for (const [key, value] of Object.entries(record))
      env[`${envProfileNamePrefix(profile, prefix)}${key}`] = value;
  }
  return env;
}

describeSecretStore("envStore", ({ profiles }) => ({ store: envStore({ env: toEnv(profiles) }) }), {
  readOnly: true,
});

describeSecretStore(
  "envStore with a prefix",
  ({ profiles }) => ({ store: envStore({ env: toEnv(profiles, "MYAPP_"), prefix: "MYAPP_" }) }),
  { readOnly: true },
);

describe("envStore", () => {
  it("reads the default profile from bare, TWITTER_, X_ and TWAUTH_ names, and nothing else", async () => {
    const store = envStore({
      env: {
        TWITTER_CONSUMER_KEY: "ck",
        X_API_KEY_SECRET: "cs",
        TWAUTH_ACCESS_TOKEN: "at",
        ACCESS_SECRET: "as",
        AWS_SECRET_ACCESS_KEY: "not ours",
        TWAUTH_BOT2_CONSUMER_KEY: "bot2 only",
      },
    });
    expect(await store.load()).toEqual({
      TWITTER_CONSUMER_KEY: "ck",
      X_API_KEY_SECRET: "cs",
      TWAUTH_ACCESS_TOKEN: "at",
      ACCESS_SECRET: "as",
    });
  });

  it("reads profile bot2 from TWAUTH_BOT2_* and a dashed profile name from underscores", async () => {
    const env = {
      TWAUTH_BOT2_CONSUMER_KEY: "ck2",
      TWAUTH_MY_BOT_ACCESS_TOKEN: "at",
      TWAUTH_MY_BOT_ACCESS_TOKEN_SECRET: "as",
    };
    const store = envStore({ env });
    expect(await store.load({ profile: "bot2" })).toEqual({ CONSUMER_KEY: "ck2" });
    expect(await store.load({ profile: "my-bot" })).toEqual({
      ACCESS_TOKEN: "at",
      ACCESS_TOKEN_SECRET: "as",
    });
    expect(listEnvProfiles(env)).toEqual(["bot2", "my_bot"]);
  });

  // Regression: TWAUTH_OAUTH2_ACCESS_TOKEN was also read as profile "oauth2"'s ACCESS_TOKEN.
  it("keeps a name that is a whole credential key after the prefix in the default profile", async () => {
    const env = {
      TWAUTH_OAUTH2_ACCESS_TOKEN: "o2",
      TWAUTH_USER_ACCESS_TOKEN: "o2",
      TWAUTH_BOT2_BEARER_TOKEN: "b2",
    };
    expect(listEnvProfiles(env)).toEqual(["default", "bot2"]);
    expect(selectEnvProfile(env, { profile: "oauth2" })).toEqual([]);
    expect(selectEnvProfile(env).map((entry) => entry.key)).toEqual([
      "TWAUTH_OAUTH2_ACCESS_TOKEN",
      "TWAUTH_USER_ACCESS_TOKEN",
    ]);
    expect(listEnvProfiles({ MYAPP_OAUTH2_ACCESS_TOKEN: "o2" }, "MYAPP_")).toEqual(["default"]);
  });

  it("reads the variables at each load, so later changes are seen", async () => {
    const env: Record<string, string> = { CONSUMER_KEY: "one" };
    const store = envStore({ env });
    expect(await store.load()).toEqual({ CONSUMER_KEY: "one" });
    env.CONSUMER_KEY = "two";
    expect(await store.load({ forceRefresh: true })).toEqual({ CONSUMER_KEY: "two" });
  });

  it("reads process.env by default", async () => {
    const name = "TWAUTH_ENVTEST_CONSUMER_KEY";
    process.env[name] = "from-process-env";
    try {
      expect(await envStore().load({ profile: "envtest" })).toEqual({ CONSUMER_KEY: "from-process-env" });
    } finally {
      delete process.env[name];
    }
  });

  it("returns an empty record for the default profile when no credential is set at all", async () => {
    expect(await envStore({ env: { PATH: "/bin" } }).load()).toEqual({});
  });

  it("rejects a prefix that matches no variable with STORE_NOT_FOUND", async () => {
    const store = envStore({ env: { CONSUMER_KEY: "secret-ck" }, prefix: "MYAPP" });
    expect(store.source).toBe("environment variables MYAPP_*");
    await expect(store.load()).rejects.toMatchObject({
      code: "STORE_NOT_FOUND",
      message:
        "No environment variable starts with MYAPP_; set MYAPP_CONSUMER_KEY and the other keys, or check the prefix.",
    });
  });

  it("rejects a missing profile naming the variables it looked for and the profiles found", async () => {
    const store = envStore({ env: { CONSUMER_KEY: "secret-ck", TWAUTH_BOT2_CONSUMER_KEY: "secret-2" } });
    const error = await store.load({ profile: "bot3" }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({
      code: "PROFILE_NOT_FOUND",
      profile: "bot3",
      message:
        'environment variables have no profile "bot3" (profiles found: default, bot2); set TWAUTH_BOT3_CONSUMER_KEY and the other keys, or pick one of those.',
    });
    for (const value of ["secret-ck", "secret-2"]) {
      expect(inspect(error)).not.toContain(value);
      expect(JSON.stringify(error)).not.toContain(value);
    }
  });

  it("does not read a TWITTER_-prefixed key inside a named profile, so profile names stay unambiguous", () => {
    const env = { TWAUTH_BOT_TWITTER_CONSUMER_KEY: "x" };
    expect(selectEnvProfile(env, { profile: "bot" })).toEqual([]);
    expect(listEnvProfiles(env)).toEqual(["bot_twitter"]);
    expect(selectEnvProfile(env, { profile: "bot_twitter" })).toEqual([
      { name: "TWAUTH_BOT_TWITTER_CONSUMER_KEY", key: "CONSUMER_KEY", value: "x" },
    ]);
  });

  it("uses the bare names for the default profile", () => {
    expect(envProfileNamePrefix(DEFAULT_PROFILE)).toBe("");
    expect(envProfileNamePrefix(DEFAULT_PROFILE, "MYAPP")).toBe("MYAPP_");
    expect(envProfileNamePrefix("bot2", "MYAPP")).toBe("MYAPP_BOT2_");
  });
});
