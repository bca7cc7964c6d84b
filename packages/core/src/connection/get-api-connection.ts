import type { ApiConnection } from "./api-connection.js";
import type { ApiConnectionOptions } from "./connection-options.js";
import { loadConnectionCredentials } from "./load-credentials.js";

/**
 * Validates the options, loads and checks the credentials, and returns a connection that signs (OAuth
 * 1.0a user context), exchanges and caches an app-only bearer token, or sends an OAuth 2.0 user
 * access token: whichever the credentials hold, or `auth` asks for.
 *
 * `credentials` may be typed `Credentials` as `resolveCredentials` returns them, used as they are.
 * Throws `OPTIONS_INVALID` (every bad option named with what it should be), `CREDENTIALS_MISSING`,
 * `CREDENTIALS_CONFLICT`, `CREDENTIALS_INVALID` or a store's error. Makes no request: call `verifyCredentials()` for that.
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
  return createApiConnection(normalized, await loadConnectionCredentials(normalized));
}
