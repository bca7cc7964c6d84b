import { createHmac, type KeyObject } from "node:crypto";

/** RFC 5849 §3.4.2: base64 of HMAC-SHA1(signing key, base string). */
export function hmacSha1Signature(baseString: string, signingKey: string | KeyObject): string {
  return createHmac("sha1", signingKey).update(baseString).digest("base64");
}
