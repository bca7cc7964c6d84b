/**
 * RFC 5849 §3.6 / RFC 3986 percent-encoding: every octet except the unreserved characters
 * (ALPHA, DIGIT, "-", ".", "_", "~") as %XX with upper-case hex. encodeURIComponent leaves
 * "!'()*" alone, so those are escaped on top of it. Throws URIError on a lone surrogate.
 */
export function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** Decodes one `application/x-www-form-urlencoded` component: "+" is a space there. Throws URIError. */
export function formDecode(component: string): string {
  return decodeURIComponent(component.replace(/\+/g, " "));
}
