import type { SecretRecord } from "@twauth/core";
import { canonicalCredentialField } from "@twauth/core";

/** Pairs that travel joined as HTTP Basic credentials: the app's key and secret, an OAuth 2.0 client's id and secret. */
const basicPairs = [
  ["consumerKey", "consumerSecret"],
  ["clientId", "clientSecret"],
] as const;

/**
 * Secrets the process derives from a store's values and could print without ever loading them as
 * such: the Basic credential (base64 of key:secret) sent to `POST /oauth2/token`, in the form core
 * sends (RFC 6749: each half form-encoded first) and the plain join other clients use.
 *
 * @example
 * redactor.add(derivedSecrets({ CONSUMER_KEY: "…", CONSUMER_SECRET: "…" })); // the Basic value
 */
export function derivedSecrets(record: SecretRecord): string[] {
  const byField = new Map<string, string>();
  for (const [key, value] of Object.entries(record)) {
    const field = canonicalCredentialField(key);
    if (field !== undefined && typeof value === "string" && value.trim() !== "")
      byField.set(field, value.trim());
  }
  const derived: string[] = [];
  for (const [idField, secretField] of basicPairs) {
    const id = byField.get(idField);
    const secret = byField.get(secretField);
    if (id === undefined || secret === undefined) continue;
    derived.push(
      base64(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`),
      base64(`${id}:${secret}`),
    );
  }
  return derived;
}

function base64(text: string): string {
  return Buffer.from(text).toString("base64");
}
