export type {
  ApiConnection,
  ApiRequestOptions,
  ApiResponse,
  VerifiedCredentials,
} from "./connection/api-connection.js";
export type {
  ApiConnectionOptions,
  CredentialsInput,
  HttpMethod,
  RateLimitWait,
} from "./connection/connection-options.js";
export type { Duration } from "./connection/duration.js";
export { endpointTemplate } from "./connection/endpoint-template.js";
export type { FetchFunction } from "./connection/fetch-transport.js";
export { getApiConnection } from "./connection/get-api-connection.js";
export type { RateLimitInfo, RateLimitWindow, ResponseHeaders } from "./connection/rate-limit-info.js";
export type {
  RateLimitOutcome,
  RateLimitState,
  RateLimitTicket,
  RateLimitWaitReason,
} from "./connection/rate-limit-state.js";
export { createMemoryRateLimitState } from "./connection/rate-limit-state.js";
export type { ApiRequest, FormBody, QueryValue } from "./connection/request-target.js";
export type { Sleep } from "./connection/sleep.js";
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
