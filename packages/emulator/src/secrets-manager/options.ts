import { loopbackListenAddress } from "../options.js";
import type { AwsTestCredentials, SecretValueSeed } from "./model.js";

export interface SecretsManagerEmulatorOptions {
  /** Default 0: any free port. */
  port?: number;
  /** Loopback only: "127.0.0.1" (default), "::1" or "localhost". */
  host?: string;
  /** The region requests must be signed for. Default "us-east-1". */
  region?: string;
  /** The account in ARNs. Default "123456789012". */
  accountId?: string;
  /** Keys requests may be signed with. Default [defaultAwsCredentials]. */
  credentials?: readonly AwsTestCredentials[];
  /** Secrets at start, by name: a string, or a JSON value stored as its text. */
  secrets?: Readonly<Record<string, SecretValueSeed>>;
  /** Epoch ms: signature clock-skew checks, CreatedDate, LastChangedDate. Default Date.now. */
  now?: () => number;
  /** How far x-amz-date may be from now. Default 300 (AWS's 5 minutes). */
  clockSkewToleranceSeconds?: number;
  /** How many calls stats.calls keeps. Default 10000. */
  maxRecordedCalls?: number;
  /** One line per call (action, secret id, status, error type); never a secret value or key. */
  log?: (line: string) => void;
}

/** Fake keys shaped like AWS's (20-character AKIA id, 40-character secret). */
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
