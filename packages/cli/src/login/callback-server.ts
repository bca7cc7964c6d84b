import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { TwauthError } from "@twauth/core";
import { UsageError } from "../cli/usage-error.js";

/** What X sent to the callback URL. */
export type CallbackAnswer =
  | { readonly kind: "approved"; readonly oauthToken: string; readonly oauthVerifier: string }
  | { readonly kind: "denied" };

export interface CallbackServer {
  /** The port it listens on (the callback URL's). */
  readonly port: number;
  /** Resolves with the first answer for `requestToken` (set with `expect`); rejects at the timeout. */
  answer(requestToken: string, timeoutMs: number): Promise<CallbackAnswer>;
  close(): Promise<void>;
}

const loopbackHosts: Readonly<Record<string, string>> = {
  "127.0.0.1": "127.0.0.1",
  localhost: "127.0.0.1",
  "[::1]": "::1",
};

/** The address to listen on for a callback URL, or undefined when it is not a loopback http URL. */
export function callbackListenHost(callback: URL): string | undefined {
  return callback.protocol === "http:" ? loopbackHosts[callback.hostname] : undefined;
}

function page(title: string, text: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>twauth: ${title}</title></head><body><h1>${title}</h1><p>${text}</p></body></html>`;
}

/**
 * A temporary server on the callback URL's loopback address and port that waits for X's redirect
 * (`?oauth_token=…&oauth_verifier=…`, or `?denied=…`), answers the browser with a short page and
 * hands the verifier to `twauth login`. Other paths get 404; it never echoes what it received.
 */
export async function startCallbackServer(callback: URL): Promise<CallbackServer> {
  const host = callbackListenHost(callback);
  if (host === undefined) throw new Error(`not a loopback http URL: ${callback.origin}`);
  const path = callback.pathname;
  let expected: string | undefined;
  let settle: ((answer: CallbackAnswer) => void) | undefined;

  const server = createServer((request, response) => {
    const url = new URL(request.url ?? "/", "http://callback.invalid");
    const send = (status: number, html: string) => {
      response.writeHead(status, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" });
      response.end(html);
    };
    if (request.method !== "GET" || url.pathname !== path) {
      send(404, page("Not found", "This is twauth login's callback; nothing else is served here."));
      return;
    }
    const token = url.searchParams.get("oauth_token") ?? undefined;
    const denied = url.searchParams.get("denied") ?? undefined;
    const verifier = url.searchParams.get("oauth_verifier") ?? undefined;
    if (expected === undefined || (token ?? denied) !== expected) {
      send(400, page("Unknown sign-in", "This sign-in was not started by the running twauth login."));
      return;
    }
    if (denied !== undefined) {
      send(200, page("Access denied", "You did not authorize the app. You can close this tab."));
      settle?.({ kind: "denied" });
      return;
    }
    if (token === undefined || verifier === undefined || verifier === "") {
      send(400, page("Incomplete answer", "X's redirect had no oauth_verifier; try twauth login again."));
      return;
    }
    send(
      200,
      page(
        "Signed in",
        "twauth received the authorization. You can close this tab and return to the terminal.",
      ),
    );
    settle?.({ kind: "approved", oauthToken: token, oauthVerifier: verifier });
  });

  const port = callback.port === "" ? 80 : Number(callback.port);
  await new Promise<void>((resolve, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) => {
      reject(
        new UsageError(
          `could not listen on ${callback.host} for the callback (${error.code ?? error.message}); choose a free port in --callback and add that URL to the app's callback URLs.`,
          "login",
        ),
      );
    });
    server.listen(port, host, () => resolve());
  });

  return {
    port: (server.address() as AddressInfo).port,
    answer(requestToken, timeoutMs) {
      expected = requestToken;
      return new Promise<CallbackAnswer>((resolve, reject) => {
        const timer = setTimeout(() => {
          settle = undefined;
          reject(
            new TwauthError(
              "TIMEOUT",
              `No answer reached ${callback.origin}${path} within ${Math.round(timeoutMs / 1000)} s: the authorization was not completed in the browser. Run twauth login again (raise --timeout if you need longer).`,
            ),
          );
        }, timeoutMs);
        settle = (answer) => {
          clearTimeout(timer);
          settle = undefined;
          resolve(answer);
        };
      });
    },
    close() {
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
