export type { FileHygieneOptions } from "./file-hygiene.js";
export { checkFileHygiene, createHygieneCheck } from "./file-hygiene.js";
export { withFileLock } from "./file-lock.js";
export type { FileSecretStoreOptions, FileStoreContext, FileStoreFormat } from "./file-secret-store.js";
export { fileSecretStore } from "./file-secret-store.js";
export type { KeyUpdatePlan, PlanKeyUpdatesOptions } from "./plan-key-updates.js";
export { planKeyUpdates } from "./plan-key-updates.js";
export type { ReadSecretFileOptions, SecretFileText } from "./read-secret-file.js";
export {
  DEFAULT_MAX_FILE_BYTES,
  fileSystemError,
  readSecretFile,
  readSecretFileIfPresent,
} from "./read-secret-file.js";
export type { FilePosition } from "./store-errors.js";
export {
  describePosition,
  duplicateKeyError,
  fileSyntaxError,
  profileNotFoundError,
  sanitizedParserError,
  throwIfAborted,
} from "./store-errors.js";
export { lineColumnAt } from "./text-position.js";
export { updateSecretFile } from "./update-secret-file.js";
export type { WriteFileAtomicOptions } from "./write-file-atomic.js";
export { writeFileAtomic } from "./write-file-atomic.js";
