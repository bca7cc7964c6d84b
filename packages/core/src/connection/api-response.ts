import type { ResponseHeaders } from "../http/transport.js";
import type { RateLimitInfo } from "../rate-limit/rate-limit-info.js";
import type { ApiRequest } from "./request-target.js";

/**
 * A successful response: X's JSON parsed (text when it is not JSON), and its rate-limit figures.
 *
 * @example
 * const { status, data, rateLimit } = await api.get<{ data: { id: string } }>("/2/users/me");
 * // rateLimit: { limit: 75, remaining: 74, resetAt: 1735732800000 }
 */
export interface ApiResponse<T = unknown> {
  readonly status: number;
  /** Lower-case header names. */
  readonly headers: ResponseHeaders;
  readonly data: T;
  /** The endpoint's figures from this response, when X sent them. */
  readonly rateLimit: RateLimitInfo | undefined;
}

/**
 * `request()`'s options without `method` and `path`, for the verb helpers.
 *
 * @example
 * await api.get("/2/tweets/search/recent", { query: { query: "from:XDevelopers" }, signal });
 */
export type ApiRequestOptions = Omit<ApiRequest, "method" | "path">;
