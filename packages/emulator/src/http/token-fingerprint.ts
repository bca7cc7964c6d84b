import { createHash } from "node:crypto";

const labelled = /^(consumer|request-token|app|oauth2):/;

/**
 * What the log prints for a token key: its kind and a short hash, as twauth's CLI prints tokens.
 * Enough to tell two requests' tokens apart, nothing to use one with; stats keep the key itself.
 *
 * @example tokenFingerprint("app:EmuLat0rC0nsumerKey000001") // "app:sha256:3f1c…" (12 hex digits)
 */
export function tokenFingerprint(tokenKey: string): string {
  const label = labelled.exec(tokenKey)?.[0] ?? "";
  const hash = createHash("sha256").update(tokenKey.slice(label.length)).digest("hex").slice(0, 12);
  return `${label}sha256:${hash}`;
}
