import { createHmac, timingSafeEqual } from "node:crypto";
import { percentEncode } from "./percent-encode.js";

/** RFC 5849 §3.4.2: HMAC-SHA1 keyed by enc(consumer secret)&enc(token secret), base64. */
export function hmacSha1Signature(baseString: string, consumerSecret: string, tokenSecret: string): string {
  const key = `${percentEncode(consumerSecret)}&${percentEncode(tokenSecret)}`;
  return createHmac("sha1", key).update(baseString).digest("base64");
}

/** Compares two strings without leaking, through timing, how much of them matched. */
export function constantTimeEqual(given: string, expected: string): boolean {
  const givenBytes = Buffer.from(given, "utf8");
  const expectedBytes = Buffer.from(expected, "utf8");
  if (givenBytes.length !== expectedBytes.length) {
    timingSafeEqual(expectedBytes, expectedBytes);
    return false;
  }
  return timingSafeEqual(givenBytes, expectedBytes);
}
