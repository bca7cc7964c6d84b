import type { Authorizer } from "../auth/authorizer.js";
import type { RateLimitGateOptions, SendTicket } from "../rate-limit/rate-limit-gate.js";
import { acquireRateLimitBudget, blockAfterTooManyRequests } from "../rate-limit/rate-limit-gate.js";
import { parseRetryAfter } from "../rate-limit/rate-limit-info.js";
import type { RateLimitOutcome, RateLimitState } from "../rate-limit/rate-limit-state.js";
import type { NormalizedConnectionOptions } from "./connection-options.js";
import type { Answer, SendStep } from "./pipeline.js";
import { xErrorDetails } from "./response-error.js";

export interface RateLimitStepDependencies {
  readonly options: Pick<
    NormalizedConnectionOptions,
    | "waitOnRateLimit"
    | "maxRateLimitWaits"
    | "maxRateLimitWaitMs"
    | "now"
    | "sleep"
    | "notify"
    | "rateLimitState"
    | "sharedRateLimitState"
  >;
  readonly authorizer: () => Authorizer;
}

const unanswered: RateLimitOutcome = { answered: false };
const answeredBare: RateLimitOutcome = { answered: true };

function usageCapped(data: unknown): boolean {
  return xErrorDetails(data).problemType?.endsWith("/usage-capped") === true;
}

/** How the answer settles the budget: its figures, and after a 429 how long every request holds off. */
function outcomeOf(answer: Answer, tooMany: boolean, now: number, waitsSoFar: number): RateLimitOutcome {
  const { rateLimit } = answer;
  if (!tooMany) return rateLimit === undefined ? answeredBare : { answered: true, figures: rateLimit };
  const block = blockAfterTooManyRequests(
    parseRetryAfter(answer.headers["retry-after"], now),
    rateLimit,
    now,
    waitsSoFar,
  );
  return {
    answered: true,
    ...(rateLimit === undefined ? {} : { figures: rateLimit }),
    blockedUntil: block.until,
    blockedReason: block.reason,
  };
}

/**
 * With `waitOnRateLimit`, for metered calls: takes the budget before the attempt (waiting for a reset
 * when it is spent), settles it with the answer's figures, and after a 429 (not a usage cap) waits
 * and sends again, at most `maxRateLimitWaits` times. Without it the step only passes the call on.
 */
export function createRateLimitStep(dependencies: RateLimitStepDependencies): SendStep {
  const { options } = dependencies;
  const gate: RateLimitGateOptions = {
    state: options.rateLimitState,
    now: options.now,
    sleep: options.sleep,
    maxWaitMs: options.maxRateLimitWaitMs,
    notify: options.notify,
  };
  const waitFor = budgetedSend(dependencies, gate, options.maxRateLimitWaits);
  // Without waitOnRateLimit, a state the caller shares (a file or Redis) is still consulted: a
  // window it knows is spent fails at once instead of spending a request on X's 429.
  const checkOnly = budgetedSend(dependencies, { ...gate, waits: false }, 0);
  // Not async: a call that does not wait passes straight through, with no promise of its own.
  return (call, progress, next) => {
    if (!call.metered) return next(call, progress);
    if (options.waitOnRateLimit) return waitFor(call, progress, next);
    return options.sharedRateLimitState ? checkOnly(call, progress, next) : next(call, progress);
  };
}

/**
 * Takes the budget before the attempt (waiting, or refusing, as the gate says), settles it with the
 * answer's figures, and after a 429 (not a usage cap) waits and sends again, at most `maxWaits` times.
 */
function budgetedSend(
  dependencies: RateLimitStepDependencies,
  gate: RateLimitGateOptions,
  maxWaits: number,
): SendStep {
  const { options } = dependencies;
  const state = gate.state;
  return async (call, progress, next) => {
    // Bounded: each round either returns or counts one wait, up to maxRateLimitWaits (at most 100).
    for (let waits = 0; ; waits++) {
      const key = `${dependencies.authorizer().tokenKey} ${call.endpoint}`;
      const ticket: SendTicket = await acquireRateLimitBudget(gate, key, call.endpoint, call.signal);
      let answer: Answer;
      try {
        answer = await next(call, progress);
      } catch (error) {
        await state.settle(key, ticket, unanswered);
        throw error;
      }
      // A usage cap is not a window to wait out: it is reported, not retried.
      const tooMany = answer.status === 429 && !usageCapped(answer.data);
      const outcome = outcomeOf(answer, tooMany, options.now(), waits);
      const settled = state.settle(key, ticket, outcome);
      // A synchronous state (the in-memory one) costs no extra tick.
      if (settled !== undefined) await settled;
      if (!tooMany) return answer;
      if (waits >= maxWaits) {
        progress.rateLimitWaits = waits;
        return answer;
      }
    }
  };
}
