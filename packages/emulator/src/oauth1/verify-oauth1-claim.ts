import { constantTimeEqual, hmacSha1Signature } from "./hmac-sha1-signature.js";
import type { NonceCache } from "./nonce-cache.js";
import type { OAuth1Claim } from "./parse-oauth1-request.js";

/** Why a claim was refused, in the order the checks run. */
export type OAuth1Rejection =
  | "unknown-consumer"
  | "unknown-token"
  | "timestamp"
  | "signature"
  | "nonce-replay";

export interface OAuth1Secrets {
  /** undefined when the consumer key is unknown. */
  consumerSecret: string | undefined;
  /** "" for a consumer-only request; undefined when the token is unknown or revoked. */
  tokenSecret: string | undefined;
}

export interface OAuth1CheckContext {
  nowSeconds: number;
  toleranceSeconds: number;
  nonces: NonceCache;
}

/**
 * Checks a claim: known consumer, known token, timestamp within tolerance, HMAC-SHA1 signature,
 * then a nonce not used before for this consumer and timestamp. The nonce is recorded only for a
 * request that passed every other check, so a forged request cannot burn a real client's nonce.
 */
export function verifyOAuth1Claim(
  claim: OAuth1Claim,
  secrets: OAuth1Secrets,
  context: OAuth1CheckContext,
): OAuth1Rejection | undefined {
  if (secrets.consumerSecret === undefined) return "unknown-consumer";
  if (secrets.tokenSecret === undefined) return "unknown-token";
  if (Math.abs(claim.timestamp - context.nowSeconds) > context.toleranceSeconds) return "timestamp";
  const expected = hmacSha1Signature(claim.baseString, secrets.consumerSecret, secrets.tokenSecret);
  if (!constantTimeEqual(claim.signature, expected)) return "signature";
  if (!context.nonces.remember(claim.consumerKey, claim.timestamp, claim.nonce, context.nowSeconds)) {
    return "nonce-replay";
  }
  return undefined;
}
