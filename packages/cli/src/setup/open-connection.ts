import type { ApiConnection, ApiConnectionOptions, RateLimitState, TokenType } from "@twauth/core";
import { getApiConnection } from "@twauth/core";
import type { CommandContext } from "../cli/command.js";
import type { Setup } from "./load-setup.js";

export interface OpenConnectionOptions {
  /** Overrides the config's `auth` (`twauth token` always asks for `app`). */
  auth?: TokenType | undefined;
  rateLimitState?: RateLimitState;
}

/**
 * The connection the config describes (as `connect()` of @twauth/config makes it), over the setup's
 * store, so every value it loads is known to the redactor. Rate-limit waits show core's countdown on
 * a TTY's stderr (`waitOnRateLimitNotify`), so stdout stays the command's result.
 */
export async function openConnection(
  context: CommandContext,
  setup: Setup,
  options: OpenConnectionOptions = {},
): Promise<ApiConnection> {
  const { store: _storeConfig, profile: _profile, ...fromFile } = setup.config;
  const auth = options.auth ?? setup.config.auth;
  const connection = await getApiConnection({
    userAgent: "twauth-cli",
    // The file passed core's own option rules in loadConfig; only the durations' static type is wider.
    ...(definedOnly(fromFile) as Partial<ApiConnectionOptions>),
    store: setup.store,
    profile: setup.profile,
    onWarning: (warning) => context.output.warning(warning),
    ...(auth === undefined ? {} : { auth }),
    ...(setup.baseUrl === undefined ? {} : { baseUrl: setup.baseUrl }),
    ...(options.rateLimitState === undefined ? {} : { rateLimitState: options.rateLimitState }),
  });
  context.output.detail(`token type: ${connection.tokenType}`);
  return connection;
}

/** The entries that are set, so `exactOptionalPropertyTypes` holds and core's defaults apply. */
function definedOnly<T extends object>(values: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined)) as {
    [K in keyof T]?: Exclude<T[K], undefined>;
  };
}
