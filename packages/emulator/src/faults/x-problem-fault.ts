import type { EmulatorResponse } from "../http/emulator-response.js";
import { problemResponse } from "../http/emulator-response.js";
import { unsupportedAuthenticationProblem, xProblemBodies } from "../http/x-errors.js";
import { rateLimitHeaders } from "../limits/rate-limiter.js";

/**
 * X's 2026 failures a fault can answer with, in X's exact bodies and headers: "credits-depleted"
 * (402), "usage-capped" (429 with the rate-limit headers showing requests remaining),
 * "client-not-enrolled" (403), "unsupported-authentication" (403) and "scope-missing" (403).
 *
 * @example
 * emulator.inject("GET /2/users/me", [{ problem: "usage-capped" satisfies XProblemFault }]);
 */
export type XProblemFault =
  | "credits-depleted"
  | "usage-capped"
  | "client-not-enrolled"
  | "unsupported-authentication"
  | "scope-missing";

export const xProblemFaults: readonly XProblemFault[] = [
  "credits-depleted",
  "usage-capped",
  "client-not-enrolled",
  "unsupported-authentication",
  "scope-missing",
];

/** What the answer fills in: the app X would name, and the route's rate-limit window. */
export interface XProblemContext {
  /** The id of the app (X's client_id) and of the developer account that is out of credits. */
  appId: string;
  /** The route's limit, or 15 when it has none. */
  limit: number;
  /** Epoch seconds when the route's 15-minute window would reset. */
  resetSeconds: number;
}

export function xProblemResponse(problem: XProblemFault, context: XProblemContext): EmulatorResponse {
  switch (problem) {
    case "credits-depleted":
      return problemResponse(402, xProblemBodies.creditsDepleted(context.appId));
    case "usage-capped":
      // A cap, not a rate limit: the window still has requests left.
      return problemResponse(
        429,
        xProblemBodies.usageCapped(),
        rateLimitHeaders(context.limit, Math.max(0, context.limit - 1), context.resetSeconds),
      );
    case "client-not-enrolled":
      return problemResponse(403, xProblemBodies.clientNotEnrolled(context.appId));
    case "unsupported-authentication":
      return unsupportedAuthenticationProblem();
    case "scope-missing":
      return problemResponse(403, xProblemBodies.scopeMissing());
  }
}
