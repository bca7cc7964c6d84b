import type { WarningHandler } from "../errors/twauth-warning.js";

/**
 * The raw key/value pairs of one profile, as the store holds them (key names not yet matched).
 *
 * @example
 * const record: SecretRecord = { TWITTER_API_KEY: "xvz1evFS4wEEPTGEFPHBog", TWITTER_API_KEY_SECRET: "kAcSOqF2…" };
 * const credentials = resolveCredentials(record, { source: "env" }); // { type: "app", consumerKey: …, consumerSecret: … }
 */
export type SecretRecord = Readonly<Record<string, string>>;

/**
 * How to read a store: which profile, a signal to give up, and whether to skip the store's cache.
 *
 * @example
 * const record = await store.load({ profile: "bot2", signal: AbortSignal.timeout(5_000) });
 */
export interface SecretStoreLoadOptions {
  /** Which profile to read; stores without profiles accept only the default one. @default "default" */
  profile?: string;
  /** Cancels the read. */
  signal?: AbortSignal;
  /** Bypass any cache the store keeps, e.g. after X answered 401 because a secret was rotated. @default false */
  forceRefresh?: boolean;
}

/**
 * How to write to a store: which profile the values go to, and a signal to give up.
 *
 * @example
 * await store.save({ accessToken, accessTokenSecret }, { profile: "bot2" });
 */
export interface SecretStoreSaveOptions {
  /** The profile to merge the values into. @default "default" */
  profile?: string;
  /** Cancels the write. */
  signal?: AbortSignal;
}

/**
 * Where credentials come from. Every adapter (env, .env, ini, yaml, AWS Secrets Manager, or a
 * third party's) implements this, and `@twauth/store-testkit` checks that it behaves like the others.
 *
 * Errors are `TwauthError`s (`STORE_NOT_FOUND`, `STORE_UNREADABLE`, `PROFILE_NOT_FOUND`, ...) that name
 * `source`, the line where there is one, and key names; a store never puts a value in an error.
 *
 * @example
 * const store: SecretStore = {
 *   kind: "vault",
 *   source: "vault://kv/twauth",
 *   load: async ({ profile = DEFAULT_PROFILE } = {}) => readFromVault(`kv/twauth/${profile}`),
 * };
 */
export interface SecretStore {
  /** A short name for the kind of store, e.g. `"dotenv"`. */
  readonly kind: string;
  /** A location that is safe to print: a path, a secret's name or ARN. */
  readonly source: string;
  /** Reads one profile's raw record; throws `STORE_NOT_FOUND`, `PROFILE_NOT_FOUND` or `STORE_UNREADABLE`. */
  load(options?: SecretStoreLoadOptions): Promise<SecretRecord>;
}

/**
 * A store that can write credentials back (`twauth login`, OAuth 2 refresh-token rotation). `save`
 * merges `values` into the profile, keeping every other key, comment and the order; file stores write
 * atomically with mode 0600. Keys in `values` may be canonical field names (`accessToken`); a store
 * writes them under the alias the profile already uses for that field, if any.
 *
 * @example
 * const store: WritableSecretStore = dotenvStore({ path: ".env" });
 * await store.save({ accessToken: user.accessToken, accessTokenSecret: user.accessTokenSecret });
 */
export interface WritableSecretStore extends SecretStore {
  /** Merges `values` into the profile; throws `STORE_WRITE_FAILED` when it cannot. */
  save(values: Readonly<Record<string, string>>, options?: SecretStoreSaveOptions): Promise<void>;
}

/**
 * A store that can change one profile as a single step across processes: `update` reads the
 * profile's freshest record, calls `change` with it, and saves what `change` returns (merged as
 * `save` merges), before anyone else may read or write that profile. File stores hold their
 * cross-process lock from the read to the atomic rename; AWS Secrets Manager uses the secret's
 * version as a compare-and-swap and calls `change` again on a conflict. `change` returning
 * `undefined` saves nothing. OAuth 2.0 refresh-token rotation builds on it: re-read, and if another
 * process already rotated use its tokens, otherwise redeem the refresh token and save the new ones.
 *
 * @example
 * await store.update(async (current) => (current.OAUTH2_ACCESS_TOKEN === used ? await rotate(current) : undefined));
 */
export interface UpdatableSecretStore extends WritableSecretStore {
  /** Resolves to the record as it stands after the update (unchanged when `change` gave `undefined`). */
  update(
    change: (current: SecretRecord) => Promise<Readonly<Record<string, string>> | undefined>,
    options?: SecretStoreSaveOptions,
  ): Promise<SecretRecord>;
}

/**
 * Tells whether a store can update a profile as one step across processes (see `UpdatableSecretStore`).
 *
 * @example
 * if (!isUpdatableSecretStore(store)) console.warn("refresh tokens rotate in this process only");
 */
export function isUpdatableSecretStore(store: SecretStore): store is UpdatableSecretStore {
  return (
    isWritableSecretStore(store) && typeof (store as Partial<UpdatableSecretStore>).update === "function"
  );
}

/**
 * Options every file store shares.
 *
 * @example
 * const options: FileStoreHygieneOptions = { onWarning: (warning) => logger.warn(warning.message) };
 */
export interface FileStoreHygieneOptions {
  /** Receives warnings such as "the file is readable by others". @default process.emitWarning */
  onWarning?: WarningHandler;
  /**
   * Also ask git, at the first load, whether the file is git-ignored. That starts a `git
   * check-ignore` process (with every command a repository may configure turned off), so it is
   * opt-in: a load otherwise starts no process, and `twauth doctor` runs this check.
   * @default false
   */
  checkGitIgnore?: boolean;
}

/**
 * Where a key of a loaded record was written: the file and line (and column) a message can name.
 *
 * @example
 * const location: SecretKeyLocation = { file: ".env", line: 3, column: 1 };
 */
export interface SecretKeyLocation {
  readonly file: string;
  readonly line: number;
  readonly column?: number;
}

// Symbol.for, so a record made by a store bundling its own copy of core is still understood.
const recordNotes = Symbol.for("twauth.secretRecord.notes");

interface RecordNotes {
  readonly locations: Readonly<Record<string, SecretKeyLocation>>;
  readonly unreadKeys: readonly string[];
}

/**
 * Attaches where each key was found to a record a file store returns, so `resolveCredentials` can
 * name the file and line of a bad value; and, optionally, the names (never values) of keys the
 * store left out because they are no credential (`CONSUMER_SECRT`), so it can ask "did you mean".
 * The notes ride on a hidden (non-enumerable) property: `Object.entries`, `JSON.stringify`,
 * spreading and equality checks see only the keys and values.
 *
 * @example
 * return withKeyLocations({ CONSUMER_KEY: "…" }, { CONSUMER_KEY: { file: ".env", line: 1 } }, ["CONSUMER_SECRT"]);
 */
export function withKeyLocations(
  record: Record<string, string>,
  locations: Readonly<Record<string, SecretKeyLocation>>,
  unreadKeys: readonly string[] = [],
): SecretRecord {
  const notes: RecordNotes = { locations, unreadKeys: unreadKeys.slice(0, 1000) };
  Object.defineProperty(record, recordNotes, { value: notes, enumerable: false });
  return record;
}

function notesOf(record: SecretRecord): RecordNotes | undefined {
  return (record as { [recordNotes]?: RecordNotes })[recordNotes];
}

/**
 * Where `key` of `record` was written, when its store said so (see `withKeyLocations`).
 *
 * @example
 * const location = keyLocationOf(record, "CONSUMER_KEY"); // { file: ".env", line: 1 } or undefined
 */
export function keyLocationOf(record: SecretRecord, key: string): SecretKeyLocation | undefined {
  const locations = notesOf(record)?.locations;
  return locations !== undefined && Object.hasOwn(locations, key) ? locations[key] : undefined;
}

/**
 * The names of keys the store read but left out of `record` as no credential (see `withKeyLocations`).
 *
 * @example
 * unreadKeysOf(record); // ["CONSUMER_SECRT"]
 */
export function unreadKeysOf(record: SecretRecord): readonly string[] {
  return notesOf(record)?.unreadKeys ?? [];
}

/**
 * The profile read when none is named: a file's top level or `[default]` section, the bare
 * environment variable names, the secret itself.
 *
 * @example
 * const record = await store.load({ profile: process.env.TWAUTH_PROFILE ?? DEFAULT_PROFILE });
 */
export const DEFAULT_PROFILE = "default";

/**
 * Tells whether a store can write credentials back, before offering `twauth login` or token rotation.
 *
 * @example
 * if (isWritableSecretStore(store)) await store.save({ accessToken, accessTokenSecret });
 * else console.log("Copy these into your store: ACCESS_TOKEN, ACCESS_TOKEN_SECRET");
 */
export function isWritableSecretStore(store: SecretStore): store is WritableSecretStore {
  return typeof (store as Partial<WritableSecretStore>).save === "function";
}
