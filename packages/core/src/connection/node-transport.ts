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

interface Origin {
  readonly prefix: string;
  readonly secure: boolean;
  readonly hostname: string;
  readonly port: number;
}

function parseOrigin(url: string): Origin {
  const parsed = new URL(url);
  const secure = parsed.protocol === "https:";
  return {
    prefix: parsed.origin,
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
        const headers =
          request.body === undefined
            ? request.headers
            : { ...request.headers, "content-length": String(Buffer.byteLength(request.body)) };
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
