import { withSharedState } from "@twauth/config";
import type {
  ApiConnection,
  ApiConnectionOptions,
  BearerTokenCache,
  ConnectionNotice,
  RateLimitState,
  TokenType,
} from "@twauth/core";
import { formatSpendNotice, getApiConnection } from "@twauth/core";
import type { CommandContext } from "../cli/command.js";
import { startCountdown } from "../output/countdown.js";
import { describeWait } from "../output/rate-limit-text.js";
import type { Setup } from "./load-setup.js";
import { cliSharedState } from "./shared-state.js";

/**
 * The CLI's commands are interactive: a person waits for each. A host that swallows packets fails
 * after this instead of after the 30 s response timeout (per attempt), and the retry line says so.
 */
export const interactiveConnectTimeout = "5s";

/**
 * Every wait and spend notice on stderr, through the output (so through the redactor): a line per
 * retry and per spend threshold reached, and a rate-limit wait as a countdown on a terminal or one
 * line elsewhere. stdout stays the result.
 */
export function cliWaitNotice(context: CommandContext, now: () => number = Date.now) {
  return (wait: ConnectionNotice): (() => void) => {
    if (wait.reason === "spend-limit") {
      context.output.info(formatSpendNotice(wait));
      return () => {};
    }
    const text = `twauth: ${describeWait(wait, now())}`;
    const stream = context.output.stderrStream;
    if (wait.reason === "retry" || stream.isTTY !== true) {
      context.output.info(text);
      return () => {};
    }
    return startCountdown(stream, text.replace(/; waiting .*$/, "; waiting"), wait.resetAt, now);
  };
}

export interface OpenConnectionOptions {
  /** Overrides the config's `auth` (`twauth token` always asks for `app`). */
  auth?: TokenType | undefined;
  rateLimitState?: RateLimitState;
  bearerTokenCache?: BearerTokenCache;
}

/**
 * The connection the config describes (as `connect()` of @twauth/config makes it), over the setup's
 * store, so every value it loads is known to the redactor. Waits and retries are told on stderr
 * (`cliWaitNotice`) unless the config silences them; connecting gives up after a short time.
 */
export async function openConnection(
  context: CommandContext,
  setup: Setup,
  options: OpenConnectionOptions = {},
): Promise<ApiConnection> {
  const { store: _storeConfig, profile: _profile, rateLimitState: _sharedState, ...fromFile } = setup.config;
  const auth = options.auth ?? setup.config.auth;
  const shared = options.rateLimitState === undefined ? await cliSharedState(setup, process.env) : undefined;
  const connection = await getApiConnection({
    userAgent: "twauth-cli",
    connectTimeout: interactiveConnectTimeout,
    // The file passed core's own option rules in loadConfig; only the durations' static type is wider.
    ...(definedOnly(fromFile) as Partial<ApiConnectionOptions>),
    // `wait_on_rate_limit_notify: false` in the file silences waits; otherwise the CLI tells them.
    ...(fromFile.waitOnRateLimitNotify === false ? {} : { waitOnRateLimitNotify: cliWaitNotice(context) }),
    store: setup.store,
    profile: setup.profile,
    onWarning: (warning) => context.output.warning(warning),
    ...(auth === undefined ? {} : { auth }),
    ...(setup.baseUrl === undefined ? {} : { baseUrl: setup.baseUrl }),
    ...shared?.options,
    ...(options.rateLimitState === undefined ? {} : { rateLimitState: options.rateLimitState }),
    ...(options.bearerTokenCache === undefined ? {} : { bearerTokenCache: options.bearerTokenCache }),
  });
  context.output.detail(`token type: ${connection.tokenType}`);
  return shared?.owned ? withSharedState(connection, shared.close) : connection;
}

/** The entries that are set, so `exactOptionalPropertyTypes` holds and core's defaults apply. */
function definedOnly<T extends object>(values: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined)) as {
    [K in keyof T]?: Exclude<T[K], undefined>;
  };
}
