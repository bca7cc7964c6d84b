import { resolveCredentials } from "../credentials/resolve-credentials.js";
import type { SecretRecord, UpdatableSecretStore, WritableSecretStore } from "../store/secret-store.js";
import type { OAuth2Rotation, StoredOAuth2Tokens } from "./oauth2-token-source.js";

function storedTokens(record: SecretRecord, source: string, profile: string): StoredOAuth2Tokens | undefined {
  if (Object.keys(record).length === 0) return undefined;
  // Warnings were given when the connection first loaded the profile.
  const credentials = resolveCredentials(record, {
    source,
    profile,
    auth: "oauth2-user",
    onWarning: () => {},
  });
  if (credentials.type !== "oauth2-user") return undefined;
  return {
    accessToken: credentials.accessToken,
    refreshToken: credentials.refreshToken,
    expiresAt: credentials.expiresAt,
  };
}

function sameTokens(a: StoredOAuth2Tokens | undefined, b: StoredOAuth2Tokens): boolean {
  return a?.accessToken === b.accessToken && a.refreshToken === b.refreshToken && a.expiresAt === b.expiresAt;
}

/** The values a store saves for rotated tokens: canonical names, the expiry as an ISO 8601 date. */
function tokenValues(tokens: StoredOAuth2Tokens): Record<string, string> {
  return {
    oauth2AccessToken: tokens.accessToken,
    ...(tokens.refreshToken === undefined ? {} : { oauth2RefreshToken: tokens.refreshToken }),
    ...(tokens.expiresAt === undefined ? {} : { oauth2ExpiresAt: new Date(tokens.expiresAt).toISOString() }),
  };
}

/**
 * Refresh-token rotation as one step of the store (`UpdatableSecretStore.update`): under a file
 * store's cross-process lock, or an AWS secret's compare-and-swap, the step sees the tokens stored
 * now and its result is saved before anything uses it.
 */
export function storeRotation(store: UpdatableSecretStore, profile: string): OAuth2Rotation {
  return async (step) => {
    let kept: StoredOAuth2Tokens | undefined;
    await store.update(
      async (current) => {
        const stored = storedTokens(current, store.source, profile);
        const next = await step(stored);
        kept = next;
        return sameTokens(stored, next) ? undefined : tokenValues(next);
      },
      { profile },
    );
    if (kept === undefined) throw new Error("the store's update did not run its change");
    return kept;
  };
}

/**
 * For a store that can save but not update as one step (a third party's): the rotated tokens are
 * saved before use, so a restart keeps them, but two processes on such a store can each redeem the
 * same refresh token. Its documentation should say: one process per profile.
 */
export function saveRotation(store: WritableSecretStore, profile: string): OAuth2Rotation {
  return async (step) => {
    const next = await step(undefined);
    await store.save(tokenValues(next), { profile });
    return next;
  };
}
