import { type EncodedOAuth1Parameter, encodeParameters, sortParameters } from "./normalize-parameters.js";

/**
 * RFC 5849 §3.5.1 `Authorization` header value: `OAuth ` and each protocol parameter as
 * `name="enc(value)"`, joined by `, `, in name order (X's documented layout). `params` must
 * include `oauth_signature`. For building a header by hand from the spec's steps; a signer from
 * `createOAuth1Signer` makes the whole header itself, with the same steps.
 *
 * @example
 * oauth1AuthorizationHeader({ oauth_consumer_key: "key", oauth_nonce: "abc", oauth_signature: "a/b=" });
 * // 'OAuth oauth_consumer_key="key", oauth_nonce="abc", oauth_signature="a%2Fb%3D"'
 */
export function oauth1AuthorizationHeader(params: Readonly<Record<string, string>>): string {
  return authorizationHeader(sortParameters(encodeParameters(Object.entries(params))));
}

/** The header from protocol parameters encoded once and sorted (see sortParameters). */
export function authorizationHeader(sortedProtocol: readonly EncodedOAuth1Parameter[]): string {
  let header = "OAuth ";
  for (let index = 0; index < sortedProtocol.length; index++) {
    const parameter = sortedProtocol[index]!;
    header += `${index === 0 ? "" : ", "}${parameter.name}="${parameter.value}"`;
  }
  return header;
}
