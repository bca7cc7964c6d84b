import { formDecode } from "./percent-encode.js";

/** A decoded name/value pair. Names repeat and values may be empty: order and duplicates matter. */
export type Parameter = readonly [name: string, value: string];

/**
 * Decodes a query string or form body into pairs (RFC 5849 §3.4.1.3.1): split on "&", then on the
 * first "=", "+" as space; a name without "=" has the empty value; empty segments are skipped.
 * Throws URIError on malformed percent-encoding.
 */
export function decodeFormPairs(encoded: string): Parameter[] {
  const pairs: Parameter[] = [];
  for (const segment of encoded.split("&")) {
    if (segment === "") continue;
    const equals = segment.indexOf("=");
    const name = equals === -1 ? segment : segment.slice(0, equals);
    const value = equals === -1 ? "" : segment.slice(equals + 1);
    pairs.push([formDecode(name), formDecode(value)]);
  }
  return pairs;
}

/**
 * Parses `Authorization: OAuth k="v", ...` (RFC 5849 §3.5.1) into decoded pairs, `realm` excluded.
 * Returns undefined when the header is not an OAuth header or is not made of quoted pairs.
 * Throws URIError on malformed percent-encoding.
 */
export function parseOAuthAuthorizationHeader(header: string): Parameter[] | undefined {
  const match = /^OAuth\s+(.*)$/is.exec(header.trim());
  if (!match) return undefined;
  const rest = match[1] ?? "";
  const pairs: Parameter[] = [];
  const pairPattern = /\s*([^\s=,]+)\s*=\s*"([^"]*)"\s*(?:,|$)/gy;
  let consumed = 0;
  for (let found = pairPattern.exec(rest); found; found = pairPattern.exec(rest)) {
    consumed = pairPattern.lastIndex;
    const name = decodeURIComponent(found[1] ?? "");
    if (name === "realm") continue;
    pairs.push([name, decodeURIComponent(found[2] ?? "")]);
  }
  if (rest.slice(consumed).trim() !== "") return undefined;
  return pairs;
}
