export type { AwsSecretsManagerStore } from "./aws-secrets-manager-store.js";
export { awsSecretsManagerStore } from "./aws-secrets-manager-store.js";
export { storeDescription } from "./store-description.js";
export type { AwsSecretsManagerStoreOptions } from "./store-options.js";
