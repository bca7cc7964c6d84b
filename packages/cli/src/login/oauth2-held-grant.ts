import { isTwauthError } from "@twauth/core";
import type { CommandContext } from "../cli/command.js";
import type { Setup } from "../setup/load-setup.js";
import { openConnection } from "../setup/open-connection.js";
import type { SignedInUser } from "./confirm-replace.js";
import type { OAuth2Profile } from "./oauth2-profile.js";

/** What the OAuth 2.0 tokens a profile holds are worth before a new sign-in replaces them. */
export type HeldGrant =
  | { readonly state: "none" }
  /** They work (refreshed first if the access token had expired): a live grant of this user. */
  | { readonly state: "live"; readonly user: SignedInUser }
  /** X refuses them (revoked, or a spent refresh token): nothing is lost by replacing them. */
  | { readonly state: "dead" }
  /** They could not be checked (network, X's error): whose they are is not known. */
  | { readonly state: "unknown" };

/**
 * Asks X who the profile's tokens belong to, through a connection like any command's (so an expired
 * access token is refreshed and the new tokens saved). X keeps one live grant per app and user,
 * so this tells both whose tokens a save would replace and which grant the sign-in would revoke.
 */
export async function checkHeldGrant(
  context: CommandContext,
  setup: Setup,
  profile: OAuth2Profile,
): Promise<HeldGrant> {
  if (profile.held.accessToken === undefined && profile.held.refreshToken === undefined) {
    return { state: "none" };
  }
  try {
    const api = await openConnection(context, setup, { auth: "oauth2-user" });
    try {
      const me = await api.verifyCredentials();
      if (me.id === undefined) return { state: "unknown" };
      return { state: "live", user: { userId: me.id, screenName: me.username ?? me.id } };
    } finally {
      api.close();
    }
  } catch (error) {
    if (isTwauthError(error, "AUTH_FAILED") || isTwauthError(error, "REFRESH_TOKEN_INVALID")) {
      return { state: "dead" };
    }
    context.output.detail(`could not check the profile's OAuth 2.0 tokens: ${String(error)}`);
    return { state: "unknown" };
  }
}
