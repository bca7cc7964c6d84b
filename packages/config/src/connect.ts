import { dirname, isAbsolute, resolve } from "node:path";
import type { ApiConnection, ApiConnectionOptions, WarningHandler } from "@twauth/core";
import { getApiConnection } from "@twauth/core";
import { createStore } from "./create-store.js";
import type { LoadConfigOptions } from "./load-config.js";
import { loadConfig } from "./load-config.js";
import { createSharedState, type SharedStateConfig } from "./shared-state.js";
import { withSharedState } from "./with-shared-state.js";

/**
 * What a program may add to the file's settings, or override in them: things a config file cannot
 * hold (`fetch`, callbacks, clocks, a shared rate-limit state) and any connection option.
 *
 * @example
 * const overrides: ConnectOverrides = { waitOnRateLimitNotify: (wait) => console.log(wait.endpoint, wait.waitMs) };
 */
export type ConnectOverrides = Omit<ApiConnectionOptions, "credentials" | "store" | "profile">;

/**
 * `connect`'s options: where to find the config (`LoadConfigOptions`) and what to add to it.
 *
 * @example
 * await connect({ profile: "bot2", overrides: { timeout: "10s" } });
 */
export interface ConnectOptions extends LoadConfigOptions {
  /** Options that win over the file's, e.g. an injected `fetch` or a notify callback. @default none */
  overrides?: ConnectOverrides;
  /** Receives store warnings (file permissions, files git does not ignore). @default process.emitWarning */
  onWarning?: WarningHandler;
}

/**
 * The config-file-only path: finds and validates the twauth config, imports only the store package
 * it names, and returns a ready connection.
 *
 * @example
 * import { connect } from "@twauth/config";
 * const api = await connect();
 * console.log(await api.verifyCredentials());
 */
export async function connect(options: ConnectOptions = {}): Promise<ApiConnection> {
  const { filepath, config } = await loadConfig(options);
  const { store: storeConfig, profile, rateLimitState, ...connectionOptions } = config;
  const store = await createStore(storeConfig, {
    filepath,
    ...(options.onWarning === undefined ? {} : { onWarning: options.onWarning }),
  });
  const apiOrigin = options.overrides?.baseUrl ?? connectionOptions.baseUrl ?? "https://api.x.com";
  // A program's own spendLedger wins: then no Redis ledger is made beside it.
  const spendLimit =
    (options.overrides?.spendLimit ?? connectionOptions.spendLimit) !== undefined &&
    options.overrides?.spendLedger === undefined;
  const shared = await createSharedState(relativeToFile(rateLimitState, filepath), filepath, apiOrigin, {
    spendLimit,
  });
  // The file's durations passed core's own duration rule in validation; only their static type is wider.
  const fromFile = definedOnly(connectionOptions) as ConnectOverrides;
  const api = await getApiConnection({
    ...fromFile,
    ...shared.options,
    ...options.overrides,
    store,
    profile,
  });
  return shared.owned ? withSharedState(api, shared.close) : api;
}

/** A `file` state's path as written is relative to the config file, as a store's paths are. */
function relativeToFile(
  config: SharedStateConfig | undefined,
  filepath: string,
): SharedStateConfig | undefined {
  if (config?.type !== "file" || config.path === undefined || isAbsolute(config.path)) return config;
  return { ...config, path: resolve(dirname(filepath), config.path) };
}

/** The file's options without the keys it left out, as getApiConnection's exact optional types want. */
function definedOnly<T extends object>(options: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) as {
    [K in keyof T]?: Exclude<T[K], undefined>;
  };
}
