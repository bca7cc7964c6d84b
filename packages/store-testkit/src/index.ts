export type { ChildProcessUpdatesOptions } from "./child-process-updates.js";
export { runUpdatesInChildProcesses } from "./child-process-updates.js";
export type { SecretStoreSeed, SeedProfiles } from "./contract-seed.js";
export { contractSeed, hostileValues, seedValues } from "./contract-seed.js";
export type {
  DescribeSecretStoreOptions,
  SecretStoreFactory,
  SecretStoreFixture,
} from "./describe-secret-store.js";
export { describeSecretStore, expectNoSecret } from "./describe-secret-store.js";
export { memorySecretStore } from "./memory-secret-store.js";
export type { TempDirectory } from "./temp-directory.js";
export { createTempDirectory } from "./temp-directory.js";
