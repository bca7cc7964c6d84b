import { invalidArgument } from "./invalid-argument.js";

/**
 * The request URL as fetch will send it (WHATWG parsing: scheme and host lower-cased, default port
 * dropped, spaces and non-ASCII in the path percent-encoded), so the signature covers the bytes on
 * the wire. Only absolute http: and https: URLs can be signed.
 */
export function parseRequestUrl(url: string | URL, where: string): URL {
  let parsed: URL;
  if (url instanceof URL) {
    parsed = url;
  } else if (typeof url === "string") {
    try {
      parsed = new URL(url);
    } catch {
      // Not kept as the cause: the parser's error repeats the input, and a query may hold a token.
      throw invalidArgument(where, "url", "must be an absolute http: or https: URL");
    }
  } else {
    throw invalidArgument(where, "url", "must be a string or a URL");
  }
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:") {
    throw invalidArgument(where, "url", "must be an absolute http: or https: URL");
  }
  return parsed;
}

/**
 * RFC 5849 §3.4.1.2 base string URI: scheme and host in lower case, the port only when it is not
 * the scheme's default, the path (`/` when empty); no user info, query or fragment.
 *
 * @example
 * oauth1BaseStringUri("HTTPS://API.X.com:443/2/tweets?ids=20#top"); // "https://api.x.com/2/tweets"
 */
export function oauth1BaseStringUri(url: string | URL): string {
  return baseStringUri(parseRequestUrl(url, "oauth1BaseStringUri"));
}

/**
 * The base string URI of a URL parseRequestUrl accepted: the WHATWG parser has already lower-cased
 * the scheme and host, dropped a default port and made an empty path `/`.
 */
export function baseStringUri(url: URL): string {
  return `${url.protocol}//${url.host}${url.pathname}`;
}
