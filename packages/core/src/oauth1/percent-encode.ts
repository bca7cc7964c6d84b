// Per ASCII code: "" when RFC 3986 §2.3 counts it unreserved (A-Z a-z 0-9 - . _ ~), else its
// encoding once (`%XX`, upper-case hex) and twice (`%25XX`, the form it takes in a base string).
// Built with plain comparisons: a regular expression and toString(16) per code cost a program that
// signs once about 0.1 ms more at start (measured on node 20).
const hexDigits = "0123456789ABCDEF";
const encodedOnce: string[] = [];
const encodedTwice: string[] = [];
for (let code = 0; code < 128; code++) {
  const hex = hexDigits[code >> 4]! + hexDigits[code & 15]!;
  encodedOnce.push(isUnreserved(code) ? "" : `%${hex}`);
  encodedTwice.push(isUnreserved(code) ? "" : `%25${hex}`);
}

function isUnreserved(code: number): boolean {
  const letterOrDigit =
    (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39);
  return letterOrDigit || code === 0x2d || code === 0x2e || code === 0x5f || code === 0x7e;
}

/**
 * RFC 5849 §3.6: UTF-8, then every byte outside the unreserved set `A-Z a-z 0-9 - . _ ~` as `%XX`
 * with upper-case hex. A lone surrogate (not encodable as UTF-8) becomes U+FFFD, as it does when
 * fetch or URLSearchParams put the string on the wire, so the signature matches what is sent.
 * Unlike `encodeURIComponent`, it also encodes `!'()*`.
 *
 * @example
 * percentEncode("Dogs, Cats & Mice"); // "Dogs%2C%20Cats%20%26%20Mice"
 */
export function percentEncode(value: string): string {
  return encodeAscii(value, encodedOnce) ?? encodeUnicode(value);
}

/**
 * `percentEncode(percentEncode(value))`, the form each parameter takes inside the base string,
 * in one pass: encoded text holds only unreserved characters and `%XX`, so the second encoding
 * only turns each `%` into `%25`.
 */
export function percentEncodeTwice(value: string): string {
  return encodeAscii(value, encodedTwice) ?? encodeUnicode(value).replaceAll("%", "%25");
}

// A table lookup per character: several times faster than encodeURIComponent followed by the
// fix-ups it needs, and text that needs no encoding comes back as the same string.
function encodeAscii(value: string, table: readonly string[]): string | undefined {
  let encoded = "";
  let copiedUpTo = 0;
  for (let index = 0; index < value.length; index++) {
    const code = value.charCodeAt(index);
    if (code >= 128) return undefined;
    const replacement = table[code]!;
    if (replacement !== "") {
      encoded += index > copiedUpTo ? value.slice(copiedUpTo, index) + replacement : replacement;
      copiedUpTo = index + 1;
    }
  }
  if (copiedUpTo === 0) return value;
  return copiedUpTo < value.length ? encoded + value.slice(copiedUpTo) : encoded;
}

// encodeURIComponent leaves these five as they are, but RFC 3986 §2.3 does not count them unreserved.
const leftByEncodeUriComponent = /[!'()*]/g;

function encodeUnicode(value: string): string {
  let encoded: string;
  try {
    encoded = encodeURIComponent(value);
  } catch {
    encoded = encodeURIComponent(toWellFormed(value));
  }
  return encoded.replace(leftByEncodeUriComponent, (character) => encodedOnce[character.charCodeAt(0)]!);
}

function toWellFormed(value: string): string {
  return value.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "\uFFFD");
}
