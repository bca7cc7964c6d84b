/**
 * A name/value pair, decoded (not percent-encoded).
 *
 * @example
 * const pair: OAuth1Parameter = ["status", "Hello Ladies + Gentlemen"];
 */
export type OAuth1Parameter = readonly [name: string, value: string];

/**
 * Parses `application/x-www-form-urlencoded` text as the WHATWG URL standard does (and RFC 5849
 * §3.4.1.3.1 asks for): `&`-separated, empty pieces skipped, split at the first `=`, `+` is a space,
 * `%XX` are UTF-8 bytes. Pairs are appended to `into` in order; duplicates and empty values are kept.
 * A malformed `%` escape is kept as text rather than thrown, as browsers do.
 *
 * @example
 * decodeFormUrlEncoded("status=Hello+Ladies+%2B+Gentlemen&include_entities=true&a");
 * // [["status", "Hello Ladies + Gentlemen"], ["include_entities", "true"], ["a", ""]]
 */
export function decodeFormUrlEncoded(text: string, into: OAuth1Parameter[] = []): OAuth1Parameter[] {
  const length = text.length;
  let start = 0;
  while (start < length) {
    let end = text.indexOf("&", start);
    if (end === -1) end = length;
    if (end > start) {
      const equals = text.indexOf("=", start);
      if (equals === -1 || equals > end) {
        into.push([decodeFormComponent(text.slice(start, end)), ""]);
      } else {
        into.push([
          decodeFormComponent(text.slice(start, equals)),
          decodeFormComponent(text.slice(equals + 1, end)),
        ]);
      }
    }
    start = end + 1;
  }
  return into;
}

function decodeFormComponent(raw: string): string {
  const spaced = raw.includes("+") ? raw.replaceAll("+", " ") : raw;
  if (!spaced.includes("%")) return spaced;
  try {
    return decodeURIComponent(spaced);
  } catch {
    return lenientPercentDecode(spaced);
  }
}

const hexDigit = /^[0-9A-Fa-f]{2}$/;

// The WHATWG percent-decode: a `%` not followed by two hex digits stays as it is, and bytes that are
// not valid UTF-8 become U+FFFD, where decodeURIComponent would throw.
function lenientPercentDecode(text: string): string {
  const bytes = Buffer.from(text, "utf8");
  const out = Buffer.allocUnsafe(bytes.length);
  let written = 0;
  for (let index = 0; index < bytes.length; index++) {
    const byte = bytes[index]!;
    if (
      byte === 0x25 &&
      index + 2 < bytes.length &&
      hexDigit.test(bytes.toString("latin1", index + 1, index + 3))
    ) {
      out[written++] = Number.parseInt(bytes.toString("latin1", index + 1, index + 3), 16);
      index += 2;
    } else {
      out[written++] = byte;
    }
  }
  return out.toString("utf8", 0, written);
}
