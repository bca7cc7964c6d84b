import type { RateLimitState } from "@twauth/core";
import { createMemoryRateLimitState } from "@twauth/core";

/** An in-memory state that also tells `twauth token` which bearer token the connection exchanged. */
export interface CapturingRateLimitState extends RateLimitState {
  /** The last bearer token the connection stored after `POST /oauth2/token`, if any. */
  readonly exchangedBearerToken: string | undefined;
}

export function createCapturingRateLimitState(onToken: (token: string) => void): CapturingRateLimitState {
  const state = createMemoryRateLimitState();
  let exchanged: string | undefined;
  return {
    acquire: (key, at) => state.acquire(key, at),
    settle: (key, ticket, outcome) => state.settle(key, ticket, outcome),
    getBearerToken: (appKey) => state.getBearerToken(appKey),
    setBearerToken(appKey, token) {
      exchanged = token;
      onToken(token);
      return state.setBearerToken(appKey, token);
    },
    deleteBearerToken: (appKey, token) => state.deleteBearerToken(appKey, token),
    get exchangedBearerToken() {
      return exchanged;
    },
  };
}
