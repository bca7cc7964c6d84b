import { revokeOAuth2Token } from "@twauth/core";
import type { Command } from "../cli/command.js";
import type { HeldOAuth2Tokens } from "../login/oauth2-profile.js";
import { readOAuth2Profile, writableOAuth2Save } from "../login/oauth2-profile.js";
import { loadSetup } from "../setup/load-setup.js";

/** What logout writes: every OAuth 2.0 key emptied (the stores have no removal; an empty value reads as unset). */
const clearedValues: Readonly<Record<string, string>> = {
  oauth2AccessToken: "",
  oauth2RefreshToken: "",
  oauth2ExpiresAt: "",
  oauth2Scopes: "",
};

export const logoutCommand: Command = {
  name: "logout",
  summary: "revoke the profile's OAuth 2.0 sign-in at X and remove its tokens from the store",
  synopsis: "[options]",
  description: `Ends the OAuth 2.0 sign-in of the profile (twauth login --oauth2): revokes the refresh token at
POST /2/oauth2/revoke, which ends the whole grant (the access token stops working too; with no
refresh token, the access token is revoked), then empties OAUTH2_ACCESS_TOKEN,
OAUTH2_REFRESH_TOKEN, OAUTH2_EXPIRES_AT and OAUTH2_SCOPES in the store with
save() (the stores have no removal: an empty value reads as unset, and the lines stay where
they were). The client id and secret, and any OAuth 1.0a keys, are kept.

When X refuses the revocation, nothing is removed, so you can try again. The store must be
writable (dotenv, ini or yaml).`,
  options: {},
  positionals: { min: 0, max: 0 },
  examples: ["twauth logout", "twauth logout --profile bot2 --json"],
  async run(context) {
    const setup = await loadSetup(context);
    const save = writableOAuth2Save(setup, "logout");
    const profile = await readOAuth2Profile(context, setup, "logout", { allowNew: false });
    const revoked = revocationTarget(profile.held);
    if (revoked === undefined) {
      return {
        text: `Profile "${setup.profile}" of ${setup.store.source} holds no OAuth 2.0 tokens: nothing to sign out.`,
        data: { ok: true, profile: setup.profile, revoked: null, removed: [] },
      };
    }
    await revokeOAuth2Token({
      clientId: profile.clientId,
      clientSecret: profile.clientSecret,
      token: revoked.token,
      tokenTypeHint: revoked.hint,
      ...(setup.baseUrl === undefined ? {} : { baseUrl: setup.baseUrl }),
    });
    context.output.detail(`POST /2/oauth2/revoke: the ${revoked.hint.replace("_", " ")} was revoked`);
    await save(clearedValues, { profile: setup.profile });
    return {
      text: `Signed out: X revoked the ${revoked.hint === "refresh_token" ? "grant (refresh token)" : "access token"}, and the OAuth 2.0 tokens were removed from ${setup.store.source} (profile "${setup.profile}").`,
      data: {
        ok: true,
        profile: setup.profile,
        revoked: revoked.hint,
        removed: Object.keys(clearedValues),
        store: { kind: setup.store.kind, source: setup.store.source },
      },
    };
  },
};

/** The refresh token ends the whole grant; without one, the access token is all there is to end. */
function revocationTarget(
  held: HeldOAuth2Tokens,
): { token: string; hint: "refresh_token" | "access_token" } | undefined {
  if (held.refreshToken !== undefined) return { token: held.refreshToken, hint: "refresh_token" };
  if (held.accessToken !== undefined) return { token: held.accessToken, hint: "access_token" };
  return undefined;
}
