import { randomBytes, randomInt } from "node:crypto";

const alphanumeric = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

export function randomAlphanumeric(length: number): string {
  let text = "";
  for (let index = 0; index < length; index++) text += alphanumeric[randomInt(alphanumeric.length)];
  return text;
}

/** Credentials shaped like the ones X issues, so length and alphabet checks behave as in production. */
export const generateCredential = {
  consumerKey: () => randomAlphanumeric(25),
  consumerSecret: () => randomAlphanumeric(50),
  /** X's access tokens start with the user's id and a dash. */
  accessToken: (userId: string) => `${userId}-${randomAlphanumeric(40)}`,
  accessTokenSecret: () => randomAlphanumeric(45),
  requestToken: () => randomAlphanumeric(27),
  requestTokenSecret: () => randomAlphanumeric(32),
  verifier: () => randomAlphanumeric(32),
  /** A 7-digit PIN, leading zeros kept. */
  pin: () => String(randomInt(10_000_000)).padStart(7, "0"),
  /**
   * X's app bearer tokens are a run of "A"s followed by percent-encoded base64 ("%2B", "%2F", "%3D"):
   * a client must send them exactly as received, never decode them.
   */
  bearerToken: () =>
    `AAAAAAAAAAAAAAAAAAAAA${randomAlphanumeric(12)}${encodeURIComponent(randomBytes(30).toString("base64"))}${randomAlphanumeric(30)}`,
  oauth2AccessToken: () => randomBytes(68).toString("base64url"),
} as const;
