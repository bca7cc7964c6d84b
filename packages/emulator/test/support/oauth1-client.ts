import { createHmac } from "node:crypto";
import OAuth from "oauth-1.0a";

/**
 * An independent OAuth 1.0a client for the tests (oauth-1.0a with a node:crypto HMAC-SHA1), so the
 * emulator is checked against someone else's signer, not against our own core.
 */
export interface SignInput {
  consumerKey: string;
  consumerSecret: string;
  token?: string;
  tokenSecret?: string;
  method: string;
  url: string;
  /** Form body fields: signed, and sent form-encoded by the caller. */
  form?: Record<string, string>;
  /** Extra protocol parameters put in the header and signed (oauth_callback, oauth_verifier). */
  protocol?: Record<string, string>;
  /** Epoch seconds; default now. */
  timestamp?: number;
  nonce?: string;
}

export function oauth1Header(input: SignInput): string {
  const client = new OAuth({
    consumer: { key: input.consumerKey, secret: input.consumerSecret },
    signature_method: "HMAC-SHA1",
    hash_function: (baseString, key) => createHmac("sha1", key).update(baseString).digest("base64"),
  });
  if (input.timestamp !== undefined) {
    const timestamp = input.timestamp;
    client.getTimeStamp = () => timestamp;
  }
  if (input.nonce !== undefined) {
    const nonce = input.nonce;
    client.getNonce = () => nonce;
  }
  const data = { ...input.form, ...input.protocol };
  const token = input.token === undefined ? undefined : { key: input.token, secret: input.tokenSecret ?? "" };
  const authorization = client.authorize({ url: input.url, method: input.method, data }, token);
  return client.toHeader({ ...authorization, ...input.protocol } as OAuth.Authorization).Authorization;
}

/** Replaces one protocol parameter's (already encoded) value in an Authorization header. */
export function withHeaderParam(header: string, name: string, change: (value: string) => string): string {
  const pattern = new RegExp(`${name}="([^"]*)"`);
  const match = pattern.exec(header);
  if (!match) throw new Error(`${name} not in header`);
  return header.replace(pattern, `${name}="${change(match[1] ?? "")}"`);
}

/** Changes one character of a string to a different one of the same class. */
export function changeOneByte(value: string, index = 0): string {
  const character = value[index] ?? "";
  const replacement = /\d/.test(character)
    ? String((Number(character) + 1) % 10)
    : character === "A"
      ? "B"
      : "A";
  return value.slice(0, index) + replacement + value.slice(index + 1);
}
