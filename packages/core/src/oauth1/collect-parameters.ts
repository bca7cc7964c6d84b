import { formParameters, type OAuth1Form } from "./form.js";
import { decodeFormUrlEncoded, type OAuth1Parameter } from "./form-urlencoded.js";
import { invalidArgument } from "./invalid-argument.js";
import { parseRequestUrl } from "./request-url.js";

/**
 * Where a request's signed parameters come from.
 *
 * @example
 * const sources: OAuth1ParameterSources = { url: "https://api.x.com/2/tweets?expansions=author_id" };
 */
export interface OAuth1ParameterSources {
  /** The absolute http(s) request URL; its query is read. */
  url: string | URL;
  /** The `application/x-www-form-urlencoded` body. @default none: no body parameters */
  form?: OAuth1Form | undefined;
  /**
   * Protocol parameters (`oauth_*`), decoded. `oauth_signature` and `realm` are left out.
   * @default none: only the query and the form
   */
  oauthParams?: Readonly<Record<string, string>> | undefined;
}

/** The decoded pairs of the URL's query and the form body, in that order. */
export function requestParameters(url: URL, form: OAuth1Form | undefined, where: string): OAuth1Parameter[] {
  const parameters: OAuth1Parameter[] = [];
  const query = url.search;
  if (query.length > 1) decodeFormUrlEncoded(query.slice(1), parameters);
  if (form !== undefined) formParameters(form, where, parameters);
  return parameters;
}

/** The protocol parameters that are signed: all but `oauth_signature` and `realm` (RFC 5849 §3.4.1.3.1). */
export function signedProtocolParameters(
  oauthParams: Readonly<Record<string, string>>,
  where: string,
): OAuth1Parameter[] {
  if (typeof oauthParams !== "object" || oauthParams === null) {
    throw invalidArgument(where, "oauthParams", "must be a record of string values");
  }
  const parameters: OAuth1Parameter[] = [];
  for (const name in oauthParams) {
    if (!Object.hasOwn(oauthParams, name) || name === "oauth_signature" || name === "realm") continue;
    const value = oauthParams[name];
    if (typeof value !== "string") throw invalidArgument(where, `oauthParams.${name}`, "must be a string");
    parameters.push([name, value]);
  }
  return parameters;
}

/**
 * RFC 5849 §3.4.1.3.1: every parameter that is signed, decoded: the query, the protocol parameters
 * and the form body. Duplicates and empty values are kept; order does not matter (they are sorted
 * when normalized). Returned in the order query, form body, protocol parameters.
 *
 * @example
 * collectOAuth1Parameters({
 *   url: "https://api.x.com/1.1/statuses/update.json?include_entities=true",
 *   form: { status: "Hello" },
 *   oauthParams: { oauth_consumer_key: "key" },
 * });
 * // [["include_entities", "true"], ["status", "Hello"], ["oauth_consumer_key", "key"]]
 */
export function collectOAuth1Parameters(sources: OAuth1ParameterSources): OAuth1Parameter[] {
  const where = "collectOAuth1Parameters";
  if (typeof sources !== "object" || sources === null)
    throw invalidArgument(where, "sources", "must be an object");
  const parameters = requestParameters(parseRequestUrl(sources.url, where), sources.form, where);
  if (sources.oauthParams !== undefined)
    parameters.push(...signedProtocolParameters(sources.oauthParams, where));
  return parameters;
}
