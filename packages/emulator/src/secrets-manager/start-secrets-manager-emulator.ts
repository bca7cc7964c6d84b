import { startLoopbackServer } from "../http/loopback-server.js";
import type { SecretsManagerStats } from "./call-stats.js";
import { CallStats } from "./call-stats.js";
import type { SecretsManagerFault, SecretsManagerTarget } from "./faults.js";
import { FaultQueue } from "./faults.js";
import { handleCall, type SecretsManagerState } from "./handle-call.js";
import type { EmulatorSecret, SecretValueSeed } from "./model.js";
import { normalizeSecretsManagerOptions, type SecretsManagerEmulatorOptions } from "./options.js";
import { SecretVault } from "./secret-vault.js";

/**
 * A running Secrets Manager emulator: its endpoint, its call counts, and controls for secrets,
 * faults and access. `await using` stops it at the end of the scope.
 *
 * @example
 * await using sm = await startSecretsManagerEmulator();
 * sm.setSecret("prod/x-bot", { CONSUMER_KEY: "ck-test", CONSUMER_SECRET: "cs-test" });
 * sm.inject([{ error: "ThrottlingException" }], { action: "GetSecretValue" });
 */
export interface SecretsManagerEmulator extends AsyncDisposable {
  /** "http://127.0.0.1:PORT": the SDK client's `endpoint`. */
  readonly url: string;
  /** The port it listens on (the free one picked when `port` was 0). */
  readonly port: number;
  /** The loopback address it listens on. */
  readonly host: string;
  /** The region requests must be signed for. */
  readonly region: string;
  /** The account in secrets' ARNs. */
  readonly accountId: string;
  /** What a `SecretsManagerClient` needs to reach the emulator: endpoint, region, the first credentials. */
  readonly clientConfig: {
    readonly endpoint: string;
    readonly region: string;
    readonly credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  };
  /** Every call received, with its action, secret id and answer. */
  readonly stats: SecretsManagerStats;
  /** Closes the server and every socket, cuts injected delays short. Idempotent. */
  stop(): Promise<void>;

  /** Creates a secret, or gives it a new AWSCURRENT version (a rotation). A JSON value is stored as text. */
  setSecret(name: string, value: SecretValueSeed): EmulatorSecret;
  /** By name or ARN: the AWSCURRENT value, version id and stages. */
  secret(secretId: string): EmulatorSecret | undefined;
  /** Deletes a secret by name or ARN; returns false when there was none. */
  deleteSecret(secretId: string): boolean;
  /** The names of every secret held. */
  secretNames(): string[];

  /** Queues faults, each used by one matching call, in order (no target: any call). */
  inject(faults: readonly SecretsManagerFault[], target?: SecretsManagerTarget): void;
  /** Drops every queued fault. */
  clearFaults(): void;
  /** Queued faults not yet used. */
  pendingFaults(): number;
  /** Answers AccessDeniedException to matching calls (after the signature check) until allowed again. */
  denyAccess(target: SecretsManagerTarget): void;
  /** Lifts the denial given with the same target, or every denial. */
  allowAccess(target?: SecretsManagerTarget): void;
}

/**
 * Starts a local Secrets Manager speaking the JSON 1.1 protocol (`POST /`, `X-Amz-Target:
 * secretsmanager.<Action>`), which the real `SecretsManagerClient` talks to through its `endpoint`
 * option. Every request's SigV4 signature is verified against the known test credentials.
 *
 * @example
 * await using sm = await startSecretsManagerEmulator({ secrets: { "prod/x-bot": { CONSUMER_KEY: "…" } } });
 * const client = new SecretsManagerClient(sm.clientConfig);
 */
export async function startSecretsManagerEmulator(
  options?: SecretsManagerEmulatorOptions,
): Promise<SecretsManagerEmulator> {
  const settings = normalizeSecretsManagerOptions(options);
  const vault = new SecretVault(settings.region, settings.accountId, settings.now);
  for (const [name, value] of Object.entries(settings.secrets)) vault.set(name, value);
  const state: SecretsManagerState = {
    settings,
    vault,
    credentialsById: new Map(settings.credentials.map((keys) => [keys.accessKeyId, keys])),
    stats: new CallStats(settings.maxRecordedCalls),
    faults: new FaultQueue(),
    // Set once listening; requests only arrive after that.
    sleep: () => Promise.resolve(false),
  };
  const server = await startLoopbackServer(
    settings.host,
    settings.port,
    (message, res) => handleCall(state, message, res),
    settings.log,
  );
  state.sleep = server.sleep;
  const { url, stop } = server;
  return {
    url,
    port: server.port,
    host: settings.host,
    region: settings.region,
    accountId: settings.accountId,
    clientConfig: { endpoint: url, region: settings.region, credentials: clientCredentials(state) },
    stats: state.stats,
    stop,
    [Symbol.asyncDispose]: stop,
    ...controls(state),
  };
}

function clientCredentials({
  settings,
}: SecretsManagerState): SecretsManagerEmulator["clientConfig"]["credentials"] {
  const first = settings.credentials[0]!;
  return {
    accessKeyId: first.accessKeyId,
    secretAccessKey: first.secretAccessKey,
    ...(first.sessionToken === undefined ? {} : { sessionToken: first.sessionToken }),
  };
}

function controls({ vault, faults }: SecretsManagerState) {
  return {
    setSecret: (name: string, value: SecretValueSeed) => vault.set(name, value),
    secret: (secretId: string) => vault.view(secretId),
    deleteSecret: (secretId: string) => vault.delete(secretId),
    secretNames: () => vault.names(),
    inject: (list: readonly SecretsManagerFault[], target: SecretsManagerTarget = {}) =>
      faults.inject(list, target),
    clearFaults: () => faults.clear(),
    pendingFaults: () => faults.pending(),
    denyAccess: (target: SecretsManagerTarget) => faults.deny(target),
    allowAccess: (target?: SecretsManagerTarget) => faults.allow(target),
  } satisfies Partial<SecretsManagerEmulator>;
}
