import { randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { authenticate } from "./auth/authenticate.js";
import { tokenKey } from "./auth/identity.js";
import type { EmulatorState } from "./emulator-state.js";
import type { Fault } from "./faults/fault.js";
import { anyRoute } from "./faults/fault-injector.js";
import { xProblemResponse } from "./faults/x-problem-fault.js";
import { BodyTooLargeError, type EmulatorRequest, readEmulatorRequest } from "./http/emulator-request.js";
import { type EmulatorResponse, jsonResponse, problemResponse } from "./http/emulator-response.js";
import { resetSocket, writeResponse } from "./http/loopback-server.js";
import { tokenFingerprint } from "./http/token-fingerprint.js";
import { type ErrorStyle, notFound, statusErrorBody, tooManyRequests } from "./http/x-errors.js";
import { rateLimitHeaders } from "./limits/rate-limiter.js";
import { missingScopeRefusal } from "./oauth2/scope-check.js";
import { errorStyleForPath, matchRoute, type RouteMatch } from "./routes/route-table.js";
import { type FaultKind, outcomeOfStatus, type RequestOutcome } from "./stats/request-stats.js";

/** What the handler needs of the server, known once it listens. */
export interface ServerLink {
  sleep: (ms: number) => Promise<boolean>;
  /** Host to sign against when a request has no Host header. */
  defaultHost: string;
}

interface PendingRecord {
  at: number;
  method: string;
  path: string;
  route: string;
  token: string | null;
  fault: FaultKind | null;
  body: string;
}

/** One request being answered: where to write, and what will be recorded of it. */
interface Answering {
  state: EmulatorState;
  res: ServerResponse;
  pending: PendingRecord;
}

interface Exchange extends Answering {
  link: ServerLink;
}

/**
 * X labels every response with the API version that answered (the format X sends, "2.<n>"; the
 * number here is made up).
 */
export const emulatorApiVersion = "2.150";

/** Answers one request: faults first (or after handling), then authentication, limits and the route. */
export async function handleRequest(
  state: EmulatorState,
  link: ServerLink,
  message: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const at = state.settings.now();
  const request = await readOrRefuse(state, message, res, at);
  if (!request) return;
  const match = matchRoute(request.method, request.path);
  const route = match?.key ?? `${request.method} ${request.path}`;
  const style = match?.route.style ?? errorStyleForPath(request.path);
  const pending: PendingRecord = { ...requestSummary(request, route, at), body: request.body };
  const exchange: Exchange = { state, link, res, pending };

  const fault = state.faults.take(match ? route : anyRoute);
  if (fault?.delayMs !== undefined && !(await delay(exchange, fault.delayMs))) return;
  if (fault && !fault.afterHandling && applyFault(exchange, fault, style)) return;
  const response = answer(exchange, request, match, style);
  if (fault?.afterHandling && applyFault(exchange, fault, style)) return;
  write(exchange, response);
  finish(exchange, response.status, outcomeOfStatus(response.status));
}

function requestSummary(
  request: Pick<EmulatorRequest, "method" | "path">,
  route: string,
  at: number,
): Omit<PendingRecord, "body"> {
  return { at, method: request.method, path: request.path, route, token: null, fault: null };
}

/** The request with its body read, or undefined when it was answered already (too large, aborted). */
async function readOrRefuse(
  state: EmulatorState,
  message: IncomingMessage,
  res: ServerResponse,
  at: number,
): Promise<EmulatorRequest | undefined> {
  try {
    return await readEmulatorRequest(message, state.settings.maxBodyBytes);
  } catch (error) {
    const method = (message.method ?? "GET").toUpperCase();
    const path = (message.url ?? "/").split("?")[0] ?? "/";
    const pending = { ...requestSummary({ method, path }, `${method} ${path}`, at), body: "" };
    const answering: Answering = { state, res, pending };
    if (!(error instanceof BodyTooLargeError)) {
      finish(answering, null, "aborted");
      return undefined;
    }
    const problem = { title: "Payload Too Large", detail: error.message, type: "about:blank", status: 413 };
    write(answering, problemResponse(413, problem));
    finish(answering, 413, "client-error");
    return undefined;
  }
}

/** Waits out a fault's delay; false (and the socket closed) when the emulator stopped meanwhile. */
async function delay(exchange: Exchange, ms: number): Promise<boolean> {
  exchange.pending.fault = "delay";
  if (await exchange.link.sleep(ms)) return true;
  finish(exchange, null, "aborted");
  exchange.res.socket?.destroy();
  return false;
}

function answer(
  exchange: Exchange,
  request: EmulatorRequest,
  match: RouteMatch | undefined,
  style: ErrorStyle,
): EmulatorResponse {
  try {
    return match ? answerRoute(exchange, request, match, style) : notFound(style);
  } catch (error) {
    exchange.state.settings.log?.(
      `${request.method} ${request.path} -> emulator bug: ${(error as Error).message}`,
    );
    return statusErrorBody(style, 500);
  }
}

function answerRoute(
  { state, link, pending }: Exchange,
  request: EmulatorRequest,
  match: RouteMatch,
  style: ErrorStyle,
): EmulatorResponse {
  const now = state.settings.now();
  const auth = authenticate(request, match.route.auth, style, {
    registry: state.registry,
    oauth2: state.world.oauth2,
    nonces: state.nonces,
    now,
    toleranceSeconds: state.settings.timestampToleranceSeconds,
    defaultHost: link.defaultHost,
  });
  if (auth.identity) pending.token = tokenKey(auth.identity);
  if (!auth.ok) return auth.response;
  const scopeRefusal = missingScopeRefusal(match.route, auth.identity);
  if (scopeRefusal) return scopeRefusal;
  const decision = state.limiter.consume(match.key, pending.token ?? "anonymous", now);
  if (decision && !decision.allowed) return tooManyRequests(style, decision.headers);
  const response = match.route.handle({
    request,
    params: match.params,
    identity: auth.identity,
    world: state.world,
  });
  state.world.billing.record(match.key, auth.identity, response);
  if (decision) Object.assign(response.headers, decision.headers);
  if (style === "v1" && auth.identity.kind === "oauth1-user") {
    response.headers["x-access-level"] = auth.identity.token.accessLevel;
  }
  return response;
}

/** Answers with the fault (or resets the socket) when it is more than a delay; true when it did. */
function applyFault(exchange: Exchange, fault: Fault, style: ErrorStyle): boolean {
  if (fault.resetSocket) {
    exchange.pending.fault = "socket-reset";
    finish(exchange, null, "fault");
    resetSocket(exchange.res);
    return true;
  }
  if (fault.status === undefined && fault.problem === undefined) return false;
  exchange.pending.fault = "status";
  const response = faultResponse(exchange.state, fault, style, exchange.pending.route);
  write(exchange, response);
  finish(exchange, response.status, "fault");
  return true;
}

function faultResponse(
  state: EmulatorState,
  fault: Fault,
  style: ErrorStyle,
  route: string,
): EmulatorResponse {
  const limit = fault.rateLimitLimit ?? state.limiter.rule(route)?.limit ?? 15;
  if (fault.problem !== undefined) {
    const windowSeconds = 15 * 60;
    const resetSeconds = (Math.floor(state.settings.now() / 1000 / windowSeconds) + 1) * windowSeconds;
    const appId = state.registry.apps()[0]?.id ?? "0";
    const response = xProblemResponse(fault.problem, { appId, limit, resetSeconds });
    Object.assign(response.headers, fault.headers);
    return response;
  }
  const status = fault.status ?? 500;
  const headers: Record<string, string> = {};
  if (fault.retryAfter !== undefined) headers["retry-after"] = String(fault.retryAfter);
  if (status === 429 && fault.rateLimitReset !== undefined) {
    Object.assign(headers, rateLimitHeaders(limit, 0, fault.rateLimitReset));
  }
  Object.assign(headers, fault.headers);
  if (fault.body === undefined) return statusErrorBody(style, status, headers);
  if (typeof fault.body === "string") {
    return { status, headers: { "content-type": "text/plain; charset=utf-8", ...headers }, body: fault.body };
  }
  return jsonResponse(status, fault.body, headers);
}

/** Writes the response with the headers every answer of X's carries: x-transaction-id, api-version. */
function write({ state, res }: Answering, response: EmulatorResponse): void {
  const headers = {
    "x-transaction-id": randomBytes(8).toString("hex"),
    "api-version": emulatorApiVersion,
    ...response.headers,
  };
  writeResponse(res, { ...response, headers }, state.settings.now());
}

function finish({ state, pending }: Answering, status: number | null, outcome: RequestOutcome): void {
  const record = state.stats.record({ ...pending, status, outcome });
  const token = record.token === null ? "" : ` token=${tokenFingerprint(record.token)}`;
  state.settings.log?.(`${record.method} ${record.path} -> ${status ?? "no response"} ${outcome}${token}`);
}
