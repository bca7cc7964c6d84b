import { authorizationHeader } from "./authorization-header.js";
import { normalizeMethod, signatureBaseString } from "./base-string.js";
import { formParameters, type OAuth1Form } from "./form.js";
import { createHmacSha1Signer } from "./hmac-sha1.js";
import { invalidArgument } from "./invalid-argument.js";
import {
  type BaseStringParameter,
  type EncodedOAuth1Parameter,
  encodeParametersTwice,
  mergeSortedParameters,
  sortParameters,
} from "./normalize-parameters.js";
import { percentEncode } from "./percent-encode.js";
import { createPreparedUrlCache } from "./prepared-url.js";
import { createProtocolParameters, type ProtocolParameter } from "./protocol-parameters.js";
import { readSignerCredentials, readSignerOptions } from "./signer-inputs.js";
import { oauth1SigningKey } from "./signing-key.js";

/**
 * The keys an OAuth 1.0a signer signs with: the app's consumer key and secret, and for user context
 * the user's access token and secret (both or neither).
 *
 * @example
 * const credentials: OAuth1Credentials = { consumerKey, consumerSecret, accessToken, accessTokenSecret };
 */
export interface OAuth1Credentials {
  /** The app's API Key. */
  consumerKey: string;
  /** The app's API Key Secret. */
  consumerSecret: string;
  /**
   * With its secret: user context. Without both: consumer-only signing (e.g. a request-token call).
   * @default none: consumer-only signing
   */
  accessToken?: string | undefined;
  /** Required with `accessToken`, not allowed without it. @default none */
  accessTokenSecret?: string | undefined;
}

/**
 * What a signer takes from outside: its nonces and its clock, injectable so tests are deterministic.
 *
 * @example
 * const options: OAuth1SignerOptions = { nonce: () => "kYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg", now: () => 1318622958000 };
 */
export interface OAuth1SignerOptions {
  /**
   * Returns a fresh nonce per request (a non-empty string; it is percent-encoded as needed).
   * @default 128 random bits from crypto.randomBytes, as 32 hex characters
   */
  nonce?: (() => string) | undefined;
  /** The clock, epoch milliseconds; `oauth_timestamp` is its whole seconds. @default Date.now */
  now?: (() => number) | undefined;
}

/**
 * One request as a signer sees it: what goes into its signature.
 *
 * @example
 * signer.authorize({ method: "POST", url: "https://api.x.com/1.1/statuses/update.json", form: { status: "hello" } });
 */
export interface OAuth1Request {
  /** The HTTP method, in any case. */
  method: string;
  /** Absolute http(s) URL; its query parameters are signed. */
  url: string | URL;
  /** The body when it is `application/x-www-form-urlencoded`; it is signed. @default none: no body, or JSON */
  form?: OAuth1Form | undefined;
  /**
   * Extra protocol parameters to sign and send in the header, such as `oauth_callback` (request
   * token) or `oauth_verifier` (access token). Names start with `oauth_`; the ones the signer sets
   * itself cannot be overridden.
   * @default none
   */
  oauthParams?: Readonly<Record<string, string>> | undefined;
}

/**
 * What a signer shows of itself in logs: nothing secret.
 *
 * @example
 * JSON.stringify(signer); // '{"type":"OAuth1Signer","consumerKey":"xvz1…","context":"user"}'
 */
export interface OAuth1SignerDescription {
  type: "OAuth1Signer";
  /** The first characters of the consumer key only. */
  consumerKey: string;
  context: "user" | "consumer";
}

/**
 * Makes the `Authorization` header for requests, holding the secrets out of sight. Made by
 * `createOAuth1Signer`.
 *
 * @example
 * const response = await fetch(url, { headers: { authorization: signer.authorize({ method: "GET", url }) } });
 */
export interface OAuth1Signer {
  /** The `Authorization` header value for one request, with a fresh nonce and timestamp. */
  authorize(request: OAuth1Request): string;
  /** `user` when the signer holds an access token, `consumer` when it signs with the consumer only. */
  readonly context: "user" | "consumer";
  toJSON(): OAuth1SignerDescription;
  toString(): string;
}

/** How many request URLs a signer keeps prepared (see createPreparedUrlCache). */
export const maxPreparedUrls = 64;

const inspectCustom = Symbol.for("nodejs.util.inspect.custom");

/**
 * An OAuth 1.0a HMAC-SHA1 signer (RFC 5849). The secrets stay in this closure: only the HMAC key
 * pads derived from them are kept, and the returned object shows neither to util.inspect, JSON or
 * String; it shows the first characters of the consumer key and whether it holds a token.
 *
 * Throws `OPTIONS_INVALID` naming the argument (never its value) for a missing key or secret, or an
 * access token without its secret. Each `authorize` call uses a fresh nonce and the current time.
 *
 * @example
 * const signer = createOAuth1Signer({ consumerKey, consumerSecret, accessToken, accessTokenSecret });
 * const url = "https://api.x.com/2/users/me";
 * const response = await fetch(url, { headers: { authorization: signer.authorize({ method: "GET", url }) } });
 */
export function createOAuth1Signer(
  credentials: OAuth1Credentials,
  options: OAuth1SignerOptions = {},
): OAuth1Signer {
  const where = "createOAuth1Signer";
  const keys = readSignerCredentials(credentials, where);
  const { nonce, now } = readSignerOptions(options, where);
  const hmacSha1 = createHmacSha1Signer(
    Buffer.from(oauth1SigningKey(keys.consumerSecret, keys.accessTokenSecret), "utf8"),
  );
  const protocolParameters = createProtocolParameters(keys.consumerKey, keys.accessToken);
  const preparedUrls = createPreparedUrlCache(maxPreparedUrls);
  const context = keys.accessToken === undefined ? "consumer" : "user";

  function authorize(request: OAuth1Request): string {
    const where = "signer.authorize";
    if (typeof request !== "object" || request === null) {
      throw invalidArgument(where, "request", "must be an object with method and url");
    }
    const method = normalizeMethod(request.method, where);
    const prepared = preparedUrls.get(request.url, where);
    const protocol = protocolParameters(nonce(), now(), request.oauthParams, where);
    const signed = signedParameters(prepared.query, request.form, protocol, where);
    const signature = hmacSha1(signatureBaseString(method, prepared.encodedBaseStringUri, signed));
    const signatureParameter = { name: "oauth_signature", value: percentEncode(signature) };
    return authorizationHeader(mergeSortedParameters<EncodedOAuth1Parameter>(protocol, [signatureParameter]));
  }

  return describedSigner(authorize, context, `${keys.consumerKey.slice(0, 4)}…`);
}

/**
 * RFC 5849 §3.4.1.3.1: the query (prepared with the URL), the form body and the protocol
 * parameters, each sorted, merged into the base string's sorted parameters.
 */
function signedParameters(
  sortedQuery: readonly BaseStringParameter[],
  form: OAuth1Form | undefined,
  sortedProtocol: readonly ProtocolParameter[],
  where: string,
): BaseStringParameter[] {
  const protocol: BaseStringParameter[] = [];
  for (let index = 0; index < sortedProtocol.length; index++) protocol.push(sortedProtocol[index]!.signed);
  const request =
    form === undefined
      ? sortedQuery
      : mergeSortedParameters(
          sortedQuery,
          sortParameters(encodeParametersTwice(formParameters(form, where))),
        );
  return mergeSortedParameters(request, protocol);
}

/** The signer object: `authorize`, and a description that shows nothing secret to any printer. */
function describedSigner(
  authorize: OAuth1Signer["authorize"],
  context: OAuth1Signer["context"],
  consumerKeyStart: string,
): OAuth1Signer {
  const description: OAuth1SignerDescription = {
    type: "OAuth1Signer",
    consumerKey: consumerKeyStart,
    context,
  };
  const shown = `OAuth1Signer { consumerKey: '${consumerKeyStart}', context: '${context}' }`;
  return Object.freeze({
    authorize,
    context,
    toJSON: () => ({ ...description }),
    toString: () => shown,
    [inspectCustom]: () => shown,
  });
}
