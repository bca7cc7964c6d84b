import { resolveCredentials } from "@twauth/core";
import type { Command } from "../cli/command.js";
import { booleanOption } from "../cli/option-values.js";
import { describeRateLimit, rateLimitsJson } from "../output/rate-limit-text.js";
import { createCapturingBearerTokenCache } from "../setup/capturing-bearer-token-cache.js";
import { loadSetup } from "../setup/load-setup.js";
import { openConnection } from "../setup/open-connection.js";
import { authFromOptions, authOption } from "./auth-option.js";
import { oauth2TokenInfo } from "./oauth2-token-info.js";
import { tokenFingerprint } from "./token-fingerprint.js";

export { tokenFingerprint } from "./token-fingerprint.js";

export const tokenCommand: Command = {
  name: "token",
  summary:
    "get the app's bearer token (app-only auth; --invalidate revokes it), or an OAuth 2.0 token's expiry and scopes",
  synopsis: "[--show | --invalidate] [options]",
  description: `Exchanges the consumer key and secret for the app's bearer token (POST /oauth2/token), proves it
works with one app-only call, and prints its fingerprint and length. X gives an app one bearer
token, the same on every exchange, until it is invalidated.

The token itself is printed only with --show (alone on stdout, so TOKEN=$(twauth token --show)
works; with --json it is the "bearerToken" field): it is a secret that reads X as your app.

--invalidate revokes the token at POST /oauth2/invalidate_token; X signs that with the app owner's
access token, so the store needs the owner's access token and secret too. The next exchange gets
a new token.

For an OAuth 2.0 user profile (auth: oauth2-user in the config, or --auth oauth2-user), it proves
the saved access token works (GET /2/users/me; an expiring token is refreshed and saved first) and
prints whose it is, its fingerprint, when it expires and its scopes; --show prints the access
token (with --json, the "accessToken" field). twauth logout ends that sign-in.`,
  options: {
    auth: authOption,
    show: { type: "boolean", description: "print the bearer token itself (a secret)" },
    invalidate: { type: "boolean", description: "revoke the app's bearer token" },
  },
  positionals: { min: 0, max: 0 },
  examples: [
    "twauth token",
    "TOKEN=$(twauth token --show)",
    "twauth token --invalidate",
    "twauth token --auth oauth2-user --json",
  ],
  async run(context) {
    const show = booleanOption(context.values, "show");
    const invalidate = booleanOption(context.values, "invalidate");
    const auth = authFromOptions(context.values, "token");
    const setup = await loadSetup(context);
    if ((auth ?? setup.config.auth) === "oauth2-user") return oauth2TokenInfo(context, setup);
    const state = createCapturingBearerTokenCache((token) => context.redactor.add([token]));
    const api = await openConnection(context, setup, { auth: "app", bearerTokenCache: state });
    try {
      await api.verifyCredentials();
      const exchanged = state.exchangedBearerToken;
      const token = exchanged ?? givenBearerToken(setup.store.lastRecord);
      const origin = exchanged === undefined ? "given in the store" : "exchanged at POST /oauth2/token";
      const now = Date.now();
      const lines: string[] = [];
      if (token !== undefined) {
        lines.push(`Bearer token ${origin}: ${tokenFingerprint(token)}, ${token.length} characters.`);
      }
      lines.push(
        ...Object.entries(api.rateLimits).map(
          ([endpoint, info]) => `it works: ${describeRateLimit(endpoint, info, now)}`,
        ),
      );
      if (invalidate) {
        await api.invalidateBearer();
        lines.push("Invalidated it at POST /oauth2/invalidate_token; the next exchange gets a new token.");
      } else if (!show) {
        lines.push("Run twauth token --show to print the token itself.");
      }
      const data = {
        ok: true,
        tokenType: "app",
        origin: exchanged === undefined ? "store" : "exchange",
        fingerprint: token === undefined ? null : tokenFingerprint(token),
        length: token?.length ?? null,
        invalidated: invalidate,
        rateLimits: rateLimitsJson(api.rateLimits),
        ...(show && token !== undefined ? { bearerToken: token } : {}),
      };
      if (show && token !== undefined) {
        // The details go to stderr, the token alone to stdout.
        if (!context.output.json) for (const line of lines) context.output.info(line);
        return { text: token, data, reveal: [token] };
      }
      return { text: lines.join("\n"), data };
    } finally {
      api.close();
    }
  },
};

function givenBearerToken(record: Readonly<Record<string, string>> | undefined): string | undefined {
  if (record === undefined) return undefined;
  try {
    const credentials = resolveCredentials(record, { auth: "app", onWarning: () => {} });
    return credentials.type === "app" ? credentials.bearerToken : undefined;
  } catch {
    return undefined;
  }
}
