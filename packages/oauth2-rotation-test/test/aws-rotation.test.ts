import { refreshOAuth2Token } from "@twauth/core";
import { type Emulator, startEmulator } from "@twauth/emulator";
import { type SecretsManagerEmulator, startSecretsManagerEmulator } from "@twauth/emulator/secrets-manager";
import { afterAll, beforeAll, expect, it } from "vitest";
import { startRedisServer } from "../../ratelimit-redis/test/support/redis-server.js";
import { runWorkers } from "./support/run-workers.js";
import { client, signIn, tokenRecord } from "./support/sign-in.js";

let emulator: Emulator;
let secretsManager: SecretsManagerEmulator;
beforeAll(async () => {
  // Access tokens that live 2 s (X: 2 hours), so a 12 s run crosses at least five expiries.
  emulator = await startEmulator({ oauth2AccessTokenTtlSeconds: 2, rateLimits: { "GET /2/users/me": null } });
  secretsManager = await startSecretsManagerEmulator({ secrets: {} });
});
afterAll(async () => {
  await secretsManager.stop();
  await emulator.stop();
});

const awsEnvironment = () => ({
  STORE: "aws",
  BASE_URL: emulator.url,
  // The SDK's standard environment, pointed at the local Secrets Manager.
  AWS_REGION: secretsManager.region,
  AWS_ENDPOINT_URL_SECRETS_MANAGER: secretsManager.url,
  AWS_ACCESS_KEY_ID: secretsManager.clientConfig.credentials.accessKeyId,
  AWS_SECRET_ACCESS_KEY: secretsManager.clientConfig.credentials.secretAccessKey,
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
});

it("with a Redis refresh lock, four processes on one secret redeem every refresh token once, with no second try", async () => {
  const redis = await startRedisServer();
  try {
    secretsManager.setSecret("x-bot/locked", tokenRecord(await signIn(emulator)));
    const before = emulator.oauth2Stats();
    const results = await runWorkers(4, 8_000, {
      ...awsEnvironment(),
      SECRET_ID: "x-bot/locked",
      REFRESH_LOCK_URL: redis.url,
    });
    expect(results.flatMap((result) => result.failures)).toEqual([]);
    const stats = emulator.oauth2Stats();
    expect(stats.refreshTokensSpent - before.refreshTokensSpent).toBeGreaterThanOrEqual(3);
    // The lock lets one worker of the fleet refresh; the others find its tokens in the secret.
    expect(stats.spentRefreshTokenReuses - before.spentRefreshTokenReuses).toBe(0);
  } finally {
    await redis.stop();
  }
});

it("four processes sharing one Secrets Manager secret rotate through its compare-and-swap, and none fails for auth", async () => {
  secretsManager.setSecret("x-bot/default", tokenRecord(await signIn(emulator)));
  const results = await runWorkers(4, 12_000, {
    ...awsEnvironment(),
    SECRET_ID: "x-bot/default",
  });

  expect(results.flatMap((result) => result.failures)).toEqual([]);
  expect(results.every((result) => result.calls > 0)).toBe(true);
  const stats = emulator.oauth2Stats();
  expect(stats.refreshTokensSpent).toBeGreaterThanOrEqual(5);
  expect(emulator.stats.count({ route: "GET /2/users/me", status: 401 })).toBe(0);
  // The secret ends holding the live tokens: its refresh token is the one X has not spent yet.
  const saved = JSON.parse(secretsManager.secret("x-bot/default")?.value ?? "{}") as Record<string, string>;
  await expect(
    refreshOAuth2Token({ ...client, refreshToken: saved.OAUTH2_REFRESH_TOKEN ?? "", baseUrl: emulator.url }),
  ).resolves.toMatchObject({ accessToken: expect.any(String) });
});
