import type { Transport, TransportRequest, TransportResponse } from "./transport.js";
import { systemErrorCode, TransportFailure } from "./transport.js";

/**
 * The `fetch` function a connection may be given (the global one, undici's, or a test double).
 *
 * @example
 * await getApiConnection({ credentials, fetch: globalThis.fetch });
 */
export type FetchFunction = (input: string, init: RequestInit) => Promise<Response>;

/**
 * A transport over an injected `fetch`. Sockets belong to that fetch, so `close()` does nothing.
 *
 * @example
 * const transport = createFetchTransport(globalThis.fetch);
 */
export function createFetchTransport(fetchFunction: FetchFunction): Transport {
  return {
    async send(request: TransportRequest): Promise<TransportResponse> {
      const signals: AbortSignal[] = [];
      const timeout = request.timeoutMs > 0 ? AbortSignal.timeout(request.timeoutMs) : undefined;
      if (timeout !== undefined) signals.push(timeout);
      if (request.signal !== undefined) signals.push(request.signal);
      const signal = signals.length > 1 ? AbortSignal.any(signals) : signals[0];
      const failure = (error: unknown): TransportFailure => {
        if (request.signal?.aborted) return new TransportFailure("aborted", "the request was aborted");
        if (timeout?.aborted) {
          return new TransportFailure("timeout", `no complete response within ${request.timeoutMs}ms`);
        }
        const cause = error instanceof Error ? error : undefined;
        const message =
          cause?.cause instanceof Error ? cause.cause.message : (cause?.message ?? "fetch failed");
        return new TransportFailure("network", message, systemErrorCode(error), cause);
      };
      try {
        const response = await fetchFunction(request.url, {
          method: request.method,
          headers: request.headers,
          ...(request.body === undefined ? {} : { body: request.body }),
          ...(signal === undefined ? {} : { signal }),
        });
        const body = await response.text();
        const headers: Record<string, string> = {};
        response.headers.forEach((value, name) => {
          headers[name] = value;
        });
        return { status: response.status, headers, body };
      } catch (error) {
        throw failure(error);
      }
    },
    close() {},
  };
}
