import type { BearerTokenCache, RateLimitState } from "@twauth/core";
export function sharedStateOptions(
  rateLimitState: Pick<RateLimitState, "acquire" | "settle">,
  bearerTokenCache?: BearerTokenCache,
): { rateLimitState: RateLimitState };
