/**
 * The last line of defence for "nothing prints a secret": every value loaded from the store (and
 * every token the CLI obtains) is registered here, and all text the CLI writes passes through
 * `redact`. Commands do not print secrets in the first place; this catches what a message, an API
 * body or a future change might echo.
 */
export interface Redactor {
  /** Registers secret values; short values are ignored (they would blank out ordinary words). */
  add(values: Iterable<string | undefined>): void;
  /** `text` with every registered value, raw or percent-encoded, replaced by `[redacted]`. */
  redact(text: string, options?: { reveal?: readonly string[] }): string;
}

/** Shorter values are not credentials X issues; redacting them would mangle ordinary output. */
const minimumSecretLength = 8;

export const redactedMarker = "[redacted]";

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
      if (secrets.size === 0) return text;
      const revealed = new Set((options.reveal ?? []).flatMap(secretForms));
      // Longest first, so a secret that contains another is replaced whole.
      let result = text;
      for (const secret of [...secrets].sort((a, b) => b.length - a.length)) {
        if (revealed.has(secret) || !result.includes(secret)) continue;
        result = result.split(secret).join(redactedMarker);
      }
      return result;
    },
  };
}

/** A value as it may appear in output: as is, and (bearer tokens travel so) percent-encoded or decoded. */
function secretForms(value: string): string[] {
  const trimmed = value.trim();
  if (trimmed.length < minimumSecretLength) return [];
  const forms = new Set([trimmed, encodeURIComponent(trimmed), safeDecode(trimmed)]);
  return [...forms].filter((form) => form.length >= minimumSecretLength);
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
