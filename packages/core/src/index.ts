export type { BearerTokenCache } from "./auth/bearer-token-cache.js";
export { createMemoryBearerTokenCache } from "./auth/bearer-token-cache.js";
export type { RefreshLock } from "./auth/refresh-lock.js";
export type { ApiConnection } from "./connection/api-connection.js";
export type { ApiRequestOptions, ApiResponse } from "./connection/api-response.js";
export type {
  ApiConnectionOptions,
  ConnectionNotice,
  ConnectionNotify,
  CredentialsInput,
  HttpMethod,
} from "./connection/connection-options.js";
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
// The signer's whole API, as the signing-only entry `@twauth/core/oauth1` exports it.
export * from "./oauth1/index.js";
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
  BillingKind,
  MemorySpendLedgerOptions,
  Micros,
  PriceOverrides,
  ReserveResult,
  SettleRequest,
  SettleResult,
  SpendCharge,
  SpendFigures,
  SpendLedger,
  SpendLimit,
  SpendLimitMode,
  SpendNotice,
  SpendRequest,
  SpendReservation,
  SpendResponse,
  SpendTotals,
} from "./spend/index.js";
// Not the guard itself nor the billing table: the connection loads those with its options (lazily),
// so that importing core to sign requests does not.
export { createMemorySpendLedger } from "./spend/memory-spend-ledger.js";
export { formatUsd } from "./spend/money.js";
export { formatSpendNotice } from "./spend/spend-notice.js";
export { utcDay } from "./spend/utc-day.js";
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
export type { OAuth2Authorization, OAuth2AuthorizationOptions } from "./user-auth/oauth2-authorization.js";
export { createOAuth2Authorization, pkceS256Challenge } from "./user-auth/oauth2-authorization.js";
export type { OAuth2ScopePreset } from "./user-auth/oauth2-scopes.js";
export { defaultOAuth2Scopes, oauth2ScopePresets } from "./user-auth/oauth2-scopes.js";
export type {
  ExchangeOAuth2CodeOptions,
  RefreshOAuth2TokenOptions,
  RevokeOAuth2TokenOptions,
} from "./user-auth/oauth2-token-endpoint.js";
export {
  exchangeOAuth2Code,
  refreshOAuth2Token,
  revokeOAuth2Token,
} from "./user-auth/oauth2-token-endpoint.js";
export type { OAuth2ClientAuth, OAuth2Tokens } from "./user-auth/oauth2-token-exchange.js";
export type {
  StartUserAuthorizationOptions,
  UserAuthorizationRequest,
} from "./user-auth/start-user-authorization.js";
export { startUserAuthorization } from "./user-auth/start-user-authorization.js";
