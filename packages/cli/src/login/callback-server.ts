import type { Server } from "node:http";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { TwauthError } from "@twauth/core";
import { UsageError } from "../cli/usage-error.js";

/** What X sent to the callback URL. */
export type CallbackAnswer =
  | { readonly kind: "approved"; readonly oauthToken: string; readonly oauthVerifier: string }
  | { readonly kind: "denied" };

export interface CallbackServer<A = CallbackAnswer> {
  /** The port it listens on (the callback URL's). */
  readonly port: number;
  /**
   * Resolves with the first answer for `expected` (the OAuth 1.0a request token, or the OAuth 2.0
   * state); rejects at the timeout.
   */
  answer(expected: string, timeoutMs: number): Promise<A>;
  close(): Promise<void>;
}

/** The page for one request to the callback path, and the answer when the request carries one. */
export interface CallbackReply<A> {
  readonly status: number;
  readonly html: string;
  readonly answer?: A;
}

/** Reads the redirect's query against what the running login expects (undefined: nothing yet). */
export type CallbackReader<A> = (query: URLSearchParams, expected: string | undefined) => CallbackReply<A>;

const loopbackHosts: Readonly<Record<string, string>> = {
  "127.0.0.1": "127.0.0.1",
  localhost: "127.0.0.1",
  "[::1]": "::1",
};

/** The address to listen on for a callback URL, or undefined when it is not a loopback http URL. */
export function callbackListenHost(callback: URL): string | undefined {
  return callback.protocol === "http:" ? loopbackHosts[callback.hostname] : undefined;
}

export function callbackPage(title: string, text: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>twauth: ${title}</title></head><body><h1>${title}</h1><p>${text}</p></body></html>`;
}

/** What the request handler answers and who it tells: the token being waited for, and its listener. */
interface Waiting<A> {
  expected: string | undefined;
  settle: ((answer: A) => void) | undefined;
}

/**
 * A temporary server on the callback URL's loopback address and port that waits for X's redirect
 * (`?oauth_token=…&oauth_verifier=…`, or `?denied=…`), answers the browser with a short page and
 * hands the verifier to `twauth login`. Other paths get 404; it never echoes what it received.
 */
export async function startCallbackServer(callback: URL): Promise<CallbackServer>;
/** The same server, reading another protocol's redirect (OAuth 2.0's `code` and `state`). */
export async function startCallbackServer<A>(
  callback: URL,
  read: CallbackReader<A>,
  command?: string,
): Promise<CallbackServer<A>>;
export async function startCallbackServer<A>(
  callback: URL,
  read: CallbackReader<A> = readOAuth1Answer as unknown as CallbackReader<A>,
  command = "login",
): Promise<CallbackServer<A>> {
  const host = callbackListenHost(callback);
  if (host === undefined) throw new Error(`not a loopback http URL: ${callback.origin}`);
  const waiting: Waiting<A> = { expected: undefined, settle: undefined };
  const server = createServer((request, response) => {
    const answer = readRequest(request.method, request.url, callback.pathname, (query) =>
      read(query, waiting.expected),
    );
    response.writeHead(answer.status, {
      "content-type": "text/html; charset=utf-8",
      "cache-control": "no-store",
    });
    response.end(answer.html);
    if (answer.answer !== undefined) waiting.settle?.(answer.answer);
  });
  await listen(server, callback, host, command);
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

/** The page for one request to the callback server: 404 off the callback path, else the reader's. */
function readRequest<A>(
  method: string | undefined,
  target: string | undefined,
  path: string,
  read: (query: URLSearchParams) => CallbackReply<A>,
): CallbackReply<A> {
  const url = new URL(target ?? "/", "http://callback.invalid");
  if (method !== "GET" || url.pathname !== path) {
    return {
      status: 404,
      html: callbackPage("Not found", "This is twauth login's callback; nothing else is served here."),
    };
  }
  return read(url.searchParams);
}

/** X's OAuth 1.0a redirect: `oauth_token` and `oauth_verifier`, or `denied`. */
function readOAuth1Answer(url: URLSearchParams, expected: string | undefined): CallbackReply<CallbackAnswer> {
  const token = url.get("oauth_token") ?? undefined;
  const denied = url.get("denied") ?? undefined;
  const verifier = url.get("oauth_verifier") ?? undefined;
  if (expected === undefined || (token ?? denied) !== expected) {
    return {
      status: 400,
      html: callbackPage("Unknown sign-in", "This sign-in was not started by the running twauth login."),
    };
  }
  if (denied !== undefined) {
    const html = callbackPage("Access denied", "You did not authorize the app. You can close this tab.");
    return { status: 200, html, answer: { kind: "denied" } };
  }
  if (token === undefined || verifier === undefined || verifier === "") {
    return {
      status: 400,
      html: callbackPage("Incomplete answer", "X's redirect had no oauth_verifier; try twauth login again."),
    };
  }
  const html = callbackPage(
    "Signed in",
    "twauth received the authorization. You can close this tab and return to the terminal.",
  );
  return { status: 200, html, answer: { kind: "approved", oauthToken: token, oauthVerifier: verifier } };
}

function listen(server: Server, callback: URL, host: string, command: string): Promise<void> {
  const port = callback.port === "" ? 80 : Number(callback.port);
  return new Promise<void>((resolve, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) => {
      reject(
        new UsageError(
          `could not listen on ${callback.host} for the callback (${error.code ?? error.message}); choose a free port in --callback and add that URL to the app's callback URLs.`,
          command,
        ),
      );
    });
    server.listen(port, host, () => resolve());
  });
}

function waitForAnswer<A>(
  waiting: Waiting<A>,
  expected: string,
  timeoutMs: number,
  callback: URL,
): Promise<A> {
  waiting.expected = expected;
  return new Promise<A>((resolve, reject) => {
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
