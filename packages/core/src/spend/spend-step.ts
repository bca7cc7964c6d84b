import { guardStep } from "../connection/guard-step.js";
import type { Call, SendStep } from "../connection/pipeline.js";
import type { SpendQuery } from "./request-cost.js";
import type { SpendGuard, SpendReservation } from "./spend-guard.js";

/** The query a call was sent with, as the guard prices it (`max_results`, `ids`, `expansions`). */
function queryOf(url: string): SpendQuery {
  return url.includes("?") ? Object.fromEntries(new URL(url).searchParams) : {};
}

/**
 * The connection's spend step: reserves a call's worst case before it is sent (a refusal throws
 * `SPEND_LIMIT_REACHED` and nothing is sent), settles with X's final answer (only a 2xx is billed),
 * releases when no answer came. It goes outside the retry step, so a retried call is reserved once
 * and settled once, with the answer that ended it. Token-endpoint calls are not reserved at all.
 */
export function createSpendStep(guard: SpendGuard): SendStep {
  return guardStep<SpendReservation | undefined>({
    reserve: (call: Call) =>
      // A fixed `authorization` marks the OAuth token endpoints: X does not bill them.
      call.authorization !== undefined
        ? undefined
        : guard.reserve({ method: call.method, endpointTemplate: call.endpoint, query: queryOf(call.url) }),
    settle: (reservation, answer) =>
      reservation === undefined
        ? undefined
        : guard.settle(reservation, { status: answer.status, body: answer.data }),
    release: (reservation) => (reservation === undefined ? undefined : guard.release(reservation)),
  });
}
