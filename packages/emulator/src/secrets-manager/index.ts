export type {
  SecretsManagerCall,
  SecretsManagerCallFilter,
  SecretsManagerStats,
} from "./call-stats.js";
export type { SecretsManagerFault, SecretsManagerTarget } from "./faults.js";
export type {
  AwsTestCredentials,
  EmulatorSecret,
  SecretsManagerAction,
  SecretValueSeed,
} from "./model.js";
export { secretsManagerActions } from "./model.js";
export type { SecretsManagerEmulatorOptions } from "./options.js";
export { defaultAwsCredentials } from "./options.js";
export {
  type SecretsManagerEmulator,
  startSecretsManagerEmulator,
} from "./start-secrets-manager-emulator.js";
