import { percentEncode } from "../oauth1/percent-encode.js";

// An Authorization header value of any scheme twauth sends, e.g. echoed back by a proxy's error page.
const authorizationPattern = /\bOAuth\s+(?:oauth_\w+="[^"]*"(?:,\s*)?)+|\b(?:Bearer|Basic)\s+[\w.~+/=%-]+/g;

// Short values (a test's "k") would mangle ordinary words; real X secrets are 25+ characters.
const minSecretLength = 6;

function decoded(value: string): string | undefined {
  try {
    return decodeURIComponent(value);
  } catch {
    return undefined;
  }
}

/**
 * Every form a secret can take in text a server sends back: as is, percent-encoded (how OAuth 1.0a
 * and form bodies carry it: X's bearer tokens hold `%3D`, which a server may echo as `=`), and
 * percent-decoded. Longest first, so no shorter form leaves a piece of a longer one behind.
 *
 * @example secretForms("AAAA%3Dxyz0123") // ["AAAA%253Dxyz0123", "AAAA%3Dxyz0123", "AAAA=xyz0123"]
 */
export function secretForms(secret: string): string[] {
  const forms = new Set([secret, percentEncode(secret), encodeURIComponent(secret)]);
  const plain = decoded(secret);
  if (plain !== undefined) forms.add(plain);
  return [...forms].filter((form) => form.length >= minSecretLength).sort((a, b) => b.length - a.length);
}

/** Replaces each form of each secret, and anything shaped like an Authorization header, in `text`. */
export function redactSecrets(text: string, forms: readonly string[]): string {
  let result = text.replace(authorizationPattern, "[redacted authorization]");
  for (const form of forms) {
    if (result.includes(form)) result = result.split(form).join("[redacted]");
  }
  return result;
}

/**
 * A redactor for a fixed set of secrets, their forms computed once (errors are rare; requests are
 * not, and building the forms costs more than a request's signature).
 */
export function createRedactor(secrets: readonly (string | undefined)[]): (text: string) => string {
  let forms: string[] | undefined;
  return (text) => {
    forms ??= [...new Set(secrets.flatMap((secret) => (secret === undefined ? [] : secretForms(secret))))];
    return redactSecrets(text, forms);
  };
}
