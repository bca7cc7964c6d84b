import type { Command } from "../cli/command.js";
import { describeRateLimit, rateLimitsJson } from "../output/rate-limit-text.js";
import { redactingBearerTokenCache } from "../setup/capturing-bearer-token-cache.js";
import { loadSetup } from "../setup/load-setup.js";
import { openConnection } from "../setup/open-connection.js";
import { authFromOptions, authOption, tokenTypeText } from "./auth-option.js";

export const verifyCommand: Command = {
  name: "verify",
  summary: "who you are, the token type and the endpoint's remaining rate limit",
  synopsis: "[options]",
  description: `Loads the config and the store's credentials, calls X once to prove they work (GET /2/users/me for
user tokens; one app-only call for a bearer token), and prints the account, the token type and what
is left of that endpoint's rate limit.`,
  options: { auth: authOption },
  positionals: { min: 0, max: 0 },
  examples: ["twauth verify", "twauth verify --profile bot2 --json"],
  async run(context) {
    const auth = authFromOptions(context.values, "verify");
    const setup = await loadSetup(context);
    const api = await openConnection(context, setup, {
      auth,
      bearerTokenCache: redactingBearerTokenCache(context.redactor),
    });
    try {
      const who = await api.verifyCredentials();
      const now = Date.now();
      const rateLimits = api.rateLimits;
      const account =
        who.username === undefined
          ? "the app (app-only token: no user)"
          : `@${who.username}${who.name === undefined ? "" : ` (${who.name}`}${who.id === undefined ? ")" : `, id ${who.id})`}`;
      const lines = [
        `Authenticated as ${account}`,
        `token type: ${tokenTypeText[who.tokenType]}`,
        ...Object.entries(rateLimits).map(
          ([endpoint, info]) => `rate limit: ${describeRateLimit(endpoint, info, now)}`,
        ),
        `profile "${setup.profile}" from ${setup.store.kind} store ${setup.store.source} (config ${setup.filepath})`,
      ];
      return {
        text: lines.join("\n"),
        data: {
          ok: true,
          user:
            who.username === undefined
              ? null
              : { id: who.id ?? null, username: who.username, name: who.name ?? null },
          tokenType: who.tokenType,
          rateLimits: rateLimitsJson(rateLimits),
          profile: setup.profile,
          store: { kind: setup.store.kind, source: setup.store.source },
          config: setup.filepath,
        },
      };
    } finally {
      api.close();
    }
  },
};
