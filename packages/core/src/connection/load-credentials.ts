import type { Credentials, OAuth1UserCredentials } from "../credentials/credentials.js";
import { credentialsRecord, isTypedCredentials } from "../credentials/credentials.js";
import type { ResolveCredentialsOptions } from "../credentials/resolve-credentials.js";
import { resolveCredentials } from "../credentials/resolve-credentials.js";
import type { SecretRecord } from "../store/secret-store.js";
import type { NormalizedConnectionOptions } from "./connection-options.js";

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

/** Credentials given in code, as the string record `resolveCredentials` reads. */
function givenRecord(given: object): SecretRecord {
  if (isTypedCredentials(given)) return credentialsRecord(given);
  const record: Record<string, string> = {};
  for (const [key, value] of Object.entries(given)) {
    if (value !== undefined) record[key] = typeof value === "number" ? String(value) : (value as string);
  }
  return record;
}

type LoadOptions = Pick<
  NormalizedConnectionOptions,
  "credentials" | "store" | "profile" | "auth" | "onWarning"
>;

/**
 * The connection's credentials, from the store (past its cache with `forceRefresh`, after a 401) or
 * from the options. The one place a store is loaded and its record resolved. A typed `Credentials`
 * object says its token type; `auth` still wins.
 */
export async function loadConnectionCredentials(
  options: LoadOptions,
  { forceRefresh = false }: { forceRefresh?: boolean } = {},
): Promise<ConnectionCredentials> {
  const onWarning = options.onWarning === undefined ? {} : { onWarning: options.onWarning };
  if (options.store !== undefined) {
    const { store, profile } = options;
    const record = await store.load(forceRefresh ? { profile, forceRefresh } : { profile });
    return resolveConnectionCredentials(record, {
      source: store.source,
      profile,
      ...(options.auth === undefined ? {} : { auth: options.auth }),
      ...onWarning,
    });
  }
  const given = options.credentials ?? {};
  const auth = options.auth ?? (isTypedCredentials(given) ? given.type : undefined);
  return resolveConnectionCredentials(givenRecord(given), {
    source: "options.credentials",
    ...(auth === undefined ? {} : { auth }),
    ...onWarning,
  });
}
