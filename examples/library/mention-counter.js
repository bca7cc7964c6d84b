// mention-counter: a small library that counts the recent tweets mentioning the account it is
// given. It holds no credentials and reads no files: its caller hands it an ApiConnection
// (getApiConnection) or, when the caller sends requests itself, an OAuth 1.0a signer
// (createOAuth1Signer). It imports only @twauth/core, so it pulls in no store, config parser or
// HTTP client its users did not choose.
import { percentEncode, TwauthError } from "@twauth/core";

/** @typedef {import("@twauth/core").ApiConnection} ApiConnection */

/**
 * For callers that send requests themselves.
 *
 * @typedef {object} SignerClient
 * @property {import("@twauth/core").OAuth1Signer} signer signs each request (user context)
 * @property {string} [baseUrl] the X API's origin; default https://api.x.com
 * @property {typeof fetch} [fetch] the caller's fetch; default the global one
 */

/**
 * @typedef {object} MentionCount
 * @property {string} username the account, without `@`
 * @property {number} count recent tweets that mention it, up to 100 (one page of search results)
 * @property {{ limit: number, remaining: number } | undefined} searchRateLimit the search window after the call
 */

/**
 * @typedef {object} GetResult
 * @property {unknown} data
 * @property {{ limit: number, remaining: number } | undefined} rateLimit
 */

/** @typedef {(path: string, query: Record<string, string>) => Promise<GetResult>} Get */

/**
 * What the library needs from either kind of client.
 *
 * @typedef {object} Account
 * @property {() => Promise<string | undefined>} username the handle the credentials belong to
 * @property {Get} get one authenticated GET
 */

/**
 * Counts the recent tweets that mention the account whose credentials `client` holds.
 *
 * @param {ApiConnection | SignerClient} client
 * @param {{ signal?: AbortSignal }} [options]
 * @returns {Promise<MentionCount>}
 */
export async function countMentions(client, options = {}) {
  const account =
    "signer" in client ? signerAccount(client, options.signal) : connectionAccount(client, options.signal);
  const username = await account.username();
  if (username === undefined) {
    throw new TwauthError(
      "API_ERROR",
      "GET /2/users/me named no user; countMentions needs user-context credentials.",
      { endpoint: "GET /2/users/me" },
    );
  }
  const search = await account.get("/2/tweets/search/recent", { query: `@${username}`, max_results: "100" });
  const found = /** @type {{ meta?: { result_count?: number } } | undefined} */ (search.data);
  return { username, count: found?.meta?.result_count ?? 0, searchRateLimit: search.rateLimit };
}

/**
 * The connection signs, retries, waits out rate limits and throws TwauthErrors as its caller set it
 * up; its verifyCredentials also says why X refused the credentials (revoked token, clock skew).
 *
 * @param {ApiConnection} api
 * @param {AbortSignal | undefined} signal
 * @returns {Account}
 */
function connectionAccount(api, signal) {
  return {
    username: async () => (await api.verifyCredentials(signal === undefined ? {} : { signal })).username,
    get: async (path, query) => {
      const response = await api.get(path, signal === undefined ? { query } : { query, signal });
      const figures = response.rateLimit;
      return {
        data: response.data,
        rateLimit: figures && { limit: figures.limit, remaining: figures.remaining },
      };
    },
  };
}

/**
 * The caller's own HTTP: one signed GET, no retries; a failure becomes a TwauthError like the
 * connection's, so the library's callers handle one kind of error either way.
 *
 * @param {SignerClient} client
 * @param {AbortSignal | undefined} signal
 * @returns {Account}
 */
function signerAccount({ signer, baseUrl = "https://api.x.com", fetch = globalThis.fetch }, signal) {
  /** @type {Get} */
  const get = async (path, query) => {
    // Encoded as OAuth 1.0a signs it (RFC 3986), so the signature covers exactly what is sent.
    const search = Object.entries(query).map(
      ([name, value]) => `${percentEncode(name)}=${percentEncode(value)}`,
    );
    const url = `${baseUrl}${path}${search.length > 0 ? `?${search.join("&")}` : ""}`;
    const authorization = signer.authorize({ method: "GET", url });
    const endpoint = `GET ${path}`;
    /** @type {Response} */
    let response;
    try {
      response = await fetch(
        url,
        signal === undefined ? { headers: { authorization } } : { headers: { authorization }, signal },
      );
    } catch (cause) {
      if (signal?.aborted)
        throw new TwauthError("ABORTED", `${endpoint}: the request was aborted.`, { endpoint });
      throw new TwauthError("NETWORK_ERROR", `${endpoint}: ${baseUrl} could not be reached.`, {
        endpoint,
        cause,
      });
    }
    if (!response.ok) {
      const code =
        response.status === 401 ? "AUTH_FAILED" : response.status === 429 ? "RATE_LIMITED" : "API_ERROR";
      throw new TwauthError(code, `${endpoint} answered ${response.status}.`, {
        endpoint,
        status: response.status,
      });
    }
    const limit = response.headers.get("x-rate-limit-limit");
    const remaining = response.headers.get("x-rate-limit-remaining");
    return {
      data: await response.json(),
      rateLimit:
        limit === null || remaining === null
          ? undefined
          : { limit: Number(limit), remaining: Number(remaining) },
    };
  };
  return {
    username: async () => {
      const me = /** @type {{ data?: { username?: string } } | undefined} */ (
        (await get("/2/users/me", {})).data
      );
      return me?.data?.username;
    },
    get,
  };
}
