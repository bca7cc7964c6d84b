import { SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { ConfiguredRetryStrategy } from "@smithy/util-retry";
import {
  type SecretsManagerEmulator,
  type SecretsManagerEmulatorOptions,
  startSecretsManagerEmulator,
} from "@twauth/emulator/secrets-manager";
import { type AwsSecretsManagerStore, awsSecretsManagerStore } from "../../src/index.js";
import type { AwsSecretsManagerStoreOptions } from "../../src/store-options.js";

/** A settable clock for maxAge: tests move it instead of waiting. */
export function testClock(start = 1_700_000_000_000) {
  let current = start;
  return {
    now: () => current,
    advance(ms: number) {
      current += ms;
    },
  };
}

export interface StoreFixture extends AsyncDisposable {
  readonly sm: SecretsManagerEmulator;
  readonly client: SecretsManagerClient;
  store(options?: Partial<AwsSecretsManagerStoreOptions>): AwsSecretsManagerStore;
  /** GetSecretValue calls the emulator answered for a secret. */
  gets(secretId?: string): number;
}

/**
 * A Secrets Manager emulator and a real SecretsManagerClient pointed at it (no retries, so error
 * cases answer at once), and stores built on that client.
 */
export async function startStoreFixture(
  secrets: SecretsManagerEmulatorOptions["secrets"] = {},
  emulatorOptions: Omit<SecretsManagerEmulatorOptions, "secrets"> = {},
): Promise<StoreFixture> {
  const sm = await startSecretsManagerEmulator({ secrets, ...emulatorOptions });
  const client = new SecretsManagerClient({ ...sm.clientConfig, maxAttempts: 1 });
  return {
    sm,
    client,
    store: (options = {}) =>
      awsSecretsManagerStore({
        secretId: "prod/x-bot",
        ...(options.clientConfig === undefined &&
        options.region === undefined &&
        options.endpoint === undefined
          ? { client }
          : {}),
        ...options,
      } as AwsSecretsManagerStoreOptions),
    gets: (secretId) =>
      sm.stats.count({ action: "GetSecretValue", ...(secretId === undefined ? {} : { secretId }) }),
    async [Symbol.asyncDispose]() {
      client.destroy();
      await sm.stop();
    },
  };
}

/** The SDK's standard retry rules (what it retries, with the same token) without its backoff waits. */
export function noDelayRetries(maxAttempts: number): ConfiguredRetryStrategy {
  return new ConfiguredRetryStrategy(maxAttempts, () => 0);
}

export const botSecret = {
  CONSUMER_KEY: "ck-prod-Zx81Lq0Pw",
  CONSUMER_SECRET: "cs-prod-Jr5Tn3Vb7Mk2",
  ACCESS_TOKEN: "at-prod-5555-Hd8Ws2",
  ACCESS_TOKEN_SECRET: "as-prod-Qy6Ur1Ei4Fo",
};

export const bot2Secret = {
  "API Key": "ck-bot2-Ab3Cd4Ef5",
  "API Key Secret": "cs-bot2-Gh6Ij7Kl8Mn",
  "Access Token": "at-bot2-7777-Op9Qr0",
  "Access Token Secret": "as-bot2-St1Uv2Wx3Yz",
};

export async function rejection(promise: Promise<unknown>): Promise<Error & Record<string, unknown>> {
  try {
    await promise;
  } catch (error) {
    return error as Error & Record<string, unknown>;
  }
  throw new Error("expected the promise to reject");
}
