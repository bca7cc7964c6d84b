import { decodeFormPairs, type Parameter, parseOAuthAuthorizationHeader } from "./parameter-sources.js";
import { signatureBaseString } from "./signature-base-string.js";

/** What the verifier needs from an HTTP request, as it arrived. */
export interface SignedRequestParts {
  method: string;
  /** The base string URI (see baseStringUri). */
  uri: string;
  /** The raw query string, without "?". */
  query: string;
  /** The raw body when it is application/x-www-form-urlencoded, else undefined (JSON is never signed). */
  form: string | undefined;
  authorization: string | undefined;
}

/** The OAuth 1.0a protocol parameters a request claims, and the base string they were signed over. */
export interface OAuth1Claim {
  consumerKey: string;
  token: string | undefined;
  timestamp: number;
  nonce: string;
  signature: string;
  /** Every oauth_* parameter except oauth_signature (oauth_callback, oauth_verifier, ...). */
  protocol: ReadonlyMap<string, string>;
  /** Every parameter from the header, query and form body, oauth_signature excluded. */
  parameters: readonly Parameter[];
  baseString: string;
}

export type ParsedOAuth1 =
  | { kind: "absent" }
  | { kind: "malformed"; reason: string }
  | { kind: "claim"; claim: OAuth1Claim };

const required = ["oauth_consumer_key", "oauth_signature_method", "oauth_timestamp", "oauth_nonce"] as const;

/**
 * Collects the parameters of RFC 5849 §3.4.1.3.1 (Authorization header without realm, query, form
 * body) and reads the protocol parameters from them. Absent means the request carries no OAuth 1.0a
 * at all; malformed means it tries and fails to (a duplicate protocol parameter, a bad header, a
 * signature method other than HMAC-SHA1, a version other than 1.0).
 */
export function parseOAuth1Request(parts: SignedRequestParts): ParsedOAuth1 {
  let headerPairs: Parameter[] = [];
  let queryPairs: Parameter[];
  let formPairs: Parameter[];
  try {
    if (parts.authorization !== undefined && /^oauth\s/i.test(parts.authorization.trim())) {
      const parsed = parseOAuthAuthorizationHeader(parts.authorization);
      if (!parsed)
        return { kind: "malformed", reason: "the Authorization header is not a list of quoted pairs" };
      headerPairs = parsed;
    }
    queryPairs = decodeFormPairs(parts.query);
    formPairs = parts.form === undefined ? [] : decodeFormPairs(parts.form);
  } catch {
    return { kind: "malformed", reason: "malformed percent-encoding" };
  }
  const all = [...headerPairs, ...queryPairs, ...formPairs];
  const protocol = new Map<string, string>();
  let signature: string | undefined;
  for (const [name, value] of all) {
    if (!name.startsWith("oauth_")) continue;
    if (protocol.has(name) || (name === "oauth_signature" && signature !== undefined)) {
      return { kind: "malformed", reason: `${name} appears more than once` };
    }
    if (name === "oauth_signature") signature = value;
    else protocol.set(name, value);
  }
  if (signature === undefined && protocol.size === 0) return { kind: "absent" };
  if (signature === undefined) return { kind: "malformed", reason: "oauth_signature is missing" };
  for (const name of required) {
    if (!protocol.has(name)) return { kind: "malformed", reason: `${name} is missing` };
  }
  if (protocol.get("oauth_signature_method") !== "HMAC-SHA1") {
    return { kind: "malformed", reason: "oauth_signature_method is not HMAC-SHA1" };
  }
  const version = protocol.get("oauth_version");
  if (version !== undefined && version !== "1.0")
    return { kind: "malformed", reason: "oauth_version is not 1.0" };
  const timestampText = protocol.get("oauth_timestamp") ?? "";
  if (!/^\d{1,12}$/.test(timestampText))
    return { kind: "malformed", reason: "oauth_timestamp is not a number" };

  const parameters = all.filter(([name]) => name !== "oauth_signature");
  let baseString: string;
  try {
    baseString = signatureBaseString(parts.method, parts.uri, parameters);
  } catch {
    return { kind: "malformed", reason: "a parameter is not valid unicode" };
  }
  return {
    kind: "claim",
    claim: {
      consumerKey: protocol.get("oauth_consumer_key") ?? "",
      token: protocol.get("oauth_token"),
      timestamp: Number(timestampText),
      nonce: protocol.get("oauth_nonce") ?? "",
      signature,
      protocol,
      parameters,
      baseString,
    },
  };
}
