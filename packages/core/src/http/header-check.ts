import { TwauthError } from "../errors/twauth-error.js";

// RFC 9110 §5.6.2 token characters: what a header name may hold.
const headerName = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
// RFC 9110 §5.5: a field value is visible characters, spaces and tabs (and obs-text); never CR, LF,
// NUL or another control character, which would end the header or smuggle another one in.
const forbiddenInValue = /[^\t\x20-\x7e\x80-\xff]/;

/** True when `value` may be sent as a header value. */
export function isSendableHeaderValue(value: string): boolean {
  return !forbiddenInValue.test(value);
}

/** True when `name` may be sent as a header name. */
export function isSendableHeaderName(name: string): boolean {
  return headerName.test(name);
}

/**
 * Refuses headers that HTTP cannot carry, before anything is sent. node:http and fetch refuse them
 * too, but fetch's message quotes the value (an `Authorization` header is a secret), and a refusal
 * from inside a transport would look like a network failure and be retried. The error names the
 * header, never its value.
 */
export function assertSendableHeaders(headers: Readonly<Record<string, string>>): void {
  for (const name in headers) {
    const value = headers[name]!;
    if (!isSendableHeaderName(name)) {
      throw new TwauthError(
        "OPTIONS_INVALID",
        "A request header name holds a character HTTP does not allow (a space, a colon or a control character); nothing was sent.",
        { keys: ["headers"] },
      );
    }
    if (typeof value !== "string" || !isSendableHeaderValue(value)) {
      throw new TwauthError(
        "OPTIONS_INVALID",
        `The ${name} header holds a character HTTP does not allow (CR, LF, NUL or another control character); nothing was sent.`,
        { keys: [name] },
      );
    }
  }
}
