/**
 * An independent, deliberately plain reading of RFC 5849 §3.4 and §3.5.1, used only as the judge
 * in property tests. It shares no code with src/: it encodes byte by byte from TextEncoder output,
 * parses queries and form strings with URLSearchParams, sorts with Buffer.compare, and signs with
 * createHmac. Slow and obvious on purpose.
 */
import { createHmac } from "node:crypto";

const UNRESERVED = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~";

export function referencePercentEncode(text: string): string {
  // TextEncoder turns lone surrogates into U+FFFD, as the wire does.
  const bytes = new TextEncoder().encode(text);
  let out = "";
  for (const byte of bytes) {
    const character = String.fromCharCode(byte);
    if (byte < 128 && UNRESERVED.includes(character)) {
      out += character;
    } else {
      out += `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
    }
  }
  return out;
}

export type ReferenceForm = string | URLSearchParams | Record<string, string | string[]>;

export interface ReferenceRequest {
  method: string;
  url: string;
  form?: ReferenceForm | undefined;
  oauthParams: Record<string, string>;
}

export function referenceBaseStringUri(url: string): string {
  const parsed = new URL(url);
  const scheme = parsed.protocol.slice(0, -1).toLowerCase();
  const host = parsed.hostname.toLowerCase();
  const defaultPort = scheme === "http" ? "80" : "443";
  const port = parsed.port === "" || parsed.port === defaultPort ? "" : `:${parsed.port}`;
  const path = parsed.pathname === "" ? "/" : parsed.pathname;
  return `${scheme}://${host}${port}${path}`;
}

export function referenceParameters(request: ReferenceRequest): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  const parsed = new URL(request.url);
  for (const [name, value] of new URLSearchParams(parsed.search)) pairs.push([name, value]);
  const form = request.form;
  if (typeof form === "string") {
    for (const [name, value] of new URLSearchParams(form)) pairs.push([name, value]);
  } else if (form instanceof URLSearchParams) {
    for (const [name, value] of form) pairs.push([name, value]);
  } else if (form !== undefined) {
    for (const [name, value] of Object.entries(form)) {
      for (const item of Array.isArray(value) ? value : [value]) pairs.push([name, item]);
    }
  }
  for (const [name, value] of Object.entries(request.oauthParams)) {
    if (name !== "oauth_signature" && name !== "realm") pairs.push([name, value]);
  }
  return pairs;
}

export function referenceNormalizedParameters(pairs: Array<[string, string]>): string {
  const encoded = pairs.map(([name, value]) => [referencePercentEncode(name), referencePercentEncode(value)]);
  encoded.sort((a, b) => {
    const byName = Buffer.compare(Buffer.from(a[0]!), Buffer.from(b[0]!));
    return byName !== 0 ? byName : Buffer.compare(Buffer.from(a[1]!), Buffer.from(b[1]!));
  });
  return encoded.map(([name, value]) => `${name}=${value}`).join("&");
}

export function referenceBaseString(request: ReferenceRequest): string {
  return [
    request.method.toUpperCase(),
    referencePercentEncode(referenceBaseStringUri(request.url)),
    referencePercentEncode(referenceNormalizedParameters(referenceParameters(request))),
  ].join("&");
}

export interface ReferenceCredentials {
  consumerKey: string;
  consumerSecret: string;
  accessToken?: string;
  accessTokenSecret?: string;
}

/** The Authorization header for a request signed with the given nonce and timestamp (seconds). */
export function referenceAuthorization(
  credentials: ReferenceCredentials,
  request: {
    method: string;
    url: string;
    form?: ReferenceForm | undefined;
    extra?: Record<string, string> | undefined;
  },
  nonce: string,
  timestamp: number,
): string {
  const oauthParams: Record<string, string> = {
    ...request.extra,
    oauth_consumer_key: credentials.consumerKey,
    oauth_nonce: nonce,
    oauth_signature_method: "HMAC-SHA1",
    oauth_timestamp: String(timestamp),
    oauth_version: "1.0",
  };
  if (credentials.accessToken !== undefined) oauthParams.oauth_token = credentials.accessToken;
  const baseString = referenceBaseString({
    method: request.method,
    url: request.url,
    form: request.form,
    oauthParams,
  });
  const key = `${referencePercentEncode(credentials.consumerSecret)}&${referencePercentEncode(credentials.accessTokenSecret ?? "")}`;
  oauthParams.oauth_signature = createHmac("sha1", key).update(baseString).digest("base64");
  const fields = Object.keys(oauthParams)
    .sort()
    .map((name) => `${referencePercentEncode(name)}="${referencePercentEncode(oauthParams[name]!)}"`);
  return `OAuth ${fields.join(", ")}`;
}
