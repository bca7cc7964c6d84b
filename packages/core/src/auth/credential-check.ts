import type { Credentials } from "../credentials/credentials.js";
import { TwauthError } from "../errors/twauth-error.js";

/**
 * NUL, CR, LF and the other C0 controls, and DEL: never part of a real X credential, and in a header
 * they end it or smuggle in another.
 */
function hasControlCharacter(value: string): boolean {
  for (let index = 0; index < value.length; index++) {
    const code = value.charCodeAt(index);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}
// A token sent as is (`Bearer …`): visible ASCII, no space (RFC 6750's b64token, plus X's `%`).
const visibleAscii = /^[\x21-\x7e]+$/;

const sentAsIs = new Set(["bearerToken", "accessToken"]);

function invalid(field: string, what: string): TwauthError {
  return new TwauthError(
    "CREDENTIALS_INVALID",
    `The credential ${field} holds ${what}, which no X credential has and no HTTP header can carry; nothing was sent. Copy it again from the developer portal.`,
    { keys: [field] },
  );
}

/**
 * Refuses credentials that could not be sent as they are, before any request: a control character in
 * any value, or a space or non-ASCII character in a token that goes into a header unencoded (app-only
 * and OAuth 2.0 bearer tokens). Names the field, never the value.
 */
export function assertSendableCredentials(credentials: Credentials): void {
  for (const [field, value] of Object.entries(credentials)) {
    if (typeof value !== "string" || field === "type") continue;
    if (hasControlCharacter(value)) throw invalid(field, "a control character (such as NUL, CR or LF)");
    const unencoded = credentials.type !== "user" && sentAsIs.has(field);
    if (unencoded && !visibleAscii.test(value)) throw invalid(field, "a space or a non-ASCII character");
  }
}

/** True when a token from a server may be sent back in an `Authorization: Bearer` header. */
export function isSendableToken(token: string): boolean {
  return visibleAscii.test(token);
}
