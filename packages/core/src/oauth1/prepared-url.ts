import { requestParameters } from "./collect-parameters.js";
import { invalidArgument } from "./invalid-argument.js";
import { compareEncodedParameters, type EncodedOAuth1Parameter } from "./normalize-parameters.js";
import { percentEncode, percentEncodeTwice } from "./percent-encode.js";
import { parseRequestUrl } from "./request-url.js";

// The first and last names of the signer's own protocol parameters, in base-string order.
const firstProtocolName = "oauth_consumer_key";
const lastProtocolName = "oauth_version";

/**
 * A request URL with the parts of its base string that do not change between requests: the base
 * string URI and the query parameters, encoded twice and sorted, split around where the protocol
 * parameters go. Only the nonce and timestamp vary per request, and they sit inside that block.
 */
export interface PreparedUrl {
  readonly url: URL;
  /**
   * `&enc(base string URI)&` and the query pairs that sort before every protocol parameter, each
   * followed by `%26`; undefined when a query parameter sorts among the protocol parameters (the
   * base string is then built pair by pair).
   */
  readonly head: string | undefined;
  /** `%26name%3Dvalue` for each query pair that sorts after every protocol parameter. */
  readonly tail: string;
}

export function prepareUrl(url: URL, where: string): PreparedUrl {
  const pairs: EncodedOAuth1Parameter[] = [];
  for (const [name, value] of requestParameters(url, undefined, where)) {
    pairs.push([percentEncodeTwice(name), percentEncodeTwice(value)]);
  }
  pairs.sort(compareEncodedParameters);
  let head = `&${percentEncode(`${url.protocol}//${url.host}${url.pathname}`)}&`;
  let tail = "";
  for (const [name, value] of pairs) {
    if (name < firstProtocolName) head += `${name}%3D${value}%26`;
    else if (name > lastProtocolName) tail += `%26${name}%3D${value}`;
    else return { url, head: undefined, tail: "" };
  }
  return { url, head, tail };
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
