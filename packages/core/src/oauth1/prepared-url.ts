import { requestParameters } from "./collect-parameters.js";
import { invalidArgument } from "./invalid-argument.js";
import { type BaseStringParameter, encodeParametersTwice, sortParameters } from "./normalize-parameters.js";
import { percentEncode } from "./percent-encode.js";
import { baseStringUri, parseRequestUrl } from "./request-url.js";

/**
 * A request URL with the parts of its base string that do not change between requests: its base
 * string URI, percent-encoded, and its query parameters in the base string's form, sorted
 * (RFC 5849 §3.4.1.2, §3.4.1.3).
 */
export interface PreparedUrl {
  readonly url: URL;
  readonly encodedBaseStringUri: string;
  readonly query: readonly BaseStringParameter[];
}

export function prepareUrl(url: URL, where: string): PreparedUrl {
  return {
    url,
    encodedBaseStringUri: percentEncode(baseStringUri(url)),
    query: sortParameters(encodeParametersTwice(requestParameters(url, undefined, where))),
  };
}

export interface PreparedUrlCache {
  /** The prepared URL for `url` (a string or a URL, keyed by its href); parses and prepares on a miss. */
  get(url: string | URL, where: string): PreparedUrl;
  readonly size: number;
}

/**
 * Programs call the same few URLs over and over (GET /2/users/me, a timeline with the same fields),
 * so a signer keeps the last `maxEntries` URLs prepared, forgetting the oldest first. A URL object
 * is keyed by its href and parsed again on a miss: the cache never holds the caller's object, which
 * the caller may change.
 */
export function createPreparedUrlCache(maxEntries: number): PreparedUrlCache {
  const prepared = new Map<string, PreparedUrl>();
  return {
    get(url, where) {
      let key: string;
      if (typeof url === "string") key = url;
      else if (url instanceof URL) key = url.href;
      else throw invalidArgument(where, "url", "must be a string or a URL");
      let entry = prepared.get(key);
      if (entry === undefined) {
        entry = prepareUrl(parseRequestUrl(key, where), where);
        if (prepared.size >= maxEntries) prepared.delete(prepared.keys().next().value!);
        prepared.set(key, entry);
      }
      return entry;
    },
    get size() {
      return prepared.size;
    },
  };
}
