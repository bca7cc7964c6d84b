import {
  type ClientRequest,
  Agent as HttpAgent,
  request as httpRequest,
  type IncomingMessage,
} from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";
import type { Socket } from "node:net";
import { assertSendableHeaders } from "./header-check.js";
import type { Transport, TransportFailureKind, TransportRequest, TransportResponse } from "./transport.js";
import { defaultMaxResponseBytes, systemErrorCode, TransportFailure, tooLargeFailure } from "./transport.js";

function flattenHeaders(message: IncomingMessage): Record<string, string> {
  const raw = message.headers;
  // Node joins repeated headers itself except set-cookie, the only one it keeps as an array.
  if (raw["set-cookie"] === undefined) return raw as Record<string, string>;
  const headers: Record<string, string> = {};
  for (const name in raw) {
    const value = raw[name];
    if (value !== undefined) headers[name] = typeof value === "string" ? value : value.join(", ");
  }
  return headers;
}

// The methods node:http sends a body-less request of with `Content-Length: 0` (the others with none).
const bodyMethods = new Set(["POST", "PUT", "PATCH"]);

/**
 * The request headers as a flat name, value list. Given an object, node:http stores each header
 * with setHeader and then copies them all into the request head, about a microsecond per request;
 * a list goes straight into the head. Given a list, node:http adds neither the Host header nor a
 * body-less POST's `Content-Length: 0`, so both are added here, as node:http would write them.
 */
function headerList(request: TransportRequest, host: string): string[] {
  const list: string[] = [];
  const { headers, body } = request;
  let length: string | undefined;
  if (body !== undefined) length = String(Buffer.byteLength(body));
  else if (bodyMethods.has(request.method)) length = "0";
  let hostGiven = false;
  for (const name in headers) {
    const lower = name.toLowerCase();
    // The body's own length wins over a given one, as it did when it was merged into the object.
    if (lower === "content-length") {
      if (body === undefined) length = undefined;
      else continue;
    } else if (lower === "host") hostGiven = true;
    list.push(name, headers[name]!);
  }
  if (length !== undefined) list.push("content-length", length);
  if (!hostGiven) list.push("Host", host);
  return list;
}

interface Origin {
  readonly prefix: string;
  /** The Host header: the host, and the port when it is not the scheme's default. */
  readonly host: string;
  readonly secure: boolean;
  readonly hostname: string;
  readonly port: number;
}

function parseOrigin(url: string): Origin {
  const parsed = new URL(url);
  const secure = parsed.protocol === "https:";
  return {
    prefix: parsed.origin,
    host: parsed.host,
    secure,
    // URL keeps the brackets of an IPv6 literal; the socket wants the bare address.
    hostname: parsed.hostname.replace(/^\[(.*)\]$/, "$1"),
    port: parsed.port === "" ? (secure ? 443 : 80) : Number(parsed.port),
  };
}

/**
 * The default transport: `node:http` or `node:https` (by the URL's protocol) with one keep-alive
 * agent per connection, destroyed by `close()`.
 *
 * @example
 * const transport = createNodeTransport();
 * const response = await transport.send({ method: "GET", url: "http://127.0.0.1:8080/2/users/me", headers: {}, timeoutMs: 5000 });
 * transport.close();
 */
export function createNodeTransport(): Transport {
  const httpAgent = new HttpAgent({ keepAlive: true, scheduling: "lifo" });
  let httpsAgent: HttpsAgent | undefined;
  // A connection talks to one origin: parse it once, not per request.
  let origin: Origin | undefined;

  return {
    send(request: TransportRequest): Promise<TransportResponse> {
      const url = request.url;
      if (origin === undefined || !url.startsWith(origin.prefix) || url[origin.prefix.length] !== "/") {
        origin = parseOrigin(url);
      }
      if (origin.secure) httpsAgent ??= new HttpsAgent({ keepAlive: true, scheduling: "lifo" });
      return sendOnce(request, origin, origin.secure ? httpsAgent! : httpAgent);
    },
    close() {
      httpAgent.destroy();
      httpsAgent?.destroy();
    },
  };
}

/** One request and its answer, with every way it can end (timeout, abort, error, too large) in one place. */
function sendOnce(
  request: TransportRequest,
  origin: Origin,
  agent: HttpAgent | HttpsAgent,
): Promise<TransportResponse> {
  return new Promise((resolve, reject) => {
    assertSendableHeaders(request.headers);
    const { secure, hostname, port } = origin;
    const outgoing = (secure ? httpsRequest : httpRequest)({
      method: request.method,
      hostname,
      port,
      path: request.url.slice(origin.prefix.length),
      headers: headerList(request, origin.host),
      agent,
      servername: secure ? hostname : undefined,
    });
    const signal = request.signal;
    const timers: NodeJS.Timeout[] = [];
    let done = false;
    const finish = () => {
      done = true;
      for (const timer of timers) clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
    };
    const fail = (failure: TransportFailure) => {
      if (done) return;
      finish();
      outgoing.destroy();
      reject(failure);
    };
    const failWith = (kind: TransportFailureKind, message: string, cause?: unknown) =>
      fail(new TransportFailure(kind, message, systemErrorCode(cause), cause));
    function onAbort() {
      failWith("aborted", "the request was aborted");
    }
    if (signal?.aborted) {
      failWith("aborted", "the request was aborted");
      return;
    }
    signal?.addEventListener("abort", onAbort, { once: true });
    watchTimeouts(request, outgoing, timers, failWith);
    outgoing.on("error", (error) => failWith("network", error.message, error));
    outgoing.on("response", (response) => {
      readBoundedBody(response, request.maxResponseBytes ?? defaultMaxResponseBytes, fail, (body) => {
        if (done) return;
        finish();
        resolve({ status: response.statusCode ?? 0, headers: flattenHeaders(response), body });
      });
    });
    outgoing.end(request.body);
  });
}

type FailWith = (kind: TransportFailureKind, message: string, cause?: unknown) => void;

/** The whole-response timeout, and the connect timeout for a socket that is not connected yet. */
function watchTimeouts(
  request: TransportRequest,
  outgoing: ClientRequest,
  timers: NodeJS.Timeout[],
  failWith: FailWith,
): void {
  if (request.timeoutMs > 0) {
    timers.push(
      setTimeout(
        () => failWith("timeout", `no complete response within ${request.timeoutMs}ms`),
        request.timeoutMs,
      ),
    );
  }
  const connectTimeoutMs = request.connectTimeoutMs ?? 0;
  if (connectTimeoutMs <= 0) return;
  outgoing.once("socket", (socket: Socket) => {
    // A kept-alive socket is already connected: nothing to wait for.
    if (!socket.connecting) return;
    const timer = setTimeout(
      () => failWith("connect-timeout", `no connection within ${connectTimeoutMs}ms`),
      connectTimeoutMs,
    );
    timers.push(timer);
    socket.once("connect", () => clearTimeout(timer));
  });
}

/**
 * Reads the body as UTF-8 text, at most `maxBytes` of it: past the bound the socket is destroyed
 * (nothing more is read into memory) and the attempt fails with kind `too-large`.
 */
function readBoundedBody(
  response: IncomingMessage,
  maxBytes: number,
  fail: (failure: TransportFailure) => void,
  done: (body: string) => void,
): void {
  const chunks: Buffer[] = [];
  let length = 0;
  response.on("data", (chunk: Buffer) => {
    length += chunk.length;
    if (length > maxBytes) {
      fail(tooLargeFailure(maxBytes));
      response.destroy();
      return;
    }
    chunks.push(chunk);
  });
  const cutOff = () => fail(new TransportFailure("network", "the response was cut off"));
  response.on("error", (error) =>
    fail(new TransportFailure("network", error.message, systemErrorCode(error), error)),
  );
  response.on("aborted", cutOff);
  response.on("end", () => {
    if (!response.complete) {
      cutOff();
      return;
    }
    done(chunks.length === 1 ? chunks[0]!.toString("utf8") : Buffer.concat(chunks, length).toString("utf8"));
  });
}
