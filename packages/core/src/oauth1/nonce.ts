import { randomBytes } from "node:crypto";

const nonceBytes = 16;
const nonceCharacters = nonceBytes * 2;
const poolBytes = nonceBytes * 256;

let pool = "";
let offset = 0;

/**
 * 128 random bits as 32 hex characters (unreserved, so never re-encoded). One randomBytes call
 * costs about as much as the HMAC itself, and one hex conversion per nonce costs a third of that,
 * so 256 nonces' worth of bytes come from one crypto.randomBytes call, turned into hex at once:
 * each nonce is a slice of that text, each byte serves one nonce only, and the pool is made lazily
 * so importing the module costs nothing.
 */
export function randomNonce(): string {
  if (offset + nonceCharacters > pool.length) {
    pool = randomBytes(poolBytes).toString("hex");
    offset = 0;
  }
  const nonce = pool.slice(offset, offset + nonceCharacters);
  offset += nonceCharacters;
  return nonce;
}
