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
