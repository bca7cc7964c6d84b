import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Emulator } from "@twauth/emulator";
import { defaultApp, defaultUser, startEmulator } from "@twauth/emulator";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { connect } from "../src/connect.js";

let emulator: Emulator;
let root: string;

beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(async () => {
  await emulator.stop();
});
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "twauth-connect-"));
  writeFileSync(join(root, "package.json"), "{}");
});
afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

const userEnv = [
  `CONSUMER_KEY=${defaultApp.consumerKey}`,
  `CONSUMER_SECRET=${defaultApp.consumerSecret}`,
  `ACCESS_KEY=${defaultUser.accessToken}`,
  `ACCESS_SECRET=${defaultUser.accessTokenSecret}`,
  "",
].join("\n");

describe("connect", () => {
  it("goes from one config file to a verified connection, with paths relative to the file", async () => {
    writeFileSync(join(root, "secrets.env"), userEnv, { mode: 0o600 });
    writeFileSync(
      join(root, "twauth.config.yaml"),
      `store:\n  type: dotenv\n  path: secrets.env\nbase_url: ${emulator.url}\nretry_count: 1\nretry_delay: 0\n`,
    );
    await using api = await connect({ cwd: root, env: {}, onWarning: () => {} });
    expect(api.tokenType).toBe("user");
    expect(await api.verifyCredentials()).toMatchObject({
      username: defaultUser.username,
      tokenType: "user",
    });
  });

  it("takes spend_limit from the file: the connection counts the day's spend against it", async () => {
    writeFileSync(join(root, ".env"), userEnv, { mode: 0o600 });
    writeFileSync(
      join(root, "twauth.config.yaml"),
      `store: { type: dotenv }\nbase_url: ${emulator.url}\nspend_limit:\n  daily: 5\n  mode: observed\n`,
    );
    await using api = await connect({ cwd: root, env: {}, onWarning: () => {} });
    await api.get("/2/users/me");
    expect(await api.spend()).toMatchObject({ limitUsd: 5, estimatedUsd: 0.01 });
  });

  it("refuses a spend_limit that is not a positive amount, naming the line and the key as written", async () => {
    writeFileSync(join(root, ".env"), userEnv, { mode: 0o600 });
    writeFileSync(join(root, "twauth.config.yaml"), "store: { type: dotenv }\nspend_limit:\n  daily: -1\n");
    await expect(connect({ cwd: root, env: {}, onWarning: () => {} })).rejects.toMatchObject({
      code: "CONFIG_INVALID",
      line: 2,
      keys: ["spend_limit"],
      message: `Invalid twauth config:\n  ${join(root, "twauth.config.yaml")}:2:1: spend_limit: expected an object { daily, mode }: daily in US dollars per UTC day (above 0, at most 100000), mode "worst-case" or "observed"`,
    });
  });

  it("lets the program's overrides win over the file, and TWAUTH_PROFILE pick the profile", async () => {
    writeFileSync(
      join(root, "creds.ini"),
      `[default]\nbearer_token = nope\n\n[bot]\nconsumer_key = ${defaultApp.consumerKey}\nconsumer_secret = ${defaultApp.consumerSecret}\n`,
      { mode: 0o600 },
    );
    writeFileSync(
      join(root, ".twauthrc.yml"),
      "store: { type: ini, path: creds.ini }\nbaseUrl: https://api.x.com\n",
    );
    await using api = await connect({
      cwd: root,
      env: { TWAUTH_PROFILE: "bot" },
      overrides: { baseUrl: emulator.url },
      onWarning: () => {},
    });
    expect(api.tokenType).toBe("app");
    expect(await api.verifyCredentials()).toEqual({ tokenType: "app" });
  });

  it("passes the store's own errors through, naming the store's file", async () => {
    writeFileSync(join(root, "twauth.config.yaml"), "store: { type: dotenv, path: missing.env }\n");
    await expect(connect({ cwd: root, env: {} })).rejects.toMatchObject({
      code: "STORE_NOT_FOUND",
      message: expect.stringContaining(join(root, "missing.env")),
    });
  });
});
