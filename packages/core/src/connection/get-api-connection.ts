import type { TokenType } from "../credentials/credentials.js";
import type { SecretRecord } from "../store/secret-store.js";
import { DEFAULT_PROFILE } from "../store/secret-store.js";
import type { ApiConnection } from "./api-connection.js";
import type { ConnectionCredentials } from "./connection-credentials.js";
import { resolveConnectionCredentials } from "./connection-credentials.js";
import type {
  ApiConnectionOptions,
  CredentialsInput,
  NormalizedConnectionOptions,
} from "./connection-options.js";

const tokenTypes = new Set(["user", "app", "oauth2-user"]);

/** Credentials given in code, as the string record `resolveCredentials` reads (a typed object's `type` aside). */
function credentialsRecord(input: CredentialsInput): SecretRecord {
  const record: Record<string, string> = {};
  for (const key in input) {
    const value = input[key];
    if (key === "type" || value === undefined) continue;
    record[key] = typeof value === "number" ? String(value) : value;
  }
  return record;
}

async function loadCredentials(options: NormalizedConnectionOptions): Promise<ConnectionCredentials> {
  const onWarning = options.onWarning === undefined ? {} : { onWarning: options.onWarning };
  if (options.store !== undefined) {
    const profile = options.profile ?? DEFAULT_PROFILE;
    const record = await options.store.load({ profile });
    return resolveConnectionCredentials(record, {
      source: options.store.source,
      profile,
      ...(options.auth === undefined ? {} : { auth: options.auth }),
      ...onWarning,
    });
  }
  const given = options.credentials ?? {};
  // A typed Credentials object says its token type; `auth` still wins.
  const typed =
    typeof given.type === "string" && tokenTypes.has(given.type) ? (given.type as TokenType) : undefined;
  const auth = options.auth ?? typed;
  return resolveConnectionCredentials(credentialsRecord(given), {
    source: "options.credentials",
    ...(auth === undefined ? {} : { auth }),
    ...onWarning,
  });
}

/**
 * Validates the options, loads and checks the credentials, and returns a connection that signs (OAuth
 * 1.0a user context), exchanges and caches an app-only bearer token, or sends an OAuth 2.0 user
 * access token: whichever the credentials hold, or `auth` asks for.
 *
 * Throws `OPTIONS_INVALID` (every bad option named with what it should be), `CREDENTIALS_MISSING`,
 * `CREDENTIALS_CONFLICT` or a store's error. Makes no request: call `verifyCredentials()` for that.
 *
 * @example
 * const api = await getApiConnection({
 *   credentials: { consumerKey, consumerSecret, accessToken, accessTokenSecret },
 *   waitOnRateLimit: true,
 * });
 * const me = await api.verifyCredentials();
 * await api.post("/2/tweets", { json: { text: "hello" } });
 * api.close();
 *
 * @example
 * // From a store, with the profile's credentials re-loaded once if X answers 401 (rotation).
 * const api = await getApiConnection({ store: dotenvStore({ path: ".env" }), profile: "bot" });
 */
export async function getApiConnection(options: ApiConnectionOptions): Promise<ApiConnection> {
  // zod, node:http and node:https are loaded only here, not when core is imported: a program that
  // only signs requests must start fast.
  const [{ normalizeConnectionOptions }, { createApiConnection }] = await Promise.all([
    import("./options-schema.js"),
    import("./api-connection.js"),
  ]);
  const normalized = normalizeConnectionOptions(options);
  return createApiConnection(normalized, await loadCredentials(normalized));
}
