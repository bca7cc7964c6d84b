import { invalidArgument } from "./invalid-argument.js";
import { createRandomNonceSource } from "./nonce.js";
import type { OAuth1Credentials, OAuth1SignerOptions } from "./signer.js";

/** The keys of a signer, checked: non-empty strings, the token and its secret both or neither. */
export interface SignerKeys {
  readonly consumerKey: string;
  readonly consumerSecret: string;
  readonly accessToken?: string;
  readonly accessTokenSecret?: string;
}

/** Checks `createOAuth1Signer`'s credentials, naming a bad one (never its value). */
export function readSignerCredentials(credentials: OAuth1Credentials, where: string): SignerKeys {
  if (typeof credentials !== "object" || credentials === null) {
    throw invalidArgument(where, "credentials", "must be an object with consumerKey and consumerSecret");
  }
  const consumerKey = requireText(credentials.consumerKey, "credentials.consumerKey", where);
  const consumerSecret = requireText(credentials.consumerSecret, "credentials.consumerSecret", where);
  const { accessToken, accessTokenSecret } = credentials;
  if (accessToken === undefined && accessTokenSecret === undefined) return { consumerKey, consumerSecret };
  if (accessTokenSecret === undefined) {
    throw invalidArgument(where, "credentials.accessTokenSecret", "is required with credentials.accessToken");
  }
  if (accessToken === undefined) {
    throw invalidArgument(where, "credentials.accessToken", "is required with credentials.accessTokenSecret");
  }
  return {
    consumerKey,
    consumerSecret,
    accessTokenSecret: requireText(accessTokenSecret, "credentials.accessTokenSecret", where),
    accessToken: requireText(accessToken, "credentials.accessToken", where),
  };
}

/** Checks `createOAuth1Signer`'s options and fills the defaults: a random nonce source, Date.now. */
export function readSignerOptions(
  options: OAuth1SignerOptions,
  where: string,
): { nonce: () => string; now: () => number } {
  if (typeof options !== "object" || options === null)
    throw invalidArgument(where, "options", "must be an object");
  return {
    nonce: optionalFunction(options.nonce, "options.nonce", where) ?? createRandomNonceSource(),
    now: optionalFunction(options.now, "options.now", where) ?? Date.now,
  };
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
