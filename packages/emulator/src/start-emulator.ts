import type { EmulatorBilling } from "./billing/project-billing.js";
import { type EmulatorControls, faultAndLimitControls, worldControls } from "./emulator-controls.js";
import { createEmulatorState } from "./emulator-state.js";
import { startLoopbackServer } from "./http/loopback-server.js";
import { type EmulatorOptions, normalizeOptions } from "./options.js";
import { handleRequest, type ServerLink } from "./request-handler.js";
import type { EmulatorStats } from "./stats/request-stats.js";

/**
 * A running emulator: its URL, its live counters, and controls for faults, rate limits, apps, users
 * and tokens. `await using` stops it at the end of the scope.
 *
 * @example
 * await using emulator = await startEmulator();
 * emulator.inject("GET /2/users/me", [{ status: 503 }]);
 * // ... run the code under test against emulator.url ...
 * expect(emulator.stats.count({ route: "GET /2/users/me" })).toBe(2);
 */
export interface Emulator extends AsyncDisposable, EmulatorControls {
  /** "http://127.0.0.1:PORT", no trailing slash: the `baseUrl` to give a connection. */
  readonly url: string;
  /** The port it listens on (the free one picked when `port` was 0). */
  readonly port: number;
  /** The loopback address it listens on. */
  readonly host: string;
  /** Live counts of every request received. */
  readonly stats: EmulatorStats;
  /** What it billed per UTC day, as X's pay-per-use would (compare a client's spend estimate with it). */
  readonly billing: EmulatorBilling;
  /** Closes the server and every socket, cuts injected delays short. Idempotent. */
  stop(): Promise<void>;
}

/**
 * Starts a local X API on a loopback port: OAuth 1.0a signatures verified like X does, bearer
 * and OAuth 2.0 user tokens, the PIN and callback flows, per-token rate limits with X's headers,
 * X's error bodies, and injectable faults. It depends on nothing of twauth's, so it judges our
 * signatures independently.
 *
 * @example
 * await using emulator = await startEmulator({ rateLimits: { "GET /2/users/me": { limit: 1, windowMs: 60_000 } } });
 * const api = await getApiConnection({
 *   baseUrl: emulator.url,
 *   credentials: { ...defaultApp, accessToken: defaultUser.accessToken, accessTokenSecret: defaultUser.accessTokenSecret },
 * });
 * const { data } = await api.get("/2/users/me"); // { data: { id: "1460000000000000001", username: "twauth_emulator", ... } }
 */
export async function startEmulator(options?: EmulatorOptions): Promise<Emulator> {
  const settings = normalizeOptions(options);
  const state = createEmulatorState(settings);
  // Filled in once listening; requests only arrive after that.
  const link: ServerLink = { sleep: () => Promise.resolve(false), defaultHost: "" };
  const server = await startLoopbackServer(
    settings.host,
    settings.port,
    (message, res) => handleRequest(state, link, message, res),
    settings.log,
  );
  link.sleep = server.sleep;
  link.defaultHost = server.hostHeader;
  return {
    url: server.url,
    port: server.port,
    host: settings.host,
    stats: state.stats,
    billing: state.world.billing,
    stop: server.stop,
    [Symbol.asyncDispose]: server.stop,
    ...faultAndLimitControls(state),
    ...worldControls(state),
  };
}
