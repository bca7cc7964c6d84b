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
 * A malformed `%` escape is kept as text and bytes that are not UTF-8 become U+FFFD, rather than
 * thrown, as browsers do.
 *
 * @example
 * decodeFormUrlEncoded("status=Hello+Ladies+%2B+Gentlemen&include_entities=true&a");
 * // [["status", "Hello Ladies + Gentlemen"], ["include_entities", "true"], ["a", ""]]
 */
export function decodeFormUrlEncoded(text: string, into: OAuth1Parameter[] = []): OAuth1Parameter[] {
  // URLSearchParams is the standard's parser. Its constructor also drops one leading `?` (meant for
  // a URL's search), which a body parser keeps as part of the first name; a leading `&` (an empty
  // piece, skipped) stops that, so the pairs signed are the pairs a server reads.
  for (const pair of new URLSearchParams(text.startsWith("?") ? `&${text}` : text)) into.push(pair);
  return into;
}
