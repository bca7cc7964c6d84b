import type { TokenType } from "../credentials/credentials.js";
import { TwauthError } from "../errors/twauth-error.js";
import { classifyXProblem, xResponseContext } from "../errors/x-problem.js";
import type { Answer, Call, CallProgress } from "./pipeline.js";
import { errorFromResponse } from "./response-error.js";

export interface AnswerErrorContext {
  readonly tokenType: TokenType;
  readonly now: number;
  readonly redact: (text: string) => string;
}

/**
 * The one place an unsuccessful answer becomes a `TwauthError`: what the pipeline could not recover
 * from (the last retry, the last rate-limit wait, a 401 after renewal and reload). X's 2026 problems
 * (credits, usage caps, enrollment, token type, scopes) are named by `classifyXProblem` first; every
 * other answer by `errorFromResponse`. Both carry X's `x-transaction-id` and `api-version`.
 */
export function answerError(
  call: Call,
  answer: Answer,
  progress: CallProgress,
  context: AnswerErrorContext,
): TwauthError {
  const { status, headers } = answer;
  const problem = classifyXProblem({
    status,
    body: answer.data,
    headers,
    tokenType: context.tokenType,
    endpoint: call.endpoint,
  });
  if (problem !== undefined) {
    return new TwauthError(problem.code, context.redact(problem.message), {
      ...problem.context,
      ...(progress.recoveryError === undefined ? {} : { cause: progress.recoveryError }),
    });
  }
  const date = status === 401 ? Date.parse(headers.date ?? "") : Number.NaN;
  return errorFromResponse({
    status,
    data: answer.data,
    ...(Number.isNaN(date) ? {} : { serverDate: date }),
    endpoint: call.endpoint,
    tokenType: context.tokenType,
    rateLimit: answer.rateLimit,
    now: context.now,
    redact: context.redact,
    support: xResponseContext(headers),
    ...(progress.rateLimitWaits === undefined ? {} : { rateLimitWaits: progress.rateLimitWaits }),
    ...(progress.recoveryError === undefined ? {} : { cause: progress.recoveryError }),
  });
}
