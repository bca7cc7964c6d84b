import type { SecretsManagerClient, SecretsManagerClientConfig } from "@aws-sdk/client-secrets-manager";
import type { Duration, WarningHandler } from "@twauth/core";
import { durationToMs, TwauthError } from "@twauth/core";

/**
 * `awsSecretsManagerStore`'s options: which secret serves each profile, how to reach AWS, and how
 * long a loaded secret is reused. Unknown keys are rejected with `OPTIONS_INVALID`.
 *
 * @example
 * const options: AwsSecretsManagerStoreOptions = { secretId: "prod/{profile}/x", region: "eu-west-1", maxAge: "1m" };
 */
export interface AwsSecretsManagerStoreOptions {
  /**
   * The secret holding the credentials (name or ARN). A `{profile}` placeholder makes one secret
   * per profile (`"prod/{profile}/x"`); a map names each profile's secret
   * (`{ default: "prod/x-bot", bot2: "prod/x-bot2" }`). A plain string serves the default profile only.
   */
  secretId: string | Readonly<Record<string, string>>;
  /**
   * A ready client. Not with `clientConfig`, `region` or `endpoint`.
   * @default a `SecretsManagerClient` made from `clientConfig` on first use
   */
  client?: SecretsManagerClient;
  /**
   * Options for the client the store makes (`region`, `endpoint`, `credentials`, `maxAttempts`...).
   * Without them the SDK's defaults apply: region from AWS_REGION or the profile, and its default
   * credential chain (environment, shared files, SSO, container and instance roles).
   * @default {} (the SDK's defaults)
   */
  clientConfig?: SecretsManagerClientConfig;
  /**
   * Shorthand for `clientConfig.region` (config files use it); not with `clientConfig.region`.
   * @default the SDK's: AWS_REGION, then the AWS profile's region
   */
  region?: string;
  /**
   * Shorthand for `clientConfig.endpoint`: a VPC endpoint, LocalStack, the twauth emulator.
   * @default the region's public Secrets Manager endpoint
   */
  endpoint?: string;
  /** How long a loaded secret is reused: seconds, or `"30s"`, `"5m"`. `0` turns the cache off. @default "5m" */
  maxAge?: Duration;
  /**
   * How many times `update` reads, calls `change` and tries its compare-and-swap before giving up
   * with `STORE_WRITE_FAILED` when other writers keep changing the secret first (1 to 100).
   * @default 5
   */
  maxUpdateAttempts?: number;
  /** The clock the cache ages by, epoch ms (tests move it instead of waiting). @default Date.now */
  now?: () => number;
  /** Accepted like every store's; this store has nothing to warn about yet. @default process.emitWarning */
  onWarning?: WarningHandler;
}

export const DEFAULT_MAX_AGE_MS = 5 * 60 * 1000;

/** Enough for refresh-token rotation: after a lost race the next `change` sees the winner's tokens and writes nothing. */
export const DEFAULT_MAX_UPDATE_ATTEMPTS = 5;

const knownOptions = new Set([
  "secretId",
  "client",
  "clientConfig",
  "region",
  "endpoint",
  "maxAge",
  "maxUpdateAttempts",
  "now",
  "onWarning",
]);

export interface NormalizedStoreOptions {
  readonly secretIds: SecretIds;
  readonly client: SecretsManagerClient | undefined;
  readonly clientConfig: SecretsManagerClientConfig;
  readonly maxAgeMs: number;
  readonly maxUpdateAttempts: number;
  readonly now: () => number;
}

/** Where each profile's secret is. */
export type SecretIds =
  | { readonly kind: "single"; readonly secretId: string }
  | { readonly kind: "template"; readonly template: string }
  | { readonly kind: "map"; readonly byProfile: Readonly<Record<string, string>> };

export const profilePlaceholder = "{profile}";

export function normalizeStoreOptions(options: AwsSecretsManagerStoreOptions): NormalizedStoreOptions {
  if (typeof options !== "object" || options === null) {
    throw invalid("awsSecretsManagerStore needs options with a secretId.", ["secretId"]);
  }
  const unknown = Object.keys(options).filter((key) => !knownOptions.has(key));
  if (unknown.length > 0) {
    throw invalid(
      `awsSecretsManagerStore: unknown option ${unknown.join(", ")}; the options are ${[...knownOptions].join(", ")}.`,
      unknown,
    );
  }
  const secretIds = normalizeSecretIds(options.secretId);
  const shorthands = (["region", "endpoint"] as const).filter((key) => options[key] !== undefined);
  if (options.client !== undefined) {
    const alongside = [...(options.clientConfig === undefined ? [] : ["clientConfig"]), ...shorthands];
    if (alongside.length > 0) {
      throw invalid(
        `awsSecretsManagerStore: give either client or ${alongside.join(" and ")}, not both; configure the client you pass, or let the store make one.`,
        ["client", ...alongside],
      );
    }
  }
  for (const key of shorthands) {
    if (options.clientConfig?.[key] !== undefined) {
      throw invalid(`awsSecretsManagerStore: ${key} is given twice (also in clientConfig); keep one.`, [
        key,
        `clientConfig.${key}`,
      ]);
    }
    if (typeof options[key] !== "string" || options[key].length === 0) {
      throw invalid(`awsSecretsManagerStore: ${key} must be a non-empty string.`, [key]);
    }
  }
  const maxAgeMs = options.maxAge === undefined ? DEFAULT_MAX_AGE_MS : durationToMs(options.maxAge);
  if (maxAgeMs === undefined) {
    throw invalid(
      'awsSecretsManagerStore: maxAge must be seconds (>= 0) or a duration such as "30s" or "5m"; 0 turns the cache off.',
      ["maxAge"],
    );
  }
  const maxUpdateAttempts = options.maxUpdateAttempts ?? DEFAULT_MAX_UPDATE_ATTEMPTS;
  if (!Number.isInteger(maxUpdateAttempts) || maxUpdateAttempts < 1 || maxUpdateAttempts > 100) {
    throw invalid("awsSecretsManagerStore: maxUpdateAttempts must be a whole number from 1 to 100.", [
      "maxUpdateAttempts",
    ]);
  }
  return {
    secretIds,
    client: options.client,
    clientConfig: {
      ...options.clientConfig,
      ...(options.region === undefined ? {} : { region: options.region }),
      ...(options.endpoint === undefined ? {} : { endpoint: options.endpoint }),
    },
    maxAgeMs,
    maxUpdateAttempts,
    now: options.now ?? Date.now,
  };
}

function normalizeSecretIds(secretId: unknown): SecretIds {
  if (typeof secretId === "string") {
    if (secretId.trim().length === 0)
      throw invalid("awsSecretsManagerStore: secretId is empty.", ["secretId"]);
    return secretId.includes(profilePlaceholder)
      ? { kind: "template", template: secretId }
      : { kind: "single", secretId };
  }
  if (typeof secretId === "object" && secretId !== null && !Array.isArray(secretId)) {
    const entries = Object.entries(secretId);
    const bad = entries.filter(([, id]) => typeof id !== "string" || id.trim().length === 0).map(([p]) => p);
    if (entries.length === 0 || bad.length > 0) {
      throw invalid(
        `awsSecretsManagerStore: secretId maps each profile to a secret name or ARN${bad.length > 0 ? `; profile ${bad.join(", ")} has none` : ", and it is empty"}.`,
        ["secretId"],
      );
    }
    return { kind: "map", byProfile: Object.freeze(Object.fromEntries(entries)) as Record<string, string> };
  }
  throw invalid(
    'awsSecretsManagerStore: secretId is required: a secret name or ARN ("prod/x-bot"), one with a {profile} placeholder, or a map { default: "prod/x-bot", bot2: "prod/x-bot2" }.',
    ["secretId"],
  );
}

function invalid(message: string, keys: readonly string[]): TwauthError {
  return new TwauthError("OPTIONS_INVALID", message, { keys });
}
