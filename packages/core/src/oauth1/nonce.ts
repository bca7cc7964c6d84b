import { randomBytes } from "node:crypto";

const nonceBytes = 16;
const poolBytes = nonceBytes * 256;

let pool: Buffer | undefined;
let offset = poolBytes;

/**
 * 128 random bits as 32 hex characters (unreserved, so never re-encoded). One randomBytes call
 * costs about as much as the HMAC itself, so the bytes come from a pool refilled from
 * crypto.randomBytes when used up: each byte serves one nonce only, and the pool is made lazily so
 * importing the module costs nothing.
 */
export function randomNonce(): string {
  if (pool === undefined || offset + nonceBytes > poolBytes) {
    pool = randomBytes(poolBytes);
    offset = 0;
  }
  const nonce = pool.toString("hex", offset, offset + nonceBytes);
  offset += nonceBytes;
  return nonce;
}
