import type { TokenType } from "../credentials/credentials.js";
import type { TwauthError } from "../errors/twauth-error.js";
import type { Answer, Call, CallProgress } from "./pipeline.js";
import { errorFromResponse } from "./response-error.js";

export interface AnswerErrorContext {
  readonly tokenType: TokenType;
  readonly now: number;
  readonly redact: (text: string) => string;
}

/**
 * The one place an unsuccessful answer becomes a `TwauthError`: what the pipeline could not recover
 * from (the last retry, the last rate-limit wait, a 401 after renewal and reload). A classifier of
 * X's newer problem types plugs in here, before `errorFromResponse`.
 */
export function answerError(
  call: Call,
  answer: Answer,
  progress: CallProgress,
  context: AnswerErrorContext,
): TwauthError {
  const { status, headers } = answer;
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
    ...(progress.rateLimitWaits === undefined ? {} : { rateLimitWaits: progress.rateLimitWaits }),
    ...(progress.recoveryError === undefined ? {} : { cause: progress.recoveryError }),
  });
}
