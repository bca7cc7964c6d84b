import { createHash } from "node:crypto";

/** A token's fingerprint: enough to tell two tokens apart, nothing to use one with. */
export function tokenFingerprint(token: string): string {
  return `sha256:${createHash("sha256").update(token).digest("hex").slice(0, 12)}`;
}
