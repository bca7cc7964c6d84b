import type { ApiConnection, RateLimitInfo, TokenType } from "@twauth/core";
import type { Command, CommandContext } from "../cli/command.js";
import { booleanOption } from "../cli/option-values.js";
import { UsageError } from "../cli/usage-error.js";
import { rateLimitJson, rateLimitsJson, rateLimitTable } from "../output/rate-limit-text.js";
import { redactingBearerTokenCache } from "../setup/capturing-bearer-token-cache.js";
import { loadSetup } from "../setup/load-setup.js";
import { openConnection } from "../setup/open-connection.js";
import { cliSharedState } from "../setup/shared-state.js";
import { authFromOptions, authOption } from "./auth-option.js";

/** At most this many probes per run: each one spends a request from its endpoint's window. */
const maxProbes = 10;

/** One window as `figures()` of @twauth/ratelimit-file and @twauth/ratelimit-redis lists it. */
interface SharedFigures extends RateLimitInfo {
  readonly blockedUntil?: number;
  readonly inFlight: number;
}

/** What both shared states answer; the CLI reaches them through the config, so only the shape is known. */
interface FiguresReader {
  figures(filter: { tokenKey: string }): Promise<{
    readonly figures: Readonly<Record<string, SharedFigures>>;
    readonly complete: boolean;
  }>;
}

interface SharedView {
  readonly rateLimits: Record<string, SharedFigures>;
  readonly complete: boolean;
}

function isFiguresReader(state: unknown): state is FiguresReader {
  return typeof (state as Partial<FiguresReader> | undefined)?.figures === "function";
}

/** The shared figures of this token, per endpoint; undefined when the state cannot say (told on stderr). */
async function readShared(
  context: CommandContext,
  reader: FiguresReader,
  tokenKey: string,
): Promise<SharedView | undefined> {
  try {
    const listed = await reader.figures({ tokenKey });
    const start = `${tokenKey} `;
    const rateLimits: Record<string, SharedFigures> = {};
    for (const [key, figures] of Object.entries(listed.figures)) {
      if (key.startsWith(start)) rateLimits[key.slice(start.length)] = figures;
    }
    return { rateLimits, complete: listed.complete };
  } catch (error) {
    context.output.warning(`the shared rate-limit state could not be read: ${(error as Error).message}`);
    return undefined;
  }
}

async function probePaths(context: CommandContext, api: ApiConnection, paths: readonly string[]) {
  for (const path of paths) {
    const response = await api.get(path);
    context.output.detail(`GET ${path}: ${response.status}`);
  }
}

function sharedJson(shared: SharedView): Record<string, unknown> {
  const rateLimits = Object.fromEntries(
    Object.entries(shared.rateLimits).map(([endpoint, figures]) => [
      endpoint,
      {
        ...rateLimitJson(figures),
        inFlight: figures.inFlight,
        ...(figures.blockedUntil === undefined
          ? {}
          : { blockedUntil: new Date(figures.blockedUntil).toISOString() }),
      },
    ]),
  );
  return { complete: shared.complete, rateLimits };
}

function report(
  tokenType: TokenType,
  run: Readonly<Record<string, RateLimitInfo>>,
  shared: SharedView | undefined,
  now: number,
) {
  const data = {
    ok: true,
    tokenType,
    rateLimits: rateLimitsJson(run),
    ...(shared === undefined ? {} : { shared: sharedJson(shared) }),
  };
  if (shared === undefined) return { text: rateLimitTable(run, now), data };
  const sections = [
    "Shared rate-limit state (every run and worker with this token):",
    rateLimitTable(shared.rateLimits, now),
  ];
  if (!shared.complete) sections.push("(the shared state holds more windows than one listing reads)");
  if (Object.keys(run).length > 0) sections.push("", "This run:", rateLimitTable(run, now));
  return { text: sections.join("\n"), data };
}

export const limitsCommand: Command = {
  name: "limits",
  summary: "the rate-limit state per endpoint: the shared state's figures, and this run's, as a table",
  synopsis: "[<path>...] [--refresh] [options]",
  description: `X reports rate limits only in the headers of its responses. Each twauth command is a process of
its own, but they share a rate-limit state (the config's rate_limit_state, else for X's own API a
file in your cache folder): without paths, twauth limits prints what that state holds for this
token (every endpoint earlier runs or other workers used) and makes no request when it holds
figures. Otherwise, or with --refresh, it makes the verify call (GET /2/users/me for user tokens,
one app-only call for a bearer token) and prints that response's figures beside the shared ones.

With paths it sends one GET to each (at most ${maxProbes}) and prints what every response said
(limit, remaining, reset) per endpoint, the way api.rateLimits holds them in a program; every
call spends one request of its endpoint's window.`,
  options: {
    auth: authOption,
    refresh: { type: "boolean", description: "make the verify call even when the shared state has figures" },
  },
  positionals: { min: 0, max: maxProbes },
  examples: [
    "twauth limits",
    "twauth limits --refresh --json",
    "twauth limits /2/users/me /1.1/account/verify_credentials.json --json",
  ],
  async run(context) {
    const paths = context.positionals;
    for (const path of paths) {
      if (!path.startsWith("/")) {
        throw new UsageError(`each path must start with / (e.g. /2/users/me), got "${path}".`, "limits");
      }
    }
    const refresh = booleanOption(context.values, "refresh");
    const auth = authFromOptions(context.values, "limits");
    const setup = await loadSetup(context);
    // A reader of its own: the connection's state belongs to the connection and closes with it.
    const shared = paths.length === 0 ? await cliSharedState(setup, process.env) : undefined;
    const reader = isFiguresReader(shared?.options.rateLimitState)
      ? shared.options.rateLimitState
      : undefined;
    try {
      const api = await openConnection(context, setup, {
        auth,
        bearerTokenCache: redactingBearerTokenCache(context.redactor),
      });
      const tokenKey = reader === undefined ? undefined : api.rateLimitTokenKey;
      const readView = () =>
        reader === undefined || tokenKey === undefined ? undefined : readShared(context, reader, tokenKey);
      let view = refresh ? undefined : await readView();
      const needsCall = paths.length > 0 || view === undefined || Object.keys(view.rateLimits).length === 0;
      // Read again after the call (unless the first read failed): it adds this run's figures.
      const readsAgain = needsCall && (refresh || view !== undefined);
      try {
        if (paths.length > 0) await probePaths(context, api, paths);
        else if (needsCall) await api.verifyCredentials();
      } finally {
        // Closing lets the connection's own state write what this run learned (the file state's flush).
        await api[Symbol.asyncDispose]();
      }
      if (readsAgain) view = await readView();
      return report(api.tokenType, api.rateLimits, view, Date.now());
    } finally {
      await shared?.close();
    }
  },
};
