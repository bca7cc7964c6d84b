import type { TokenType } from "../credentials/credentials.js";
import { isTwauthError, TwauthError } from "../errors/twauth-error.js";
import { describeBody } from "../http/parse-body.js";
import type { ApiResponse } from "./api-response.js";

/**
 * Who the credentials belong to, as `verifyCredentials()` found out.
 *
 * @example
 * const who = await api.verifyCredentials();
 * // { id: "2244994945", username: "XDevelopers", name: "Developers", tokenType: "user" }
 */
export interface VerifiedCredentials {
  /** The user's id (user-context tokens). */
  readonly id?: string;
  /** The user's handle, without `@` (user-context tokens). */
  readonly username?: string;
  /** The user's display name (user-context tokens). */
  readonly name?: string;
  readonly tokenType: TokenType;
}

/** An app-only call that costs little and works with any bearer token: one page of 10 results. */
export const appOnlyProbe = {
  path: "/2/tweets/search/recent",
  query: { query: "from:XDevelopers -is:retweet", max_results: 10 },
} as const;

/** The v1.1 call that names the reason for a 401 (v2 does not), asking for as little as it can. */
export const v1VerifyCredentials = {
  path: "/1.1/account/verify_credentials.json",
  query: { include_entities: false, skip_status: true },
} as const;

function unexpected(endpoint: string, response: ApiResponse, expected: string): TwauthError {
  return new TwauthError(
    "RESPONSE_INVALID",
    `${endpoint} answered ${response.status} with ${describeBody(response, response.data)}, not ${expected}; the credentials are not verified. Check baseUrl: something other than the X API may be answering.`,
    { endpoint, status: response.status },
  );
}

const isText = (value: unknown): value is string => typeof value === "string" && value !== "";

/**
 * The user `GET /2/users/me` names, or `RESPONSE_INVALID` when the answer is not X's shape (an HTML
 * page, an empty 204, a redirect): a success that proves nothing is not a success.
 */
export function verifiedUser(response: ApiResponse, tokenType: TokenType): VerifiedCredentials {
  const user = (response.data as { data?: { id?: unknown; username?: unknown; name?: unknown } } | undefined)
    ?.data;
  if (response.status !== 200 || !isText(user?.id) || !isText(user.username)) {
    throw unexpected(
      "GET /2/users/me",
      response,
      "a user with an id and a username (JSON { data: { id, username } })",
    );
  }
  return {
    id: user.id,
    username: user.username,
    ...(typeof user.name === "string" ? { name: user.name } : {}),
    tokenType,
  };
}

/** Checks the app-only probe's answer is X's JSON: a page of results (or none), not something else. */
export function checkAppProbe(response: ApiResponse): void {
  const data = response.data;
  if (response.status !== 200 || data === null || typeof data !== "object") {
    throw unexpected("GET /2/tweets/search/recent", response, "X's JSON search results");
  }
}

/**
 * X's v2 endpoints answer every 401 with a bare "Unauthorized"; v1.1 says why (code 32, 89, 135).
 * For an OAuth 1.0a user token, one v1.1 call finds the code so the error can say what to fix.
 */
export async function diagnoseUnauthorized(
  error: unknown,
  tokenType: TokenType,
  askV1: () => Promise<unknown>,
): Promise<unknown> {
  if (tokenType !== "user" || !isTwauthError(error, "AUTH_FAILED") || error.status !== 401) return error;
  if (error.apiCodes !== undefined) return error;
  try {
    await askV1();
  } catch (diagnosis) {
    if (isTwauthError(diagnosis, "AUTH_FAILED") && diagnosis.apiCodes !== undefined) return diagnosis;
  }
  return error;
}
