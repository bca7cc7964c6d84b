import type { Parameter } from "./parameter-sources.js";
import { percentEncode } from "./percent-encode.js";

/**
 * RFC 5849 §3.4.1.2 base string URI: scheme and host lower-cased, the default port dropped, the
 * path kept as sent, no query and no fragment.
 */
export function baseStringUri(scheme: string, hostHeader: string, path: string): string {
  const lowerScheme = scheme.toLowerCase();
  let host = hostHeader.toLowerCase();
  const defaultPort = lowerScheme === "https" ? ":443" : ":80";
  if (host.endsWith(defaultPort)) host = host.slice(0, -defaultPort.length);
  return `${lowerScheme}://${host}${path === "" ? "/" : path}`;
}

/**
 * RFC 5849 §3.4.1.3.2: every name and value percent-encoded, sorted by encoded name then encoded
 * value (byte order: the encoded strings are ASCII), joined with "=" and "&".
 */
export function normalizeParameters(parameters: readonly Parameter[]): string {
  const encoded = parameters.map(([name, value]) => [percentEncode(name), percentEncode(value)] as const);
  encoded.sort(([nameA, valueA], [nameB, valueB]) => {
    if (nameA !== nameB) return nameA < nameB ? -1 : 1;
    if (valueA === valueB) return 0;
    return valueA < valueB ? -1 : 1;
  });
  return encoded.map(([name, value]) => `${name}=${value}`).join("&");
}

/** RFC 5849 §3.4.1.1: METHOD&enc(base string URI)&enc(normalized parameters). */
export function signatureBaseString(method: string, uri: string, parameters: readonly Parameter[]): string {
  return `${method.toUpperCase()}&${percentEncode(uri)}&${percentEncode(normalizeParameters(parameters))}`;
}
