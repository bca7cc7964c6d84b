import { normalizeMethod, signatureBaseString } from "./base-string.js";
import type { OAuth1Form } from "./form.js";
import { createHmacSha1Signer } from "./hmac-sha1.js";
import { invalidArgument } from "./invalid-argument.js";
import { randomNonce } from "./nonce.js";
import type { EncodedOAuth1Parameter } from "./normalize-parameters.js";
import { percentEncode, percentEncodeTwice } from "./percent-encode.js";
import { createPreparedUrlCache } from "./prepared-url.js";
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

const signerSetParameters = new Set([
  "oauth_consumer_key",
  "oauth_nonce",
  "oauth_signature",
  "oauth_signature_method",
  "oauth_timestamp",
  "oauth_token",
  "oauth_version",
]);

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
  if (typeof credentials !== "object" || credentials === null) {
    throw invalidArgument(where, "credentials", "must be an object with consumerKey and consumerSecret");
  }
  if (typeof options !== "object" || options === null)
    throw invalidArgument(where, "options", "must be an object");
  const consumerKey = requireText(credentials.consumerKey, "credentials.consumerKey", where);
  const consumerSecret = requireText(credentials.consumerSecret, "credentials.consumerSecret", where);
  const { accessToken, accessTokenSecret } = credentials;
  if (accessToken !== undefined && accessTokenSecret === undefined) {
    throw invalidArgument(where, "credentials.accessTokenSecret", "is required with credentials.accessToken");
  }
  if (accessToken === undefined && accessTokenSecret !== undefined) {
    throw invalidArgument(where, "credentials.accessToken", "is required with credentials.accessTokenSecret");
  }
  const customNonce = optionalFunction(options.nonce, "options.nonce", where);
  const nonce = customNonce ?? randomNonce;
  // randomNonce gives hex, which percent-encoding leaves as it is; a custom nonce is encoded.
  const encodeNonce = customNonce === undefined ? (value: string) => value : percentEncode;
  const encodeNonceTwice = customNonce === undefined ? (value: string) => value : percentEncodeTwice;
  const now = optionalFunction(options.now, "options.now", where) ?? Date.now;

  const tokenSecret =
    accessTokenSecret === undefined
      ? undefined
      : requireText(accessTokenSecret, "credentials.accessTokenSecret", where);
  const hmacSha1 = createHmacSha1Signer(Buffer.from(oauth1SigningKey(consumerSecret, tokenSecret), "utf8"));
  const consumerKeyParameter = protocolParameter("oauth_consumer_key", consumerKey);
  const tokenParameter =
    accessToken === undefined
      ? undefined
      : protocolParameter("oauth_token", requireText(accessToken, "credentials.accessToken", where));
  const context = tokenParameter === undefined ? "consumer" : "user";
  // The protocol parameters of a request without extra ones, joined as in the base string, around
  // their two varying values (nonce and timestamp; neither needs encoding twice beyond once).
  const signedStart = `oauth_consumer_key%3D${consumerKeyParameter.signed[1]}%26oauth_nonce%3D`;
  const signedMiddle = "%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D";
  const signedEnd = `${tokenParameter === undefined ? "" : `%26oauth_token%3D${tokenParameter.signed[1]}`}%26oauth_version%3D1.0`;
  // The header of a request without extra protocol parameters, around its three varying values.
  const headerStart = `OAuth ${consumerKeyParameter.header}, oauth_nonce="`;
  const headerSignature = '", oauth_signature="';
  const headerTimestamp = `", ${signatureMethodParameter.header}, oauth_timestamp="`;
  const headerEnd = `"${tokenParameter === undefined ? "" : `, ${tokenParameter.header}`}, ${versionParameter.header}`;
  const preparedUrls = createPreparedUrlCache(maxPreparedUrls);
  const description: OAuth1SignerDescription = {
    type: "OAuth1Signer",
    consumerKey: `${consumerKey.slice(0, 4)}…`,
    context,
  };

  function authorize(request: OAuth1Request): string {
    const where = "signer.authorize";
    if (typeof request !== "object" || request === null) {
      throw invalidArgument(where, "request", "must be an object with method and url");
    }
    const method = normalizeMethod(request.method, where);
    const prepared = preparedUrls.get(request.url, where);
    const nonceValue = requireNonce(nonce(), where);
    const timestamp = timestampSeconds(now(), where);
    if (request.oauthParams !== undefined) {
      return authorizeWithExtraParameters(method, prepared.url, request, nonceValue, timestamp, where);
    }
    const twiceEncodedNonce = encodeNonceTwice(nonceValue);
    const joined = `${signedStart}${twiceEncodedNonce}${signedMiddle}${timestamp}${signedEnd}`;
    let baseString: string;
    if (request.form === undefined && prepared.head !== undefined) {
      baseString = `${method}${prepared.head}${joined}${prepared.tail}`;
    } else {
      // In name order, as the base string needs them.
      const signed: EncodedOAuth1Parameter[] = [
        consumerKeyParameter.signed,
        ["oauth_nonce", twiceEncodedNonce],
        signatureMethodParameter.signed,
        ["oauth_timestamp", timestamp],
      ];
      if (tokenParameter !== undefined) signed.push(tokenParameter.signed);
      signed.push(versionParameter.signed);
      baseString = signatureBaseString(method, prepared.url, request.form, signed, where, joined);
    }
    return `${headerStart}${encodeNonce(nonceValue)}${headerSignature}${sign(baseString)}${headerTimestamp}${timestamp}${headerEnd}`;
  }

  function authorizeWithExtraParameters(
    method: string,
    url: URL,
    request: OAuth1Request,
    nonceValue: string,
    timestamp: string,
    where: string,
  ): string {
    const parameters = [
      consumerKeyParameter,
      protocolParameter("oauth_nonce", nonceValue),
      signatureMethodParameter,
      protocolParameter("oauth_timestamp", timestamp),
      versionParameter,
    ];
    if (tokenParameter !== undefined) parameters.push(tokenParameter);
    addExtraProtocolParameters(parameters, request.oauthParams, where);
    parameters.sort((a, b) => (a.name < b.name ? -1 : 1));
    const signature = sign(
      signatureBaseString(
        method,
        url,
        request.form,
        parameters.map((parameter) => parameter.signed),
        where,
      ),
    );
    const fields = parameters.map((parameter) => parameter.header);
    fields.splice(
      parameters.findIndex((parameter) => parameter.name > "oauth_signature"),
      0,
      `oauth_signature="${signature}"`,
    );
    return `OAuth ${fields.join(", ")}`;
  }

  function sign(baseString: string): string {
    return percentEncode(hmacSha1(baseString));
  }

  const shown = `OAuth1Signer { consumerKey: '${description.consumerKey}', context: '${context}' }`;
  return Object.freeze({
    authorize,
    context,
    toJSON: () => ({ ...description }),
    toString: () => shown,
    [inspectCustom]: () => shown,
  });
}

function requireText(value: unknown, argument: string, where: string): string {
  if (typeof value !== "string" || value === "")
    throw invalidArgument(where, argument, "must be a non-empty string");
  return value;
}

function optionalFunction<T extends (...args: never[]) => unknown>(
  value: T | undefined,
  argument: string,
  where: string,
): T | undefined {
  if (value !== undefined && typeof value !== "function")
    throw invalidArgument(where, argument, "must be a function");
  return value;
}

function requireNonce(value: unknown, where: string): string {
  if (typeof value !== "string" || value === "") {
    throw invalidArgument(where, "options.nonce", "must return a non-empty string");
  }
  return value;
}

function timestampSeconds(epochMilliseconds: unknown, where: string): string {
  if (typeof epochMilliseconds !== "number" || !Number.isFinite(epochMilliseconds) || epochMilliseconds < 0) {
    throw invalidArgument(where, "options.now", "must return epoch milliseconds as a finite number");
  }
  const seconds = Math.floor(epochMilliseconds / 1000);
  // Requests in the same second share one string instead of formatting the number each time.
  if (seconds !== lastSeconds) {
    lastSeconds = seconds;
    lastTimestamp = String(seconds);
  }
  return lastTimestamp;
}

let lastSeconds = -1;
let lastTimestamp = "";

/** One protocol parameter in the two forms it takes: in the base string and in the header. */
interface ProtocolParameter {
  readonly name: string;
  /** Name and value percent-encoded twice, as the base string holds them. */
  readonly signed: EncodedOAuth1Parameter;
  /** `name="value"` with the value percent-encoded once. */
  readonly header: string;
}

function protocolParameter(name: string, value: string): ProtocolParameter {
  const encodedName = percentEncode(name);
  return {
    name: encodedName,
    signed: [percentEncodeTwice(name), percentEncodeTwice(value)],
    header: `${encodedName}="${percentEncode(value)}"`,
  };
}

const signatureMethodParameter = protocolParameter("oauth_signature_method", "HMAC-SHA1");
const versionParameter = protocolParameter("oauth_version", "1.0");

function addExtraProtocolParameters(
  protocol: ProtocolParameter[],
  oauthParams: Readonly<Record<string, string>> | undefined,
  where: string,
): void {
  if (typeof oauthParams !== "object" || oauthParams === null) {
    throw invalidArgument(where, "oauthParams", "must be a record of string values");
  }
  for (const name in oauthParams) {
    if (!Object.hasOwn(oauthParams, name)) continue;
    const argument = `oauthParams.${name}`;
    if (!name.startsWith("oauth_"))
      throw invalidArgument(where, argument, "is not a protocol parameter (oauth_*)");
    if (signerSetParameters.has(name)) throw invalidArgument(where, argument, "is set by the signer itself");
    const value = oauthParams[name];
    if (typeof value !== "string") throw invalidArgument(where, argument, "must be a string");
    protocol.push(protocolParameter(name, value));
  }
}
