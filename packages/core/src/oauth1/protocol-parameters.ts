import { invalidArgument } from "./invalid-argument.js";
import {
  type BaseStringParameter,
  type EncodedOAuth1Parameter,
  mergeSortedParameters,
  sortParameters,
  twiceEncoded,
} from "./normalize-parameters.js";
import { percentEncode, percentEncodeTwice } from "./percent-encode.js";

// The protocol parameters a signer sets itself (RFC 5849 §3.1); a request cannot override them.
const signerSetParameters = new Set([
  "oauth_consumer_key",
  "oauth_nonce",
  "oauth_signature",
  "oauth_signature_method",
  "oauth_timestamp",
  "oauth_token",
  "oauth_version",
]);

/**
 * A protocol parameter in its two forms: `name` and `value` encoded once, as the `Authorization`
 * header holds them, and `signed`, as the base string holds it. Both sort alike.
 */
export interface ProtocolParameter extends EncodedOAuth1Parameter {
  readonly signed: BaseStringParameter;
}

/**
 * The protocol parameters (§3.1) of one request, sorted: the nonce, the timestamp, the request's
 * extra `oauth_*` parameters (such as `oauth_callback`), and those the same on every request of a
 * signer. `oauth_signature` is not among them: it joins the header once computed.
 */
export type ProtocolParameters = (
  nonce: unknown,
  epochMilliseconds: unknown,
  extra: Readonly<Record<string, string>> | undefined,
  where: string,
) => ProtocolParameter[];

/**
 * The protocol parameters of a signer: those the same on every request (consumer key, signature
 * method, version, the token in user context) are encoded and sorted once, here; each request's
 * own are sorted and merged in.
 */
export function createProtocolParameters(consumerKey: string, accessToken?: string): ProtocolParameters {
  const constant = [
    protocolParameter("oauth_consumer_key", consumerKey),
    protocolParameter("oauth_signature_method", "HMAC-SHA1"),
    protocolParameter("oauth_version", "1.0"),
  ];
  if (accessToken !== undefined) constant.push(protocolParameter("oauth_token", accessToken));
  sortParameters(constant);
  const nonceName = protocolParameter("oauth_nonce", "");
  const timestampName = protocolParameter("oauth_timestamp", "");
  return (nonce, epochMilliseconds, extra, where) => {
    const own = [
      withValue(nonceName, requireNonce(nonce, where)),
      withValue(timestampName, timestampSeconds(epochMilliseconds, where)),
    ];
    if (extra !== undefined) addExtraProtocolParameters(own, extra, where);
    return mergeSortedParameters(constant, sortParameters(own));
  };
}

function protocolParameter(name: string, value: string): ProtocolParameter {
  const encodedName = percentEncode(name);
  const named = { name: encodedName, value: "", signed: twiceEncoded(percentEncodeTwice(name), "") };
  return withValue(named, value);
}

/** `named` with another value: the name's two forms are encoded once per signer, not per request. */
function withValue(named: ProtocolParameter, value: string): ProtocolParameter {
  const once = percentEncode(value);
  // Text that needs no encoding (a hex nonce, a timestamp) is the same encoded twice.
  return {
    name: named.name,
    value: once,
    signed: twiceEncoded(named.signed.name, once === value ? value : percentEncodeTwice(value)),
  };
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
  return String(Math.floor(epochMilliseconds / 1000));
}

function addExtraProtocolParameters(
  into: ProtocolParameter[],
  oauthParams: Readonly<Record<string, string>>,
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
    into.push(protocolParameter(name, value));
  }
}
