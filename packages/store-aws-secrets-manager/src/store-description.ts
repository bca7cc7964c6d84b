import type { SecretStoreDescription } from "@twauth/core";

/**
 * What a config file may write under `store:` for this store (`@twauth/config` validates from it).
 * A ready `client`, `clientConfig` and the clock cannot be written in a file; `region` and
 * `endpoint` are the shorthands for them.
 *
 * @example
 * // twauth.config.yaml
 * // store: { type: aws-secrets-manager, secret_id: "prod/{profile}/x", region: eu-west-1, max_age: 1m }
 */
export const storeDescription: SecretStoreDescription = {
  type: "aws-secrets-manager",
  packageName: "@twauth/store-aws-secrets-manager",
  factory: "awsSecretsManagerStore",
  options: [
    {
      name: "secretId",
      kind: "string-or-map",
      required: true,
      description:
        'the secret\'s name or ARN ("prod/x-bot"), one with a {profile} placeholder, or a map of profile to secret',
    },
    {
      name: "region",
      kind: "string",
      description: "the AWS region; default: AWS_REGION, then the AWS profile's",
    },
    {
      name: "endpoint",
      kind: "string",
      description: "a Secrets Manager endpoint URL (a VPC endpoint, LocalStack, the twauth emulator)",
    },
    {
      name: "maxAge",
      kind: "duration",
      min: 0,
      max: 24 * 60 * 60 * 1000,
      default: "5m",
      description: 'how long a loaded secret is reused: seconds, or "30s", "5m"; 0 turns the cache off',
    },
  ],
};
