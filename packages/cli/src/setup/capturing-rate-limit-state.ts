import type { RateLimitState } from "@twauth/core";
import { createMemoryRateLimitState } from "@twauth/core";
import type { Redactor } from "../output/redactor.js";

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

/**
 * The state every command's connection uses: a bearer token the connection exchanges is known to
 * the redactor before any response can echo it.
 *
 * @example
 * const api = await openConnection(context, setup, { auth, rateLimitState: redactingRateLimitState(context.redactor) });
 */
export function redactingRateLimitState(redactor: Redactor): CapturingRateLimitState {
  return createCapturingRateLimitState((token) => redactor.add([token]));
}
