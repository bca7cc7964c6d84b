import { createAttempt } from "../connection/attempt.js";
import type { Answer } from "../connection/pipeline.js";
import { composeSteps, startProgress } from "../connection/pipeline.js";
import type { RetryStepOptions } from "../connection/retry-step.js";
import { createRetryStep } from "../connection/retry-step.js";
import type { FetchFunction } from "../http/fetch-transport.js";
import { createFetchTransport } from "../http/fetch-transport.js";
import { createNodeTransport } from "../http/node-transport.js";
import type { UserAuthCall } from "./user-auth-http.js";

/**
 * The sending half of a sign-in call: a transport, one attempt, safe retries. Loaded on the first
 * sign-in call only, so importing core to sign requests loads no node:http (the cold-start bench).
 */
export async function sendThroughHttpLayer(
  call: UserAuthCall,
  retry: RetryStepOptions & {
    readonly timeoutMs: number;
    readonly connectTimeoutMs: number;
    readonly maxResponseBytes: number;
    readonly baseUrl: string;
  },
  fetch: FetchFunction | undefined,
): Promise<Answer> {
  const transport = fetch === undefined ? createNodeTransport() : createFetchTransport(fetch);
  const attempt = createAttempt({
    transport,
    options: { ...retry, userAgent: "twauth" },
    authorize: call.authorize,
    closed: () => false,
    recordRateLimit: () => {},
  });
  try {
    return await composeSteps([createRetryStep(retry)], attempt)(call, startProgress());
  } finally {
    transport.close();
  }
}
