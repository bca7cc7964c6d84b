import { defaultApp, defaultUser } from "../../src/defaults.js";
import type { EmulatorOptions } from "../../src/options.js";
import { type Emulator, startEmulator } from "../../src/start-emulator.js";
import { oauth1Header } from "./oauth1-client.js";

/** A settable clock: tests move it instead of sleeping. */
export interface TestClock {
  now: () => number;
  set(ms: number): void;
  advance(ms: number): void;
  seconds(): number;
}

/** 2023-11-14T22:13:20Z: a round number of seconds, minutes and quarter hours. */
export const clockStart = 1_700_000_000_000;

export function testClock(start = clockStart): TestClock {
  let current = start;
  return {
    now: () => current,
    set: (ms) => {
      current = ms;
    },
    advance: (ms) => {
      current += ms;
    },
    seconds: () => Math.floor(current / 1000),
  };
}

export async function startTestEmulator(
  options: EmulatorOptions = {},
): Promise<{ emu: Emulator; clock: TestClock }> {
  const clock = testClock();
  const emu = await startEmulator({ now: clock.now, ...options });
  return { emu, clock };
}

export interface UserRequest {
  method?: string;
  path: string;
  consumerKey?: string;
  consumerSecret?: string;
  token?: string;
  tokenSecret?: string;
  form?: Record<string, string>;
  json?: unknown;
  protocol?: Record<string, string>;
  nonce?: string;
  timestamp?: number;
  /** Rewrites the signed Authorization header before sending (to break it on purpose). */
  tamper?: (header: string) => string;
}

/** Sends a request signed as the default user (or the given credentials) with the test clock's time. */
export function signedFetch(emu: Emulator, clock: TestClock, request: UserRequest): Promise<Response> {
  const method = request.method ?? "GET";
  const url = `${emu.url}${request.path}`;
  const header = oauth1Header({
    consumerKey: request.consumerKey ?? defaultApp.consumerKey,
    consumerSecret: request.consumerSecret ?? defaultApp.consumerSecret,
    ...(request.token === "" ? {} : { token: request.token ?? defaultUser.accessToken }),
    tokenSecret: request.tokenSecret ?? defaultUser.accessTokenSecret,
    method,
    url,
    ...(request.form ? { form: request.form } : {}),
    ...(request.protocol ? { protocol: request.protocol } : {}),
    timestamp: request.timestamp ?? clock.seconds(),
    ...(request.nonce ? { nonce: request.nonce } : {}),
  });
  const headers: Record<string, string> = { authorization: request.tamper ? request.tamper(header) : header };
  let body: string | undefined;
  if (request.form) {
    headers["content-type"] = "application/x-www-form-urlencoded";
    body = new URLSearchParams(request.form).toString();
  } else if (request.json !== undefined) {
    headers["content-type"] = "application/json";
    body = JSON.stringify(request.json);
  }
  return fetch(url, { method, headers, ...(body === undefined ? {} : { body }) });
}
