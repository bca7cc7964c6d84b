import type { OAuth1Parameter } from "./form-urlencoded.js";
import { percentEncode, percentEncodeTwice } from "./percent-encode.js";

/**
 * A parameter after RFC 5849 §3.4.1.3.2 step 1, its name and value percent-encoded: once, as the
 * normalized parameters and the `Authorization` header hold them, or twice (see
 * BaseStringParameter). Both forms sort alike (see compareEncodedParameters).
 *
 * @example
 * const once: EncodedOAuth1Parameter = { name: "status", value: "Hello%20Ladies" };
 */
export interface EncodedOAuth1Parameter {
  readonly name: string;
  readonly value: string;
}

/**
 * A parameter as it appears inside the base string, which percent-encodes the normalized
 * parameters once more: name and value encoded twice, and `pair`, `name%3Dvalue` (`=` encoded).
 */
export interface BaseStringParameter extends EncodedOAuth1Parameter {
  readonly pair: string;
}

/** Step 1, encoding once: the pairs of `parameters`, appended to `into`. */
export function encodeParameters(
  parameters: Iterable<OAuth1Parameter>,
  into: EncodedOAuth1Parameter[] = [],
): EncodedOAuth1Parameter[] {
  for (const [name, value] of parameters)
    into.push({ name: percentEncode(name), value: percentEncode(value) });
  return into;
}

/** One decoded pair as the base string holds it. */
export function baseStringParameter(name: string, value: string): BaseStringParameter {
  return twiceEncoded(percentEncodeTwice(name), percentEncodeTwice(value));
}

/** A pair already encoded twice, with its `pair` text. */
export function twiceEncoded(name: string, value: string): BaseStringParameter {
  return { name, value, pair: `${name}%3D${value}` };
}

/** Step 1 in the base string's form: the pairs of `parameters`, appended to `into`. */
export function encodeParametersTwice(
  parameters: Iterable<OAuth1Parameter>,
  into: BaseStringParameter[] = [],
): BaseStringParameter[] {
  for (const [name, value] of parameters) into.push(baseStringParameter(name, value));
  return into;
}

/**
 * The one order of OAuth 1.0a parameters (step 2), for the base string and the header alike: by
 * encoded name, then encoded value. Encoded text is ASCII, so comparing UTF-16 code units is the
 * byte order the RFC asks for. Pairs encoded twice sort as they do encoded once: encoding again
 * only turns `%` into `%25`, and `%` sorts before every other character encoded text holds.
 */
export function compareEncodedParameters(a: EncodedOAuth1Parameter, b: EncodedOAuth1Parameter): number {
  if (a.name !== b.name) return a.name < b.name ? -1 : 1;
  if (a.value === b.value) return 0;
  return a.value < b.value ? -1 : 1;
}

// A request has a handful of parameters; below this many, an insertion sort beats Array#sort.
const insertionSortMax = 24;

/** Sorts encoded parameters in place into the order of compareEncodedParameters, and returns them. */
export function sortParameters<T extends EncodedOAuth1Parameter>(parameters: T[]): T[] {
  if (parameters.length > insertionSortMax) return parameters.sort(compareEncodedParameters);
  for (let index = 1; index < parameters.length; index++) {
    const parameter = parameters[index]!;
    let before = index - 1;
    while (before >= 0 && compareEncodedParameters(parameters[before]!, parameter) > 0) {
      parameters[before + 1] = parameters[before]!;
      before--;
    }
    parameters[before + 1] = parameter;
  }
  return parameters;
}

/**
 * Two lists, each sorted (see sortParameters), as one sorted list. A signer keeps the parameters
 * that repeat on every request sorted, and merges in the few that change.
 */
export function mergeSortedParameters<T extends EncodedOAuth1Parameter>(
  a: readonly T[],
  b: readonly T[],
): T[] {
  if (b.length === 0) return a.slice();
  if (a.length === 0) return b.slice();
  const merged: T[] = [];
  let ai = 0;
  let bi = 0;
  while (ai < a.length && bi < b.length) {
    merged.push(compareEncodedParameters(a[ai]!, b[bi]!) <= 0 ? a[ai++]! : b[bi++]!);
  }
  while (ai < a.length) merged.push(a[ai++]!);
  while (bi < b.length) merged.push(b[bi++]!);
  return merged;
}

/** Steps 3 and 4: pairs encoded once and sorted, as `name=value`, joined with `&`. */
export function joinNormalizedParameters(sorted: readonly EncodedOAuth1Parameter[]): string {
  let joined = "";
  for (let index = 0; index < sorted.length; index++) {
    const { name, value } = sorted[index]!;
    joined += index === 0 ? `${name}=${value}` : `&${name}=${value}`;
  }
  return joined;
}

/**
 * `percentEncode(joinNormalizedParameters(once))`, the base string's third part, from the same
 * pairs in the base string's form, sorted: percent-encoding a concatenation is concatenating the
 * encodings (`=` is `%3D`, `&` is `%26`), which spares encoding the whole text on every request.
 */
export function joinNormalizedParametersEncoded(sorted: readonly BaseStringParameter[]): string {
  if (sorted.length === 0) return "";
  let joined = sorted[0]!.pair;
  for (let index = 1; index < sorted.length; index++) joined += `%26${sorted[index]!.pair}`;
  return joined;
}

/**
 * RFC 5849 §3.4.1.3.2 normalized parameters: each name and value percent-encoded, sorted, joined as
 * `name=value` pairs with `&`. Duplicate names and empty values are all kept.
 *
 * @example
 * normalizeOAuth1Parameters([["b", "2"], ["a", "x y"], ["a", "1"]]); // "a=1&a=x%20y&b=2"
 */
export function normalizeOAuth1Parameters(parameters: Iterable<OAuth1Parameter>): string {
  return joinNormalizedParameters(sortParameters(encodeParameters(parameters)));
}
