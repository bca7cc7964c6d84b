import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { defaultApp, defaultUser, startEmulator } from "@twauth/emulator";
import { startSecretsManagerEmulator } from "@twauth/emulator/secrets-manager";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);
const example = fileURLToPath(new URL("../index.js", import.meta.url));

const userSecret = {
  CONSUMER_KEY: defaultApp.consumerKey,
  CONSUMER_SECRET: defaultApp.consumerSecret,
  ACCESS_TOKEN: defaultUser.accessToken,
  ACCESS_TOKEN_SECRET: defaultUser.accessTokenSecret,
};

/** The example as a user runs it, with the SDK's standard environment pointed at the emulators. */
async function runExample(args: string[], env: Record<string, string>) {
  try {
    const { stdout, stderr } = await run(process.execPath, [example, ...args], {
      timeout: 15_000,
      env: { PATH: process.env.PATH ?? "", AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true", ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe("examples/aws-secrets-manager", () => {
  it("verifies the credentials it reads from Secrets Manager against the X API", async () => {
    await using x = await startEmulator();
    await using sm = await startSecretsManagerEmulator({
      region: "eu-central-1",
      secrets: { "prod/default/x-bot": userSecret },
    });
    const answer = await runExample([], {
      AWS_REGION: sm.region,
      AWS_ENDPOINT_URL_SECRETS_MANAGER: sm.url,
      AWS_ACCESS_KEY_ID: sm.clientConfig.credentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: sm.clientConfig.credentials.secretAccessKey,
      X_SECRET_ID: "prod/{profile}/x-bot",
      X_API_BASE_URL: x.url,
    });
    expect(answer).toEqual({
      code: 0,
      stdout: `signed in as @${defaultUser.username} with credentials from aws-secrets-manager: prod/{profile}/x-bot (eu-central-1)\n`,
      stderr: "",
    });
    expect(sm.stats.count({ action: "GetSecretValue", secretId: "prod/default/x-bot", status: 200 })).toBe(1);
    expect(x.stats.count({ status: 200 })).toBe(1);
  });

  it("prints twauth's message and exits 1 when the profile's secret does not exist", async () => {
    await using sm = await startSecretsManagerEmulator({ secrets: {} });
    const answer = await runExample(["bot2"], {
      AWS_REGION: sm.region,
      AWS_ENDPOINT_URL_SECRETS_MANAGER: sm.url,
      AWS_ACCESS_KEY_ID: sm.clientConfig.credentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: sm.clientConfig.credentials.secretAccessKey,
      X_SECRET_ID: "prod/{profile}/x-bot",
    });
    expect(answer).toEqual({
      code: 1,
      stdout: "",
      stderr:
        'STORE_NOT_FOUND: AWS Secrets Manager secret "prod/bot2/x-bot" (us-east-1, profile "bot2") does not exist (ResourceNotFoundException from GetSecretValue); check the secret id and region, or create the secret.\n',
    });
  });
});
