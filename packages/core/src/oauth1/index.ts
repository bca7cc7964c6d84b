/**
 * `@twauth/core/oauth1`: the OAuth 1.0a signer and the RFC 5849 steps it is made of, and nothing
 * else of core (no connection, no options validation, no zod), for programs that bring their own
 * HTTP and want the smallest start. `@twauth/core` exports the same functions.
 */
// All of it: code elsewhere in core imports TwauthError and its helpers through this entry (see
// scripts/bundle.mjs), and there is one TwauthError class however a program imports core.
export * from "../errors/twauth-error.js";
export { oauth1AuthorizationHeader } from "./authorization-header.js";
export type { OAuth1BaseStringInput } from "./base-string.js";
export { oauth1BaseString } from "./base-string.js";
export type { OAuth1ParameterSources } from "./collect-parameters.js";
export { collectOAuth1Parameters } from "./collect-parameters.js";
export type { OAuth1Form } from "./form.js";
export type { OAuth1Parameter } from "./form-urlencoded.js";
export { decodeFormUrlEncoded } from "./form-urlencoded.js";
export { normalizeOAuth1Parameters } from "./normalize-parameters.js";
export { percentEncode } from "./percent-encode.js";
export { oauth1BaseStringUri } from "./request-url.js";
export { hmacSha1Signature } from "./signature.js";
export type {
  OAuth1Credentials,
  OAuth1Request,
  OAuth1Signer,
  OAuth1SignerDescription,
  OAuth1SignerOptions,
} from "./signer.js";
export { createOAuth1Signer } from "./signer.js";
export { oauth1SigningKey } from "./signing-key.js";
