import { createHmac, type KeyObject } from "node:crypto";

/**
 * RFC 5849 §3.4.2: base64 of HMAC-SHA1(signing key, base string): the `oauth_signature` value,
 * before it is percent-encoded for the header. For checking one step by hand; a signer from
 * `createOAuth1Signer` does this itself, faster.
 *
 * @example
 * const signature = hmacSha1Signature(oauth1BaseString(input), oauth1SigningKey(consumerSecret, tokenSecret));
 */
export function hmacSha1Signature(baseString: string, signingKey: string | KeyObject): string {
  return createHmac("sha1", signingKey).update(baseString).digest("base64");
}
