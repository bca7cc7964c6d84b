import type { CredentialField, SecretRecord } from "@twauth/core";
import { canonicalCredentialField, DEFAULT_PROFILE, isTwauthError, TwauthError } from "@twauth/core";
import type { CommandContext } from "../cli/command.js";
import type { Setup } from "../setup/load-setup.js";

/** The OAuth 2.0 tokens a profile holds (all optional: a profile may hold some, or none). */
export interface HeldOAuth2Tokens {
  readonly accessToken: string | undefined;
  readonly refreshToken: string | undefined;
  /** As written in the store (ISO 8601 or epoch milliseconds). */
  readonly expiresAt: string | undefined;
  /** The scopes X granted, as twauth login saved them (X has no endpoint that tells them). */
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

/** The OAuth 2.0 tokens in a record. */
export function heldOAuth2Tokens(record: SecretRecord): HeldOAuth2Tokens {
  const scopes = fieldValue(record, "oauth2Scopes");
  return {
    accessToken: fieldValue(record, "oauth2AccessToken"),
    refreshToken: fieldValue(record, "oauth2RefreshToken"),
    expiresAt: fieldValue(record, "oauth2ExpiresAt"),
    scopes: scopes === undefined ? undefined : scopes.split(",").filter(Boolean),
  };
}

/**
 * The scopes as saved: comma-separated, since a credential value holds no whitespace (X's own
 * `scope` is space-separated).
 */
export function savedScopes(scopes: readonly string[]): string {
  return scopes.join(",");
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
      `${setup.store.source} (profile "${profile}"): twauth ${command} needs the app's OAuth 2.0 client id (CLIENT_ID, and CLIENT_SECRET for a confidential client: the developer portal's "OAuth 2.0 Client ID and Client Secret" under "Keys and tokens").`,
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
