import { resolveCredentials } from "../credentials/resolve-credentials.js";
import { isTwauthError } from "../errors/twauth-error.js";
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
    let redeemedFrom: string | undefined;
    let tried: string | undefined;
    try {
      await store.update(
        async (current) => {
          const stored = storedTokens(current, store.source, profile);
          tried = stored?.refreshToken;
          // A compare-and-swap store may call this again after a lost race: tokens already
          // redeemed are kept, never a second redemption of the same refresh token.
          const reuse = kept !== undefined && (sameTokens(stored, kept) || tried === redeemedFrom);
          const next = reuse && kept !== undefined ? kept : await step(stored);
          if (!reuse && !sameTokens(stored, next)) redeemedFrom = tried;
          kept = next;
          return sameTokens(stored, next) ? undefined : tokenValues(next);
        },
        { profile },
      );
    } catch (error) {
      if (!isTwauthError(error, "REFRESH_TOKEN_INVALID")) throw error;
      return (await rotatedElsewhere(store, profile, tried)) ?? Promise.reject(error);
    }
    if (kept === undefined) throw new Error("the store's update did not run its change");
    return kept;
  };
}

// How long a process whose refresh X refused watches the store for the tokens of the process that
// won (a compare-and-swap store lets two redeem at once; the winner saves within a round trip or two).
const winnerWaitsMs = [100, 200, 400, 800];

/**
 * After X refused our refresh token: if another process redeemed it, its tokens reach the store
 * shortly; those are the live ones. Undefined when the store still holds the refused token.
 */
async function rotatedElsewhere(
  store: UpdatableSecretStore,
  profile: string,
  tried: string | undefined,
): Promise<StoredOAuth2Tokens | undefined> {
  for (const waitMs of winnerWaitsMs) {
    const stored = storedTokens(await store.load({ profile, forceRefresh: true }), store.source, profile);
    if (stored !== undefined && stored.refreshToken !== tried) return stored;
    await new Promise((resolve) => setTimeout(resolve, waitMs));
  }
  return undefined;
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
