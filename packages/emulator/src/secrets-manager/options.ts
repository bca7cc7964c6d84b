import { loopbackListenAddress } from "../options.js";
import type { AwsTestCredentials, SecretValueSeed } from "./model.js";

/**
 * Options of `startSecretsManagerEmulator`; with none, it listens on a free 127.0.0.1 port for
 * us-east-1, accepts defaultAwsCredentials and holds no secrets.
 *
 * @example
 * const options: SecretsManagerEmulatorOptions = {
 *   region: "eu-west-1",
 *   secrets: { "prod/x-bot": { BEARER_TOKEN: "AAAA-test" } },
 * };
 */
export interface SecretsManagerEmulatorOptions {
  /** The port to listen on; 0 picks any free port. @default 0 */
  port?: number;
  /** Loopback only: "127.0.0.1", "::1" or "localhost". @default "127.0.0.1" */
  host?: string;
  /** The region requests must be signed for. @default "us-east-1" */
  region?: string;
  /** The account in ARNs, 12 digits. @default "123456789012" */
  accountId?: string;
  /** Keys requests may be signed with (at least one pair). @default [defaultAwsCredentials] */
  credentials?: readonly AwsTestCredentials[];
  /** Secrets at start, by name: a string, or a JSON value stored as its text. @default {} */
  secrets?: Readonly<Record<string, SecretValueSeed>>;
  /** Epoch ms: signature clock-skew checks, CreatedDate, LastChangedDate. @default Date.now */
  now?: () => number;
  /** How far x-amz-date may be from now, in seconds (AWS's 5 minutes). @default 300 */
  clockSkewToleranceSeconds?: number;
  /** How many calls stats.calls keeps (the first ones; `total` and `byAction` count all). @default 10000 */
  maxRecordedCalls?: number;
  /** One line per call (action, secret id, status, error type); never a secret value or key. @default no log */
  log?: (line: string) => void;
}

/**
 * Fake keys shaped like AWS's (20-character AKIA id, 40-character secret): the emulator accepts
 * them unless `credentials` says otherwise, and `clientConfig` hands them to the SDK.
 *
 * @example
 * const client = new SecretsManagerClient({ endpoint: sm.url, region: sm.region, credentials: defaultAwsCredentials });
 */
export const defaultAwsCredentials: AwsTestCredentials = {
  accessKeyId: "AKIAEMULAT0RTESTKEY1",
  secretAccessKey: "EmuLat0rSecretAccessKey/NotARealKey00001",
  principalArn: "arn:aws:iam::123456789012:user/twauth-emulator",
};

export interface NormalizedSecretsManagerOptions {
  port: number;
  host: string;
  region: string;
  accountId: string;
  credentials: readonly AwsTestCredentials[];
  secrets: Readonly<Record<string, SecretValueSeed>>;
  now: () => number;
  clockSkewToleranceSeconds: number;
  maxRecordedCalls: number;
  log: ((line: string) => void) | undefined;
}

export function normalizeSecretsManagerOptions(
  options: SecretsManagerEmulatorOptions = {},
): NormalizedSecretsManagerOptions {
  const { host, port } = loopbackListenAddress(options);
  const region = options.region ?? "us-east-1";
  if (!/^[a-z]{2}(-[a-z]+)+-\d+$/.test(region)) throw new RangeError(`region looks wrong: ${region}`);
  const accountId = options.accountId ?? "123456789012";
  if (!/^\d{12}$/.test(accountId)) throw new RangeError("accountId must be 12 digits");
  const credentials = options.credentials ?? [defaultAwsCredentials];
  if (credentials.length === 0) throw new RangeError("credentials must hold at least one key pair");
  const tolerance = options.clockSkewToleranceSeconds ?? 300;
  if (!(tolerance >= 0)) throw new RangeError("clockSkewToleranceSeconds must be >= 0");
  return {
    port,
    host,
    region,
    accountId,
    credentials,
    secrets: options.secrets ?? {},
    now: options.now ?? Date.now,
    clockSkewToleranceSeconds: tolerance,
    maxRecordedCalls: options.maxRecordedCalls ?? 10_000,
    log: options.log,
  };
}
