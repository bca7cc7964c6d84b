import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { EmulatorResponse } from "./emulator-response.js";

/** A node:http server on a loopback address, with what both emulators need around it. */
export interface LoopbackServer {
  /** "http://127.0.0.1:PORT", no trailing slash. */
  readonly url: string;
  readonly port: number;
  /** "127.0.0.1:PORT": the Host a client sends when it sends none. */
  readonly hostHeader: string;
  /** Waits ms (a fault's delay); resolves false instead when the server stops first. */
  sleep(ms: number): Promise<boolean>;
  /** Closes the server and every socket, cuts sleeps short. Idempotent. */
  stop(): Promise<void>;
}

/** Starts listening; `handle` errors are logged and end that socket. */
export async function startLoopbackServer(
  host: string,
  port: number,
  handle: (message: IncomingMessage, res: ServerResponse) => Promise<void>,
  log: ((line: string) => void) | undefined,
): Promise<LoopbackServer> {
  const pendingSleeps = new Set<() => void>();
  let stopped = false;
  const server = createServer((message, res) => {
    handle(message, res).catch((error: unknown) => {
      log?.(`emulator error: ${(error as Error).message}`);
      res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const hostForUrl = address.family === "IPv6" ? `[${address.address}]` : address.address;
  let stopping: Promise<void> | undefined;
  return {
    url: `http://${hostForUrl}:${address.port}`,
    port: address.port,
    hostHeader: `${hostForUrl}:${address.port}`,
    sleep(ms) {
      if (stopped) return Promise.resolve(false);
      return new Promise((resolve) => {
        const settle = (completed: boolean) => {
          clearTimeout(timer);
          pendingSleeps.delete(cancel);
          resolve(completed);
        };
        const cancel = () => settle(false);
        const timer = setTimeout(() => settle(true), ms);
        pendingSleeps.add(cancel);
      });
    },
    stop() {
      stopping ??= new Promise<void>((resolve) => {
        stopped = true;
        for (const cancel of [...pendingSleeps]) cancel();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return stopping;
    },
  };
}

/** Writes a response with a `date` header from the emulator's clock, unless the socket is gone. */
export function writeResponse(res: ServerResponse, response: EmulatorResponse, nowMs: number): void {
  if (res.destroyed) return;
  res.writeHead(response.status, {
    date: new Date(nowMs).toUTCString(),
    "content-length": String(Buffer.byteLength(response.body)),
    ...response.headers,
  });
  res.end(response.body);
}

/** Ends a connection with a TCP reset (a fault), or destroys it where reset is not available. */
export function resetSocket(res: ServerResponse): void {
  const socket = res.socket;
  if (socket && typeof socket.resetAndDestroy === "function") socket.resetAndDestroy();
  else socket?.destroy();
}
