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
  /**
   * Every parameter from the header, query and form body, oauth_signature excluded, and an oauth_*
   * parameter repeated with the same value counted once.
   */
  parameters: readonly Parameter[];
  baseString: string;
}

export type ParsedOAuth1 =
  | { kind: "absent" }
  | { kind: "malformed"; reason: string }
  | { kind: "claim"; claim: OAuth1Claim };

type Malformed = { kind: "malformed"; reason: string };

const required = ["oauth_consumer_key", "oauth_signature_method", "oauth_timestamp", "oauth_nonce"] as const;

/**
 * Collects the parameters of RFC 5849 §3.4.1.3.1 (Authorization header without realm, query, form
 * body) and reads the protocol parameters from them. Absent means the request carries no OAuth 1.0a
 * at all; malformed means it tries and fails to (a protocol parameter repeated with another value,
 * a bad header, a signature method other than HMAC-SHA1, a version other than 1.0).
 */
export function parseOAuth1Request(parts: SignedRequestParts): ParsedOAuth1 {
  const collected = collectParameters(parts);
  if (!Array.isArray(collected)) return collected;
  const read = readProtocolParameters(collected);
  if ("kind" in read) return read;
  const { protocol, signature, parameters } = read;
  if (signature === undefined && protocol.size === 0) return { kind: "absent" };
  if (signature === undefined) return malformed("oauth_signature is missing");
  const invalid = invalidProtocol(protocol);
  if (invalid !== undefined) return malformed(invalid);
  let baseString: string;
  try {
    baseString = signatureBaseString(parts.method, parts.uri, parameters);
  } catch {
    return malformed("a parameter is not valid unicode");
  }
  return {
    kind: "claim",
    claim: {
      consumerKey: protocol.get("oauth_consumer_key") ?? "",
      token: protocol.get("oauth_token"),
      timestamp: Number(protocol.get("oauth_timestamp")),
      nonce: protocol.get("oauth_nonce") ?? "",
      signature,
      protocol,
      parameters,
      baseString,
    },
  };
}

/** Header pairs, then query, then form body, decoded; malformed when any of them cannot be read. */
function collectParameters(parts: SignedRequestParts): Parameter[] | Malformed {
  try {
    let headerPairs: Parameter[] = [];
    if (parts.authorization !== undefined && /^oauth\s/i.test(parts.authorization.trim())) {
      const parsed = parseOAuthAuthorizationHeader(parts.authorization);
      if (!parsed) return malformed("the Authorization header is not a list of quoted pairs");
      headerPairs = parsed;
    }
    const formPairs = parts.form === undefined ? [] : decodeFormPairs(parts.form);
    return [...headerPairs, ...decodeFormPairs(parts.query), ...formPairs];
  } catch {
    return malformed("malformed percent-encoding");
  }
}

/**
 * The oauth_* parameters by name. Real clients send one twice with the same value (twitter-api-v2's
 * `login()` puts oauth_token in the header and the form body; oauth-1.0a's `authorize()` does the
 * same with oauth_callback) and sign it once, as X accepts: such a repeat is counted once. A repeat
 * with another value is ambiguous and refused.
 */
function readProtocolParameters(
  pairs: readonly Parameter[],
): { protocol: Map<string, string>; signature: string | undefined; parameters: Parameter[] } | Malformed {
  const protocol = new Map<string, string>();
  const parameters: Parameter[] = [];
  let signature: string | undefined;
  for (const pair of pairs) {
    const [name, value] = pair;
    if (!name.startsWith("oauth_")) {
      parameters.push(pair);
      continue;
    }
    const seen = name === "oauth_signature" ? signature : protocol.get(name);
    if (seen !== undefined && seen !== value) return malformed(`${name} appears twice with different values`);
    if (seen !== undefined) continue;
    if (name === "oauth_signature") signature = value;
    else {
      protocol.set(name, value);
      parameters.push(pair);
    }
  }
  return { protocol, signature, parameters };
}

/** Why the protocol parameters cannot be a valid claim, or undefined when they can. */
function invalidProtocol(protocol: ReadonlyMap<string, string>): string | undefined {
  const missing = required.find((name) => !protocol.has(name));
  if (missing !== undefined) return `${missing} is missing`;
  if (protocol.get("oauth_signature_method") !== "HMAC-SHA1")
    return "oauth_signature_method is not HMAC-SHA1";
  const version = protocol.get("oauth_version");
  if (version !== undefined && version !== "1.0") return "oauth_version is not 1.0";
  if (!/^\d{1,12}$/.test(protocol.get("oauth_timestamp") ?? "")) return "oauth_timestamp is not a number";
  return undefined;
}

function malformed(reason: string): Malformed {
  return { kind: "malformed", reason };
}
