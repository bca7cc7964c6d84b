import { percentEncode } from "./percent-encode.js";

/**
 * RFC 5849 §3.5.1 `Authorization` header value: `OAuth ` and each protocol parameter as
 * `name="enc(value)"`, joined by `, `, in name order (X's documented layout). `params` must
 * include `oauth_signature`. For building a header by hand from the spec's steps; a signer from
 * `createOAuth1Signer` makes the whole header itself.
 *
 * @example
 * oauth1AuthorizationHeader({ oauth_consumer_key: "key", oauth_nonce: "abc", oauth_signature: "a/b=" });
 * // 'OAuth oauth_consumer_key="key", oauth_nonce="abc", oauth_signature="a%2Fb%3D"'
 */
export function oauth1AuthorizationHeader(params: Readonly<Record<string, string>>): string {
  const names = Object.keys(params).sort();
  let header = "OAuth ";
  for (let index = 0; index < names.length; index++) {
    const name = names[index]!;
    header += `${index === 0 ? "" : ", "}${percentEncode(name)}="${percentEncode(params[name]!)}"`;
  }
  return header;
}
