import { requestParameters, signedProtocolParameters } from "./collect-parameters.js";
import type { OAuth1Form } from "./form.js";
import type { OAuth1Parameter } from "./form-urlencoded.js";
import { invalidArgument } from "./invalid-argument.js";
import {
  compareEncodedParameters,
  type EncodedOAuth1Parameter,
  joinParametersForBaseString,
} from "./normalize-parameters.js";
import { percentEncode, percentEncodeTwice } from "./percent-encode.js";
import { parseRequestUrl } from "./request-url.js";

/**
 * The parts of a request that its signature base string is made of.
 *
 * @example
 * const input: OAuth1BaseStringInput = { method: "GET", url: "https://api.x.com/2/users/me", oauthParams };
 */
export interface OAuth1BaseStringInput {
  /** The HTTP method, in any case (`get` is read as `GET`). */
  method: string;
  /** The absolute http(s) request URL; its query parameters are part of the base string. */
  url: string | URL;
  /** The `application/x-www-form-urlencoded` body, if there is one. @default none: no body parameters */
  form?: OAuth1Form | undefined;
  /** The protocol parameters (`oauth_*`), decoded. `oauth_signature` and `realm` are left out if given. */
  oauthParams: Readonly<Record<string, string>>;
}

const httpMethod = /^[A-Za-z][A-Za-z0-9_-]*$/;

/** RFC 5849 §3.4.1.1: the HTTP method in upper case. */
export function normalizeMethod(method: unknown, where: string): string {
  if (method === "GET" || method === "POST") return method;
  if (typeof method !== "string" || !httpMethod.test(method)) {
    throw invalidArgument(where, "method", "must be an HTTP method name such as GET or POST");
  }
  return method.toUpperCase();
}

/**
 * RFC 5849 §3.4.1 signature base string: `METHOD&enc(base string URI)&enc(normalized parameters)`,
 * the parameters coming from the URL's query, the form body and the protocol parameters. Useful to
 * compare with another library's base string when a signature is rejected.
 *
 * @example
 * oauth1BaseString({
 *   method: "POST",
 *   url: "https://api.x.com/1.1/statuses/update.json?include_entities=true",
 *   form: { status: "Hello" },
 *   oauthParams: { oauth_consumer_key: "key", oauth_nonce: "abc", oauth_timestamp: "1318622958" },
 * });
 * // "POST&https%3A%2F%2Fapi.x.com%2F1.1%2Fstatuses%2Fupdate.json&include_entities%3Dtrue%26oauth_consumer_key%3Dkey%26..."
 */
export function oauth1BaseString(input: OAuth1BaseStringInput): string {
  const where = "oauth1BaseString";
  if (typeof input !== "object" || input === null) throw invalidArgument(where, "input", "must be an object");
  const method = normalizeMethod(input.method, where);
  const url = parseRequestUrl(input.url, where);
  const protocol = encodeTwice(signedProtocolParameters(input.oauthParams, where)).sort(
    compareEncodedParameters,
  );
  return signatureBaseString(method, url, input.form, protocol, where);
}

/**
 * The base string from parts already checked; `sortedProtocolParameters` are encoded twice and
 * sorted, and `joinedProtocolParameters` (optional) is them joined (see joinParametersForBaseString).
 */
export function signatureBaseString(
  upperCaseMethod: string,
  url: URL,
  form: OAuth1Form | undefined,
  sortedProtocolParameters: readonly EncodedOAuth1Parameter[],
  where: string,
  joinedProtocolParameters?: string,
): string {
  const request = encodeTwice(requestParameters(url, form, where));
  if (request.length > 1) request.sort(compareEncodedParameters);
  const uri = percentEncode(`${url.protocol}//${url.host}${url.pathname}`);
  return `${upperCaseMethod}&${uri}&${joinParametersForBaseString(sortedProtocolParameters, request, joinedProtocolParameters)}`;
}

function encodeTwice(parameters: readonly OAuth1Parameter[]): EncodedOAuth1Parameter[] {
  const encoded: EncodedOAuth1Parameter[] = [];
  for (let index = 0; index < parameters.length; index++) {
    const [name, value] = parameters[index]!;
    encoded.push([percentEncodeTwice(name), percentEncodeTwice(value)]);
  }
  return encoded;
}
