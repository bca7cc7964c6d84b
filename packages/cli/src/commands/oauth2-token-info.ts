import type { CommandContext, CommandResult } from "../cli/command.js";
import { booleanOption } from "../cli/option-values.js";
import { UsageError } from "../cli/usage-error.js";
import { heldOAuth2Tokens } from "../login/oauth2-profile.js";
import type { Setup } from "../setup/load-setup.js";
import { openConnection } from "../setup/open-connection.js";
import { tokenFingerprint } from "./token-fingerprint.js";

/** When the access token expires, as the store wrote it (ISO 8601 or epoch milliseconds). */
function expiryOf(text: string | undefined): Date | undefined {
  if (text === undefined) return undefined;
  const date = new Date(/^\d+$/.test(text) ? Number(text) : Date.parse(text));
  return Number.isNaN(date.getTime()) ? undefined : date;
}

function expiryText(expiresAt: Date | undefined, now: number): string {
  if (expiresAt === undefined) return "expiry unknown (no OAUTH2_EXPIRES_AT)";
  const minutes = Math.round((expiresAt.getTime() - now) / 60_000);
  return minutes > 0
    ? `expires ${expiresAt.toISOString()} (in ${minutes} min)`
    : `expired ${expiresAt.toISOString()}`;
}

/**
 * `twauth token` for an OAuth 2.0 user profile: proves the access token works (`GET /2/users/me`;
 * a connection refreshes an expiring token itself and saves the new ones), then tells whose it is,
 * when it expires and its scopes, from the store as it is after that call. The token only with --show.
 */
export async function oauth2TokenInfo(context: CommandContext, setup: Setup): Promise<CommandResult> {
  if (booleanOption(context.values, "invalidate")) {
    throw new UsageError(
      "--invalidate revokes the app's bearer token; to end an OAuth 2.0 sign-in, run twauth logout.",
      "token",
    );
  }
  const show = booleanOption(context.values, "show");
  const api = await openConnection(context, setup, { auth: "oauth2-user" });
  let me: Awaited<ReturnType<typeof api.verifyCredentials>>;
  try {
    me = await api.verifyCredentials();
  } finally {
    api.close();
  }
  const held = heldOAuth2Tokens(await setup.store.load({ profile: setup.profile, forceRefresh: true }));
  const token = held.accessToken ?? "";
  const expiresAt = expiryOf(held.expiresAt);
  const scopes = held.scopes ?? null;
  const lines = [
    `OAuth 2.0 user access token of @${me.username ?? "?"} (id ${me.id ?? "?"}): ${tokenFingerprint(token)}, ${expiryText(expiresAt, Date.now())}.`,
    `scopes: ${scopes === null ? "unknown (no OAUTH2_SCOPES: sign in with twauth login --oauth2)" : scopes.join(" ")}`,
    held.refreshToken === undefined
      ? "no refresh token: sign in again when it expires."
      : "a refresh token is saved: connections refresh the access token themselves.",
    "it works: GET /2/users/me answered.",
  ];
  const data = {
    ok: true,
    tokenType: "oauth2-user",
    user: { id: me.id ?? null, username: me.username ?? null },
    fingerprint: tokenFingerprint(token),
    expiresAt: expiresAt?.toISOString() ?? null,
    scopes,
    refreshToken: held.refreshToken !== undefined,
    ...(show ? { accessToken: token } : {}),
  };
  if (show) {
    if (!context.output.json) for (const line of lines) context.output.info(line);
    return { text: token, data, reveal: [token] };
  }
  return { text: [...lines, "Run twauth token --show to print the token itself."].join("\n"), data };
}
