// What store authors share. Profiles and key planning, errors and abort, then files: bounded
// reads, atomic writes, cross-process locks, the one-file store seam, and hygiene.
export { abortedError, throwIfAborted, untilAborted } from "./abort.js";
export type { EnvProfileEntry, EnvProfileOptions, EnvVariables } from "./env-profile.js";
export {
  DEFAULT_ENV_PROFILE_PREFIX,
  envProfileNamePrefix,
  envProfileNotFoundError,
  envProfileSegment,
  listEnvProfiles,
  normalizeEnvPrefix,
  selectEnvProfile,
  unreadEnvKeys,
} from "./env-profile.js";
export type { FileHygieneOptions } from "./file-hygiene.js";
export { checkFileHygiene, createHygieneCheck } from "./file-hygiene.js";
export type { FileLockOptions } from "./file-lock.js";
export { withFileLock } from "./file-lock.js";
export type { FileSecretStoreOptions, FileStoreContext, FileStoreFormat } from "./file-secret-store.js";
export { fileSecretStore } from "./file-secret-store.js";
export type { KeyUpdatePlan, PlanKeyUpdatesOptions } from "./plan-key-updates.js";
export { planKeyUpdates } from "./plan-key-updates.js";
export { isProcessAlive } from "./process-alive.js";
export type { ReadSecretFileOptions, SecretFileText } from "./read-secret-file.js";
export {
  DEFAULT_MAX_FILE_BYTES,
  fileSystemError,
  readSecretFile,
  readSecretFileIfPresent,
  secretFileNotFoundError,
} from "./read-secret-file.js";
export type { FilePosition } from "./store-errors.js";
export {
  describePosition,
  duplicateKeyError,
  fileSyntaxError,
  profileNotFoundError,
  sanitizedParserError,
} from "./store-errors.js";
export { lineColumnAt } from "./text-position.js";
export { updateSecretFile } from "./update-secret-file.js";
export type { WriteFileAtomicOptions } from "./write-file-atomic.js";
export { writeFileAtomic } from "./write-file-atomic.js";
