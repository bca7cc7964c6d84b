import type { WarningHandler } from "../errors/twauth-warning.js";

/** The raw key/value pairs of one profile, as the store holds them (key names not yet matched). */
export type SecretRecord = Readonly<Record<string, string>>;

export interface SecretStoreLoadOptions {
  /** Which profile to read; stores without profiles accept only the default one. */
  profile?: string;
  signal?: AbortSignal;
  /** Bypass any cache the store keeps, e.g. after X answered 401 because a secret was rotated. */
  forceRefresh?: boolean;
}

export interface SecretStoreSaveOptions {
  profile?: string;
  signal?: AbortSignal;
}

/**
 * Where credentials come from. Every adapter (env, .env, ini, yaml, AWS Secrets Manager, or a
 * third party's) implements this, and `@twauth/store-testkit` checks that it behaves like the others.
 *
 * Errors are `TwauthError`s (`STORE_NOT_FOUND`, `STORE_UNREADABLE`, `PROFILE_NOT_FOUND`, ...) that name
 * `source`, the line where there is one, and key names; a store never puts a value in an error.
 */
export interface SecretStore {
  /** A short name for the kind of store, e.g. `"dotenv"`. */
  readonly kind: string;
  /** A location that is safe to print: a path, a secret's name or ARN. */
  readonly source: string;
  load(options?: SecretStoreLoadOptions): Promise<SecretRecord>;
}

/**
 * A store that can write credentials back (`twauth login`, OAuth 2 refresh-token rotation). `save`
 * merges `values` into the profile, keeping every other key, comment and the order; file stores write
 * atomically with mode 0600. Keys in `values` may be canonical field names (`accessToken`); a store
 * writes them under the alias the profile already uses for that field, if any.
 */
export interface WritableSecretStore extends SecretStore {
  save(values: Readonly<Record<string, string>>, options?: SecretStoreSaveOptions): Promise<void>;
}

/** Options every file store shares. */
export interface FileStoreHygieneOptions {
  /** Receives warnings such as "the file is readable by others". @default process.emitWarning */
  onWarning?: WarningHandler;
}

export const DEFAULT_PROFILE = "default";

export function isWritableSecretStore(store: SecretStore): store is WritableSecretStore {
  return typeof (store as Partial<WritableSecretStore>).save === "function";
}
