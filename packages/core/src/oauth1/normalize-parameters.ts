import type { OAuth1Parameter } from "./form-urlencoded.js";
import { percentEncode } from "./percent-encode.js";

/** A name/value pair after percent-encoding (once, or twice for the base string). */
export type EncodedOAuth1Parameter = readonly [encodedName: string, encodedValue: string];

/**
 * Orders by encoded name, then encoded value. Encoded text is ASCII, so comparing UTF-16 code units
 * is the byte order RFC 5849 §3.4.1.3.2 asks for. Encoding twice keeps the order: `%` is the
 * smallest character either form holds, and it stays first when it becomes `%25`.
 */
export function compareEncodedParameters(a: EncodedOAuth1Parameter, b: EncodedOAuth1Parameter): number {
  if (a[0] !== b[0]) return a[0] < b[0] ? -1 : 1;
  if (a[1] === b[1]) return 0;
  return a[1] < b[1] ? -1 : 1;
}

/**
 * RFC 5849 §3.4.1.3.2 normalized parameters: each name and value percent-encoded, sorted, joined as
 * `name=value` pairs with `&`. Duplicate names and empty values are all kept.
 *
 * @example
 * normalizeOAuth1Parameters([["b", "2"], ["a", "x y"], ["a", "1"]]); // "a=1&a=x%20y&b=2"
 */
export function normalizeOAuth1Parameters(parameters: Iterable<OAuth1Parameter>): string {
  const encoded: EncodedOAuth1Parameter[] = [];
  for (const [name, value] of parameters) encoded.push([percentEncode(name), percentEncode(value)]);
  encoded.sort(compareEncodedParameters);
  return encoded.map(([name, value]) => `${name}=${value}`).join("&");
}

/**
 * The last part of the base string, `percentEncode(normalized parameters)`, from two lists of pairs
 * each encoded twice and sorted: merged in order, and the `=` and `&` between pairs become `%3D`
 * and `%26`. Merging spares a sort of the protocol parameters, which arrive in order.
 *
 * `joinedProtocol`, when given, is `sortedProtocol` already joined (the signer builds it from
 * constant pieces): then request pairs that sort wholly before or after the protocol block are
 * simply put around it, and only an interleaving request pair needs the pair-by-pair merge.
 */
export function joinParametersForBaseString(
  sortedProtocol: readonly EncodedOAuth1Parameter[],
  sortedRequest: readonly EncodedOAuth1Parameter[],
  joinedProtocol?: string,
): string {
  if (joinedProtocol !== undefined && sortedProtocol.length > 0) {
    const firstName = sortedProtocol[0]![0];
    const lastName = sortedProtocol[sortedProtocol.length - 1]![0];
    let before = "";
    let after = "";
    let index = 0;
    for (; index < sortedRequest.length; index++) {
      const [name, value] = sortedRequest[index]!;
      if (name < firstName) before += `${name}%3D${value}%26`;
      else if (name > lastName) after += `%26${name}%3D${value}`;
      else break;
    }
    if (index === sortedRequest.length) return `${before}${joinedProtocol}${after}`;
  }
  let joined = "";
  let protocolIndex = 0;
  let requestIndex = 0;
  while (protocolIndex < sortedProtocol.length || requestIndex < sortedRequest.length) {
    const protocol = sortedProtocol[protocolIndex];
    const request = sortedRequest[requestIndex];
    let next: EncodedOAuth1Parameter;
    if (
      request === undefined ||
      (protocol !== undefined && compareEncodedParameters(protocol, request) <= 0)
    ) {
      next = protocol!;
      protocolIndex++;
    } else {
      next = request;
      requestIndex++;
    }
    joined += joined === "" ? `${next[0]}%3D${next[1]}` : `%26${next[0]}%3D${next[1]}`;
  }
  return joined;
}
