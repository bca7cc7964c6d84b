import type { Command } from "../cli/command.js";
import { UsageError } from "../cli/usage-error.js";
import { rateLimitsJson, rateLimitTable } from "../output/rate-limit-text.js";
import { redactingBearerTokenCache } from "../setup/capturing-bearer-token-cache.js";
import { loadSetup } from "../setup/load-setup.js";
import { openConnection } from "../setup/open-connection.js";
import { authFromOptions, authOption } from "./auth-option.js";

/** At most this many probes per run: each one spends a request from its endpoint's window. */
const maxProbes = 10;

export const limitsCommand: Command = {
  name: "limits",
  summary: "the rate-limit state per endpoint seen in this run, as a table",
  synopsis: "[<path>...] [options]",
  description: `X reports rate limits only in the headers of its responses, and each twauth command is a process of
its own, so "this run" is this command: it makes the calls, then prints what every response said
(limit, remaining, reset) per endpoint, the way api.rateLimits holds them in a program.

Without paths it makes the verify call (GET /2/users/me for user tokens, one app-only call for a
bearer token). With paths it sends one GET to each (at most ${maxProbes}); every call spends one
request of its endpoint's window.`,
  options: { auth: authOption },
  positionals: { min: 0, max: maxProbes },
  examples: ["twauth limits", "twauth limits /2/users/me /1.1/account/verify_credentials.json --json"],
  async run(context) {
    const paths = context.positionals;
    for (const path of paths) {
      if (!path.startsWith("/")) {
        throw new UsageError(`each path must start with / (e.g. /2/users/me), got "${path}".`, "limits");
      }
    }
    const auth = authFromOptions(context.values, "limits");
    const setup = await loadSetup(context);
    const api = await openConnection(context, setup, {
      auth,
      bearerTokenCache: redactingBearerTokenCache(context.redactor),
    });
    try {
      if (paths.length === 0) {
        await api.verifyCredentials();
      } else {
        for (const path of paths) {
          const response = await api.get(path);
          context.output.detail(`GET ${path}: ${response.status}`);
        }
      }
      const rateLimits = api.rateLimits;
      return {
        text: rateLimitTable(rateLimits, Date.now()),
        data: { ok: true, tokenType: api.tokenType, rateLimits: rateLimitsJson(rateLimits) },
      };
    } finally {
      api.close();
    }
  },
};
