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
 * The connection the config describes, over the setup's store. Rate-limit waits show the core's
 * countdown on a TTY's stderr (`waitOnRateLimitNotify`), so stdout stays the command's result.
 */
export async function openConnection(
  context: CommandContext,
  setup: Setup,
  options: OpenConnectionOptions = {},
): Promise<ApiConnection> {
  const { config } = setup;
  const auth = options.auth ?? config.auth;
  const connectionOptions: ApiConnectionOptions = {
    store: setup.store,
    profile: setup.profile,
    onWarning: (warning) => context.output.warning(warning),
    userAgent: "twauth-cli",
    ...(auth === undefined ? {} : { auth }),
    ...(setup.baseUrl === undefined ? {} : { baseUrl: setup.baseUrl }),
    ...(options.rateLimitState === undefined ? {} : { rateLimitState: options.rateLimitState }),
    // The config's schema checked the shapes; core validates the values again (durations included).
    ...(defined({
      waitOnRateLimit: config.waitOnRateLimit,
      waitOnRateLimitNotify: config.waitOnRateLimitNotify,
      maxRateLimitWait: config.maxRateLimitWait,
      retryCount: config.retryCount,
      retryDelay: config.retryDelay,
      retryErrors: config.retryErrors,
      retryMethods: config.retryMethods,
      retryBackoff: config.retryBackoff,
      timeout: config.timeout,
    }) as Partial<ApiConnectionOptions>),
  };
  const connection = await getApiConnection(connectionOptions);
  context.output.detail(`token type: ${connection.tokenType}`);
  return connection;
}

/** The entries that are set, so `exactOptionalPropertyTypes` holds and core's defaults apply. */
function defined<T extends Record<string, unknown>>(
  values: T,
): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined)) as {
    [K in keyof T]?: Exclude<T[K], undefined>;
  };
}
