export type { CredentialField } from "./credentials/credential-fields.js";
export {
  canonicalCredentialField,
  credentialFieldKeyNames,
  credentialFieldLabels,
} from "./credentials/credential-fields.js";
export type {
  AppOnlyCredentials,
  Credentials,
  OAuth1UserCredentials,
  OAuth2UserCredentials,
  TokenType,
} from "./credentials/credentials.js";
export type { ResolveCredentialsOptions } from "./credentials/resolve-credentials.js";
export { resolveCredentials } from "./credentials/resolve-credentials.js";
export type { TwauthErrorCode, TwauthErrorContext, TwauthErrorOptions } from "./errors/twauth-error.js";
export { isTwauthError, TwauthError } from "./errors/twauth-error.js";
export type { TwauthWarning, TwauthWarningCode, WarningHandler } from "./errors/twauth-warning.js";
export { emitProcessWarning } from "./errors/twauth-warning.js";
export type {
  FileStoreHygieneOptions,
  SecretRecord,
  SecretStore,
  SecretStoreLoadOptions,
  SecretStoreSaveOptions,
  WritableSecretStore,
} from "./store/secret-store.js";
export { DEFAULT_PROFILE, isWritableSecretStore } from "./store/secret-store.js";
