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

export interface OAuth1BaseStringInput {
  method: string;
  url: string | URL;
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
 * the parameters coming from the URL's query, the form body and the protocol parameters.
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
