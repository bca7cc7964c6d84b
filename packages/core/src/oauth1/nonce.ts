import { randomBytes } from "node:crypto";

const nonceBytes = 16;
const nonceCharacters = nonceBytes * 2;
const maxNoncesPerDraw = 256;

/**
 * A source of nonces: each call gives 128 random bits as 32 hex characters (unreserved, so never
 * re-encoded). One randomBytes call costs about as much as the HMAC itself, and one hex conversion
 * per nonce a third of that, so a source draws many nonces' worth of bytes at once, as hex, and
 * hands out slices: each byte serves one nonce only. The draws double from one nonce up to 256, so
 * a process that signs once draws 16 bytes and a busy one draws 4 KiB at a time. The pool belongs
 * to the source (one per signer), not to the module.
 *
 * @example
 * const nonce = createRandomNonceSource();
 * nonce(); // "3f0c9a…" (32 hex characters)
 */
export function createRandomNonceSource(): () => string {
  let pool = "";
  let offset = 0;
  let noncesPerDraw = 1;
  return () => {
    if (offset + nonceCharacters > pool.length) {
      pool = randomBytes(nonceBytes * noncesPerDraw).toString("hex");
      offset = 0;
      noncesPerDraw = Math.min(noncesPerDraw * 2, maxNoncesPerDraw);
    }
    const nonce = pool.slice(offset, offset + nonceCharacters);
    offset += nonceCharacters;
    return nonce;
  };
}
