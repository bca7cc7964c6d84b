import { requestParameters, signedProtocolParameters } from "./collect-parameters.js";
import type { OAuth1Form } from "./form.js";
import { invalidArgument } from "./invalid-argument.js";
import {
  type BaseStringParameter,
  encodeParametersTwice,
  joinNormalizedParametersEncoded,
  sortParameters,
} from "./normalize-parameters.js";
import { percentEncode } from "./percent-encode.js";
import { baseStringUri, parseRequestUrl } from "./request-url.js";

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
  const parameters = encodeParametersTwice(signedProtocolParameters(input.oauthParams, where));
  encodeParametersTwice(requestParameters(url, input.form, where), parameters);
  return signatureBaseString(method, percentEncode(baseStringUri(url)), sortParameters(parameters));
}

/**
 * RFC 5849 §3.4.1.1 from its three parts, each already in its final form: the upper-case method,
 * the base string URI (§3.4.1.2) percent-encoded, and the parameters (§3.4.1.3) in the base
 * string's form, sorted; they are joined as the normalized parameters, encoded.
 */
export function signatureBaseString(
  upperCaseMethod: string,
  encodedBaseStringUri: string,
  sortedParameters: readonly BaseStringParameter[],
): string {
  return `${upperCaseMethod}&${encodedBaseStringUri}&${joinNormalizedParametersEncoded(sortedParameters)}`;
}
