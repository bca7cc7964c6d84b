import type { Answer, Call, SendStep } from "./pipeline.js";

/**
 * A policy that books something per request around the attempt (the spend guard: reserve the worst
 * case, settle what X billed, release what was never answered).
 *
 * @example
 * const guard: RequestGuard<Reservation> = {
 *   reserve: (call) => ledger.reserve(worstCase(call)), // may throw SPEND_LIMIT_REACHED: nothing is sent
 *   settle: (reservation, answer) => ledger.settle(reservation, billed(answer.status, answer.data)),
 *   release: (reservation) => ledger.release(reservation),
 * };
 */
export interface RequestGuard<Reservation> {
  /** Before the request is sent; throwing stops it (nothing is sent). */
  reserve(call: Call): Reservation | Promise<Reservation>;
  /** X answered (any status); `answer.data` is the parsed body. */
  settle(reservation: Reservation, answer: Answer, call: Call): void | Promise<void>;
  /** No answer came (network error, timeout, abort): the request may not have reached X. */
  release(reservation: Reservation, call: Call): void | Promise<void>;
}

/** The pipeline step for a `RequestGuard`: reserve, send, then settle or release. */
export function guardStep<Reservation>(guard: RequestGuard<Reservation>): SendStep {
  return async (call, progress, next) => {
    const reservation = await guard.reserve(call);
    let answer: Answer;
    try {
      answer = await next(call, progress);
    } catch (error) {
      await guard.release(reservation, call);
      throw error;
    }
    await guard.settle(reservation, answer, call);
    return answer;
  };
}
