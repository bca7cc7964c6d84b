import type { Credentials, OAuth1UserCredentials } from "../credentials/credentials.js";
import type { ResolveCredentialsOptions } from "../credentials/resolve-credentials.js";
import { resolveCredentials } from "../credentials/resolve-credentials.js";
import type { SecretRecord } from "../store/secret-store.js";

/** What a connection holds: the credentials it authorizes with, and for app-only, the app owner's. */
export interface ConnectionCredentials {
  readonly credentials: Credentials;
  /**
   * The app owner's OAuth 1.0a user credentials, when an app-only connection's record holds them
   * too (`auth: "app"` over a full set of keys). X's `POST /oauth2/invalidate_token` is signed with them.
   */
  readonly owner?: OAuth1UserCredentials;
}

/** `resolveCredentials`, keeping the owner's access token for an app-only connection when present. */
export function resolveConnectionCredentials(
  record: SecretRecord,
  options: ResolveCredentialsOptions,
): ConnectionCredentials {
  const credentials = resolveCredentials(record, options);
  if (credentials.type !== "app") return { credentials };
  try {
    // Warnings were already given by the first pass; a record without the pair simply has no owner.
    const owner = resolveCredentials(record, { ...options, auth: "user", onWarning: () => {} });
    return owner.type === "user" ? { credentials, owner } : { credentials };
  } catch {
    return { credentials };
  }
}
