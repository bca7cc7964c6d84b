/**
 * Response headers as twauth hands them around: lower-case names.
 *
 * @example
 * { "content-type": "application/json; charset=utf-8", "x-rate-limit-remaining": "74" }
 */
export type ResponseHeaders = Readonly<Record<string, string>>;

/** One HTTP attempt, as a connection hands it to its transport. */
export interface TransportRequest {
  readonly method: string;
  /** Absolute URL, query included. */
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string | undefined;
  /** Gives up on the attempt after this many milliseconds (0: never). */
  readonly timeoutMs: number;
  /** Gives up when no socket is connected within this many milliseconds (0 or absent: `timeoutMs` alone). */
  readonly connectTimeoutMs?: number | undefined;
  /** A body longer than this fails with kind `too-large` and the socket is destroyed. @default 32 MiB */
  readonly maxResponseBytes?: number | undefined;
  readonly signal?: AbortSignal | undefined;
}

/** What came back: status, lower-case header names, and the body as text. */
export interface TransportResponse {
  readonly status: number;
  readonly headers: ResponseHeaders;
  readonly body: string;
}

/**
 * How a connection talks HTTP. The default speaks `node:http`/`node:https` through a keep-alive agent
 * the connection owns (about twice the throughput of `fetch` on a fast network); an injected `fetch`
 * swaps in `createFetchTransport`. A transport rejects only with `TransportFailure`, or with a
 * `TwauthError` for a request it refused to send (`assertSendableHeaders`).
 */
export interface Transport {
  send(request: TransportRequest): Promise<TransportResponse>;
  /** Releases sockets. The connection calls it from `close()`. */
  close(): void;
}

/**
 * Why an attempt got no (usable) response: the network failed, the response or the connection took
 * too long, the caller aborted, or the body passed `maxResponseBytes`.
 */
export type TransportFailureKind = "network" | "timeout" | "connect-timeout" | "aborted" | "too-large";

/** The default bound of a response body: far above any X answer, far below what exhausts memory. */
export const defaultMaxResponseBytes = 32 * 1024 * 1024;

// Errors that prove the request never left this machine, so even a POST may be sent again.
const neverSentCodes = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN"]);

/**
 * An attempt that got no response. `cause` is the socket or fetch error, which carries no request
 * data; `neverReachedServer` is true only when the connection was refused, the host not found, or no
 * connection was made within the connect timeout.
 */
export class TransportFailure extends Error {
  override readonly name = "TransportFailure";
  readonly kind: TransportFailureKind;
  /** The system error code (`ECONNRESET`, `ECONNREFUSED`, ...) when there is one. */
  readonly code: string | undefined;
  readonly neverReachedServer: boolean;

  constructor(kind: TransportFailureKind, message: string, code?: string, cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause });
    this.kind = kind;
    this.code = code;
    this.neverReachedServer = kind === "connect-timeout" || (code !== undefined && neverSentCodes.has(code));
  }
}

/** The `code` of a system error, also when fetch wraps it in `cause`. */
export function systemErrorCode(error: unknown): string | undefined {
  for (let current = error, depth = 0; current instanceof Error && depth < 3; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string") return code;
    current = current.cause;
  }
  return undefined;
}

/** The failure for a body past its bound (the caller destroys the socket). */
export function tooLargeFailure(maxResponseBytes: number): TransportFailure {
  return new TransportFailure("too-large", `the response body passed ${maxResponseBytes} bytes`);
}
