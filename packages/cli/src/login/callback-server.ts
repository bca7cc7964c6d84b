import type { Server } from "node:http";
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

/** What the request handler answers and who it tells: the token being waited for, and its listener. */
interface Waiting {
  expected: string | undefined;
  settle: ((answer: CallbackAnswer) => void) | undefined;
}

/**
 * A temporary server on the callback URL's loopback address and port that waits for X's redirect
 * (`?oauth_token=…&oauth_verifier=…`, or `?denied=…`), answers the browser with a short page and
 * hands the verifier to `twauth login`. Other paths get 404; it never echoes what it received.
 */
export async function startCallbackServer(callback: URL): Promise<CallbackServer> {
  const host = callbackListenHost(callback);
  if (host === undefined) throw new Error(`not a loopback http URL: ${callback.origin}`);
  const waiting: Waiting = { expected: undefined, settle: undefined };
  const server = createServer((request, response) => {
    const answer = readAnswer(request.method, request.url, callback.pathname, waiting.expected);
    response.writeHead(answer.status, {
      "content-type": "text/html; charset=utf-8",
      "cache-control": "no-store",
    });
    response.end(answer.html);
    if (answer.answer !== undefined) waiting.settle?.(answer.answer);
  });
  await listen(server, callback, host);
  return {
    port: (server.address() as AddressInfo).port,
    answer: (requestToken, timeoutMs) => waitForAnswer(waiting, requestToken, timeoutMs, callback),
    close() {
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

interface Reply {
  readonly status: number;
  readonly html: string;
  readonly answer?: CallbackAnswer;
}

/** The page for one request to the callback server, and X's answer when the request carries one. */
function readAnswer(
  method: string | undefined,
  target: string | undefined,
  path: string,
  expected: string | undefined,
): Reply {
  const url = new URL(target ?? "/", "http://callback.invalid");
  if (method !== "GET" || url.pathname !== path) {
    return {
      status: 404,
      html: page("Not found", "This is twauth login's callback; nothing else is served here."),
    };
  }
  const token = url.searchParams.get("oauth_token") ?? undefined;
  const denied = url.searchParams.get("denied") ?? undefined;
  const verifier = url.searchParams.get("oauth_verifier") ?? undefined;
  if (expected === undefined || (token ?? denied) !== expected) {
    return {
      status: 400,
      html: page("Unknown sign-in", "This sign-in was not started by the running twauth login."),
    };
  }
  if (denied !== undefined) {
    const html = page("Access denied", "You did not authorize the app. You can close this tab.");
    return { status: 200, html, answer: { kind: "denied" } };
  }
  if (token === undefined || verifier === undefined || verifier === "") {
    return {
      status: 400,
      html: page("Incomplete answer", "X's redirect had no oauth_verifier; try twauth login again."),
    };
  }
  const html = page(
    "Signed in",
    "twauth received the authorization. You can close this tab and return to the terminal.",
  );
  return { status: 200, html, answer: { kind: "approved", oauthToken: token, oauthVerifier: verifier } };
}

function listen(server: Server, callback: URL, host: string): Promise<void> {
  const port = callback.port === "" ? 80 : Number(callback.port);
  return new Promise<void>((resolve, reject) => {
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
}

function waitForAnswer(
  waiting: Waiting,
  requestToken: string,
  timeoutMs: number,
  callback: URL,
): Promise<CallbackAnswer> {
  waiting.expected = requestToken;
  return new Promise<CallbackAnswer>((resolve, reject) => {
    const timer = setTimeout(() => {
      waiting.settle = undefined;
      reject(
        new TwauthError(
          "TIMEOUT",
          `No answer reached ${callback.origin}${callback.pathname} within ${Math.round(timeoutMs / 1000)} s: the authorization was not completed in the browser. Run twauth login again (raise --timeout if you need longer).`,
        ),
      );
    }, timeoutMs);
    waiting.settle = (answer) => {
      clearTimeout(timer);
      waiting.settle = undefined;
      resolve(answer);
    };
  });
}
