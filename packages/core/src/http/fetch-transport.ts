import { assertSendableHeaders } from "./header-check.js";
import type { Transport, TransportRequest, TransportResponse } from "./transport.js";
import { defaultMaxResponseBytes, systemErrorCode, TransportFailure, tooLargeFailure } from "./transport.js";

/**
 * The `fetch` function a connection may be given (the global one, undici's, or a test double).
 *
 * @example
 * await getApiConnection({ credentials, fetch: globalThis.fetch });
 */
export type FetchFunction = (input: string, init: RequestInit) => Promise<Response>;

/** Reads a fetch body as text, cancelling the stream (and so the socket) once it passes `maxBytes`. */
async function readBoundedText(response: Response, maxBytes: number): Promise<string> {
  const declared = Number(response.headers.get("content-length") ?? Number.NaN);
  if (declared > maxBytes) {
    await response.body?.cancel();
    throw tooLargeFailure(maxBytes);
  }
  if (response.body === null) return "";
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let length = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    length += value.byteLength;
    if (length > maxBytes) {
      await reader.cancel();
      throw tooLargeFailure(maxBytes);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, length).toString("utf8");
}

/** The signal fetch gets: the caller's, the timeout's, or both. */
function attemptSignal(request: TransportRequest, timeout: AbortSignal | undefined): AbortSignal | undefined {
  if (timeout === undefined) return request.signal;
  return request.signal === undefined ? timeout : AbortSignal.any([timeout, request.signal]);
}

/**
 * A transport over an injected `fetch`. Sockets belong to that fetch, so `close()` does nothing, and
 * `connectTimeoutMs` is left to it (fetch does not say when a socket connects).
 *
 * @example
 * const transport = createFetchTransport(globalThis.fetch);
 */
export function createFetchTransport(fetchFunction: FetchFunction): Transport {
  return {
    async send(request: TransportRequest): Promise<TransportResponse> {
      assertSendableHeaders(request.headers);
      const timeout = request.timeoutMs > 0 ? AbortSignal.timeout(request.timeoutMs) : undefined;
      const signal = attemptSignal(request, timeout);
      const failure = (error: unknown): TransportFailure => {
        if (error instanceof TransportFailure) return error;
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
          // A redirect comes back as it is, as node:http does: following it would send the request
          // (and its Authorization) somewhere the baseUrl rule never checked.
          redirect: "manual",
          ...(request.body === undefined ? {} : { body: request.body }),
          ...(signal === undefined ? {} : { signal }),
        });
        const body = await readBoundedText(response, request.maxResponseBytes ?? defaultMaxResponseBytes);
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
