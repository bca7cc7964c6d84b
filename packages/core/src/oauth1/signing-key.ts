import { percentEncode } from "./percent-encode.js";

/**
 * RFC 5849 §3.4.2 HMAC-SHA1 key: `enc(consumer secret)&enc(token secret)`. Without a token (a
 * request-token call, or consumer-only signing) the token secret is empty and the `&` stays.
 *
 * @example
 * oauth1SigningKey("consumer secret", "token secret"); // "consumer%20secret&token%20secret"
 * oauth1SigningKey("s&cret"); // "s%26cret&"
 */
export function oauth1SigningKey(consumerSecret: string, tokenSecret = ""): string {
  return `${percentEncode(consumerSecret)}&${percentEncode(tokenSecret)}`;
}
