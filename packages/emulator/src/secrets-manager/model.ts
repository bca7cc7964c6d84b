/** An IAM identity the emulator knows: requests signed with these keys pass SigV4 verification. */
export interface AwsTestCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  /** When set, requests must carry it as `x-amz-security-token` (temporary credentials). */
  readonly sessionToken?: string;
  /** Who the keys belong to, for AccessDeniedException messages. */
  readonly principalArn?: string;
}

/** The operations the emulator answers (the `X-Amz-Target` after `secretsmanager.`). */
export type SecretsManagerAction = "GetSecretValue" | "PutSecretValue" | "DescribeSecret" | "CreateSecret";

export const secretsManagerActions: readonly SecretsManagerAction[] = [
  "GetSecretValue",
  "PutSecretValue",
  "DescribeSecret",
  "CreateSecret",
];

/** A secret's value as a test gives it: a string, or any JSON value (stored as its JSON text). */
export type SecretValueSeed = string | Readonly<Record<string, unknown>> | readonly unknown[];

/** A secret as tests see it. */
export interface EmulatorSecret {
  readonly name: string;
  readonly arn: string;
  /** The AWSCURRENT version's id and text. */
  readonly versionId: string;
  readonly value: string;
  /** Every version id with its stages (AWSCURRENT, AWSPREVIOUS, custom ones). */
  readonly versions: Readonly<Record<string, readonly string[]>>;
}
