import type { CredentialField, SecretRecord } from "@twauth/core";
import { canonicalCredentialField, DEFAULT_PROFILE, isTwauthError, TwauthError } from "@twauth/core";
import type { CommandContext } from "../cli/command.js";
import type { Setup } from "../setup/load-setup.js";

/**
 * Keys twauth writes beside the OAuth 2.0 tokens, neither of them secret: who signed in (so a later
 * login knows whose tokens it would replace, even after the access token expired) and the scopes X
 * granted (so `twauth token` can tell them; X has no endpoint that does).
 */
export const oauth2UserIdKey = "OAUTH2_USER_ID";
export const oauth2ScopesKey = "OAUTH2_SCOPES";

/** The OAuth 2.0 tokens a profile holds (all optional: a profile may hold some, or none). */
export interface HeldOAuth2Tokens {
  readonly accessToken: string | undefined;
  readonly refreshToken: string | undefined;
  /** As written in the store (ISO 8601 or epoch milliseconds). */
  readonly expiresAt: string | undefined;
  readonly userId: string | undefined;
  readonly scopes: readonly string[] | undefined;
}

/** The OAuth 2.0 client of a profile, and what the profile holds before a sign-in saves. */
export interface OAuth2Profile {
  readonly clientId: string;
  /** Only confidential clients (Web App, Automated App or bot) have one. */
  readonly clientSecret: string | undefined;
  /** The profile does not exist yet: login creates it, with the client id and secret beside the tokens. */
  readonly isNew: boolean;
  readonly held: HeldOAuth2Tokens;
}

/** The value of the first key that names `field` (any spelling twauth reads), if it is not empty. */
export function fieldValue(record: SecretRecord, field: CredentialField): string | undefined {
  const entry = Object.entries(record).find(([key]) => canonicalCredentialField(key) === field);
  const value = entry?.[1]?.trim();
  return value === undefined || value === "" ? undefined : value;
}

function plainValue(record: SecretRecord, key: string): string | undefined {
  const value = record[key]?.trim();
  return value === undefined || value === "" ? undefined : value;
}

/** The OAuth 2.0 tokens in a record, by the canonical fields and the two keys above. */
export function heldOAuth2Tokens(record: SecretRecord): HeldOAuth2Tokens {
  const scopes = plainValue(record, oauth2ScopesKey);
  return {
    accessToken: fieldValue(record, "oauth2AccessToken"),
    refreshToken: fieldValue(record, "oauth2RefreshToken"),
    expiresAt: fieldValue(record, "oauth2ExpiresAt"),
    userId: plainValue(record, oauth2UserIdKey),
    scopes: scopes === undefined ? undefined : scopes.split(/\s+/),
  };
}

/**
 * Reads the profile an OAuth 2.0 command works on. A profile the store does not have yet
 * (`--profile bot2`) takes the client id and secret from the default profile when `allowNew`.
 */
export async function readOAuth2Profile(
  context: CommandContext,
  setup: Setup,
  command: string,
  options: { allowNew: boolean },
): Promise<OAuth2Profile> {
  let record: SecretRecord;
  let isNew = false;
  try {
    record = await setup.store.load({ profile: setup.profile });
  } catch (error) {
    const canCreate = options.allowNew && setup.profile !== DEFAULT_PROFILE;
    if (!isTwauthError(error, "PROFILE_NOT_FOUND") || !canCreate) throw error;
    record = await setup.store.load({ profile: DEFAULT_PROFILE });
    isNew = true;
    context.output.info(
      `Profile "${setup.profile}" is new in ${setup.store.source}: signing in with the OAuth 2.0 client of profile "${DEFAULT_PROFILE}", and creating "${setup.profile}" with its client id and secret and the new tokens.`,
    );
  }
  const clientId = fieldValue(record, "clientId");
  if (clientId === undefined) {
    const profile = isNew ? DEFAULT_PROFILE : setup.profile;
    throw new TwauthError(
      "CREDENTIALS_MISSING",
      `${setup.store.source} (profile "${profile}"): twauth ${command} --oauth2 needs the app's OAuth 2.0 client id (CLIENT_ID, and CLIENT_SECRET for a confidential client: the developer portal's "OAuth 2.0 Client ID and Client Secret" under "Keys and tokens").`,
      { source: setup.store.source, profile, keys: ["CLIENT_ID"] },
    );
  }
  const clientSecret = fieldValue(record, "clientSecret");
  const held = isNew ? heldOAuth2Tokens({}) : heldOAuth2Tokens(record);
  return { clientId, clientSecret, isNew, held };
}

/** The store's save, or why an OAuth 2.0 command cannot use this store (before any request). */
export function writableOAuth2Save(setup: Setup, command: string): NonNullable<Setup["store"]["save"]> {
  const { store } = setup;
  if (store.save !== undefined) return store.save;
  throw new TwauthError(
    "STORE_WRITE_FAILED",
    `twauth ${command} writes the OAuth 2.0 tokens to the store, but the ${store.kind} store (${store.source}) is read-only. Configure a file store in ${setup.filepath} (store: { type: dotenv, path: .env }, or ini or yaml) and run twauth ${command} again; twauth never prints the tokens instead.`,
    { source: store.source, file: setup.filepath, keys: ["store.type"] },
  );
}
