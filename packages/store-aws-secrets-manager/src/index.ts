export type { AwsSecretsManagerStore } from "./aws-secrets-manager-store.js";
export { awsSecretsManagerStore } from "./aws-secrets-manager-store.js";
export type { AwsSecretsManagerStoreOptions } from "./store-options.js";
