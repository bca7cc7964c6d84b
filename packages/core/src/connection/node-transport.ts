import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";
import type { Transport, TransportFailureKind, TransportRequest, TransportResponse } from "./transport.js";
import { systemErrorCode, TransportFailure } from "./transport.js";

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
      return new Promise((resolve, reject) => {
        const url = request.url;
        if (origin === undefined || !url.startsWith(origin.prefix) || url[origin.prefix.length] !== "/") {
          origin = parseOrigin(url);
        }
        const { secure, hostname, port } = origin;
        if (secure) httpsAgent ??= new HttpsAgent({ keepAlive: true, scheduling: "lifo" });
        const agent = secure ? httpsAgent : httpAgent;
        const send = secure ? httpsRequest : httpRequest;
        const headers = headerList(request, origin.host);
        const outgoing = send({
          method: request.method,
          hostname,
          port,
          path: url.slice(origin.prefix.length),
          headers,
          agent,
          servername: secure ? hostname : undefined,
        });
        let done = false;
        let timer: NodeJS.Timeout | undefined;
        const signal = request.signal;

        const finish = () => {
          done = true;
          if (timer !== undefined) clearTimeout(timer);
          signal?.removeEventListener("abort", onAbort);
        };
        const fail = (kind: TransportFailureKind, message: string, cause?: unknown) => {
          if (done) return;
          finish();
          outgoing.destroy();
          reject(new TransportFailure(kind, message, systemErrorCode(cause), cause));
        };
        function onAbort() {
          fail("aborted", "the request was aborted");
        }

        if (signal !== undefined) {
          if (signal.aborted) {
            fail("aborted", "the request was aborted");
            return;
          }
          signal.addEventListener("abort", onAbort, { once: true });
        }
        if (request.timeoutMs > 0) {
          timer = setTimeout(
            () => fail("timeout", `no complete response within ${request.timeoutMs}ms`),
            request.timeoutMs,
          );
        }
        outgoing.on("error", (error) => fail("network", error.message, error));
        outgoing.on("response", (response) => {
          response.setEncoding("utf8");
          let body = "";
          response.on("data", (chunk: string) => {
            body += chunk;
          });
          response.on("error", (error) => fail("network", error.message, error));
          response.on("aborted", () => fail("network", "the response was cut off"));
          response.on("end", () => {
            if (done) return;
            if (!response.complete) {
              fail("network", "the response was cut off");
              return;
            }
            finish();
            resolve({ status: response.statusCode ?? 0, headers: flattenHeaders(response), body });
          });
        });
        outgoing.end(request.body);
      });
    },
    close() {
      httpAgent.destroy();
      httpsAgent?.destroy();
    },
  };
}
