/**
 * The last line of defence for "nothing prints a secret": every value loaded from the store, every
 * secret derived from those (the Basic credential), and every token the CLI obtains (the exchanged
 * bearer, OAuth 2.0 tokens) is registered here, and all text the CLI writes passes through `redact`.
 * Commands do not print secrets in the first place; this catches what a message, an API body or a
 * future change might echo. Values shaped like credentials (an Authorization header, an
 * `access_token` field) are redacted even when they were never registered.
 */
export interface Redactor {
  /** Registers secret values; short values are ignored (they would blank out ordinary words). */
  add(values: Iterable<string | undefined>): void;
  /** `text` with every registered value, raw, percent-encoded or decoded, replaced by `[redacted]`. */
  redact(text: string, options?: { reveal?: readonly string[] }): string;
}

/** Shorter values are not credentials X issues; redacting them would mangle ordinary output. */
const minimumSecretLength = 8;

export const redactedMarker = "[redacted]";

// An Authorization header value (as a proxy's error page or an echo endpoint may repeat it), and the
// token fields of X's token endpoints in JSON (`"access_token": "…"`) or form (`access_token=…`) form.
const authorizationValue = /\b((?:Bearer|Basic)\s+)([\w.~+/=%-]{8,})()/g;
const oauthHeaderSecret = /\b(oauth_signature=")([^"]+)(")/g;
const tokenFieldNames =
  "access_token|refresh_token|bearer_token|client_secret|oauth_token_secret|access_token_secret|consumer_secret";
const jsonTokenField = new RegExp(`("(?:${tokenFieldNames})"\\s*:\\s*")([^"\\\\]{8,})(")`, "g");
const formTokenField = new RegExp(`\\b((?:${tokenFieldNames})=)([^&\\s"']{8,})()`, "g");
const shapedLikeSecrets = [authorizationValue, oauthHeaderSecret, jsonTokenField, formTokenField];

export function createRedactor(): Redactor {
  const secrets = new Set<string>();
  return {
    add(values) {
      for (const value of values) {
        if (value === undefined) continue;
        for (const form of secretForms(value)) secrets.add(form);
      }
    },
    redact(text, options = {}) {
      const revealed = new Set((options.reveal ?? []).flatMap(secretForms));
      // Longest first, so a secret that contains another is replaced whole.
      let result = text;
      for (const secret of [...secrets].sort((a, b) => b.length - a.length)) {
        if (revealed.has(secret) || !result.includes(secret)) continue;
        result = result.split(secret).join(redactedMarker);
      }
      for (const pattern of shapedLikeSecrets) {
        result = result.replace(pattern, (match, before: string, value: string, after: string) =>
          revealed.has(value) || value === redactedMarker ? match : `${before}${redactedMarker}${after}`,
        );
      }
      return result;
    },
  };
}

/**
 * A value as it may appear in output: as is, percent-encoded (as a form or query carries it, by
 * encodeURIComponent or by RFC 3986's stricter rule) and percent-decoded (X's bearer tokens hold
 * `%2B`-style escapes, which a decoded echo shows as `+`).
 */
function secretForms(value: string): string[] {
  const trimmed = value.trim();
  if (trimmed.length < minimumSecretLength) return [];
  const decoded = safeDecode(trimmed);
  const forms = new Set([
    trimmed,
    encodeURIComponent(trimmed),
    rfc3986Encode(trimmed),
    decoded,
    encodeURIComponent(decoded),
    rfc3986Encode(decoded),
  ]);
  return [...forms].filter((form) => form.length >= minimumSecretLength);
}

function rfc3986Encode(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
