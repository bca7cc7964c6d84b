export type { BearerTokenCache } from "./auth/bearer-token-cache.js";
export { createMemoryBearerTokenCache } from "./auth/bearer-token-cache.js";
export type { ApiConnection } from "./connection/api-connection.js";
export type { ApiRequestOptions, ApiResponse } from "./connection/api-response.js";
export type { ApiConnectionOptions, CredentialsInput, HttpMethod } from "./connection/connection-options.js";
export { endpointTemplate } from "./connection/endpoint-template.js";
export { getApiConnection } from "./connection/get-api-connection.js";
export type { ApiRequest, FormBody, QueryValue } from "./connection/request-target.js";
export type { VerifiedCredentials } from "./connection/verify-credentials.js";
export type { CredentialField } from "./credentials/credential-fields.js";
export {
  canonicalCredentialField,
  credentialFieldKeyNames,
  credentialFieldLabels,
  credentialKeyPrefixWords,
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
export { apiBaseUrlOrigin, apiBaseUrlRule, checkApiBaseUrl } from "./http/base-url.js";
export type { Duration } from "./http/duration.js";
export { durationToMs } from "./http/duration.js";
export type { FetchFunction } from "./http/fetch-transport.js";
export type { Sleep } from "./http/sleep.js";
export type { ResponseHeaders } from "./http/transport.js";
export { oauth1AuthorizationHeader } from "./oauth1/authorization-header.js";
export type { OAuth1BaseStringInput } from "./oauth1/base-string.js";
export { oauth1BaseString } from "./oauth1/base-string.js";
export type { OAuth1ParameterSources } from "./oauth1/collect-parameters.js";
export { collectOAuth1Parameters } from "./oauth1/collect-parameters.js";
export type { OAuth1Form } from "./oauth1/form.js";
export type { OAuth1Parameter } from "./oauth1/form-urlencoded.js";
export { decodeFormUrlEncoded } from "./oauth1/form-urlencoded.js";
export { normalizeOAuth1Parameters } from "./oauth1/normalize-parameters.js";
export { percentEncode } from "./oauth1/percent-encode.js";
export { oauth1BaseStringUri } from "./oauth1/request-url.js";
export { hmacSha1Signature } from "./oauth1/signature.js";
export type {
  OAuth1Credentials,
  OAuth1Request,
  OAuth1Signer,
  OAuth1SignerDescription,
  OAuth1SignerOptions,
} from "./oauth1/signer.js";
export { createOAuth1Signer } from "./oauth1/signer.js";
export { oauth1SigningKey } from "./oauth1/signing-key.js";
export type { RateLimitInfo, RateLimitWindow } from "./rate-limit/rate-limit-info.js";
export type { RateLimitWait } from "./rate-limit/rate-limit-notify.js";
export type {
  RateLimitOutcome,
  RateLimitState,
  RateLimitTicket,
  RateLimitWaitReason,
} from "./rate-limit/rate-limit-state.js";
export { createMemoryRateLimitState } from "./rate-limit/rate-limit-state.js";
export type {
  Micros,
  ReserveResult,
  SettleRequest,
  SettleResult,
  SpendLedger,
  SpendTotals,
} from "./spend/index.js";
export { createMemorySpendLedger } from "./spend/memory-spend-ledger.js";
export type {
  FileStoreHygieneOptions,
  SecretKeyLocation,
  SecretRecord,
  SecretStore,
  SecretStoreLoadOptions,
  SecretStoreSaveOptions,
  UpdatableSecretStore,
  WritableSecretStore,
} from "./store/secret-store.js";
export {
  DEFAULT_PROFILE,
  isUpdatableSecretStore,
  isWritableSecretStore,
  keyLocationOf,
  unreadKeysOf,
  withKeyLocations,
} from "./store/secret-store.js";
export type { SecretStoreDescription, SecretStoreOptionDescription } from "./store/store-description.js";
export type {
  CompleteUserAuthorizationOptions,
  UserAccessToken,
} from "./user-auth/complete-user-authorization.js";
export { completeUserAuthorization } from "./user-auth/complete-user-authorization.js";
export type {
  StartUserAuthorizationOptions,
  UserAuthorizationRequest,
} from "./user-auth/start-user-authorization.js";
export { startUserAuthorization } from "./user-auth/start-user-authorization.js";
