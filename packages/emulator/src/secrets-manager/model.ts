/**
 * An IAM identity the emulator knows: requests signed with these keys pass SigV4 verification.
 *
 * @example
 * const reader: AwsTestCredentials = { accessKeyId: "AKIAREADERTESTKEY001", secretAccessKey: "reader/secret/key/for/tests/only/000001" };
 * await using sm = await startSecretsManagerEmulator({ credentials: [defaultAwsCredentials, reader] });
 */
export interface AwsTestCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  /** When set, requests must carry it as `x-amz-security-token` (temporary credentials). @default none: long-term keys */
  readonly sessionToken?: string;
  /** Who the keys belong to, for AccessDeniedException messages. @default none */
  readonly principalArn?: string;
}

/**
 * The operations the emulator answers (the `X-Amz-Target` after `secretsmanager.`).
 *
 * @example
 * const action: SecretsManagerAction = "PutSecretValue";
 * expect(sm.stats.count({ action })).toBe(1);
 */
export type SecretsManagerAction =
  | "GetSecretValue"
  | "PutSecretValue"
  | "DescribeSecret"
  | "CreateSecret"
  | "UpdateSecretVersionStage";

/**
 * Every operation the emulator answers, as a list.
 *
 * @example
 * for (const action of secretsManagerActions) console.log(action, sm.stats.byAction[action] ?? 0);
 */
export const secretsManagerActions: readonly SecretsManagerAction[] = [
  "GetSecretValue",
  "PutSecretValue",
  "DescribeSecret",
  "CreateSecret",
  "UpdateSecretVersionStage",
];

/**
 * A secret's value as a test gives it: a string, or any JSON value (stored as its JSON text).
 *
 * @example
 * const value: SecretValueSeed = { CONSUMER_KEY: defaultApp.consumerKey, CONSUMER_SECRET: defaultApp.consumerSecret };
 * sm.setSecret("prod/x-bot", value);
 */
export type SecretValueSeed = string | Readonly<Record<string, unknown>> | readonly unknown[];

/**
 * A secret as tests see it.
 *
 * @example
 * const secret: EmulatorSecret | undefined = sm.secret("prod/x-bot");
 * expect(JSON.parse(secret?.value ?? "{}").ACCESS_TOKEN).toBe("rotated-token");
 */
export interface EmulatorSecret {
  readonly name: string;
  readonly arn: string;
  /** The AWSCURRENT version's id and text. */
  readonly versionId: string;
  readonly value: string;
  /** Every version id with its stages (AWSCURRENT, AWSPREVIOUS, custom ones). */
  readonly versions: Readonly<Record<string, readonly string[]>>;
}
