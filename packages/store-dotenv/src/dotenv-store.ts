import type {
  FileStoreHygieneOptions,
  SecretKeyLocation,
  SecretRecord,
  SecretStoreLoadOptions,
  SecretStoreSaveOptions,
  UpdatableSecretStore,
} from "@twauth/core";
import { DEFAULT_PROFILE, TwauthError, withKeyLocations } from "@twauth/core";
import type { ReadSecretFileOptions, SecretFileText } from "@twauth/store-kit";
import {
  createHygieneCheck,
  duplicateKeyError,
  envProfileNamePrefix,
  envProfileNotFoundError,
  normalizeEnvPrefix,
  planKeyUpdates,
  readSecretFile,
  readSecretFileIfPresent,
  secretFileNotFoundError,
  selectEnvProfile,
  throwIfAborted,
  unreadEnvKeys,
  updateSecretFile,
} from "@twauth/store-kit";
import { parse } from "dotenv";
import { editDotenv } from "./dotenv-editor.js";
import type { DotenvEntry } from "./dotenv-scanner.js";
import { scanDotenv } from "./dotenv-scanner.js";
import { formatDotenvValue } from "./dotenv-value.js";

/**
 * `dotenvStore`'s options: which files, in which order, and the prefix the names carry. Relative
 * paths are relative to the process's working directory.
 *
 * @example
 * dotenvStore({ paths: [".env", ".env.local"], prefix: "MYAPP" });
 */
export interface DotenvStoreOptions extends FileStoreHygieneOptions {
  /** The .env file; a missing one is `STORE_NOT_FOUND`. Ignored when `paths` is given. @default ".env" */
  path?: string;
  /**
   * Several files, read in this order; a missing one is skipped (at least one must exist). Takes
   * the place of `path`. Example: `[".env", ".env.local"]`.
   * @default [path]
   */
  paths?: readonly string[];
  /**
   * `true`: a later file in `paths` overrides an earlier one, so `.env.local` wins over `.env`.
   * `false`: the first file that sets a name wins, as in `dotenv.config({ path: [...] })`.
   * `save` writes to the file that wins: the last of `paths`, or with `false` the first.
   * @default true
   */
  override?: boolean;
  /**
   * A prefix every name starts with, as in `envStore`: `MYAPP_CONSUMER_KEY`, `MYAPP_BOT2_CONSUMER_KEY`.
   * @default none: bare names for the default profile, `TWAUTH_<PROFILE>_` for the others
   */
  prefix?: string;
  /** The largest file accepted. @default 1 MiB */
  maxBytes?: number;
}

/** One file's contents: its text, the entries found in it, and dotenv's reading of it. */
interface DotenvFile {
  readonly path: string;
  readonly contents: SecretFileText;
  readonly entries: readonly DotenvEntry[];
  readonly variables: Record<string, string>;
}

/** What a dotenv store works from, its options resolved once. */
interface DotenvSetup {
  readonly paths: readonly string[];
  readonly override: boolean;
  readonly prefix: string | undefined;
  readonly readOptions: ReadSecretFileOptions;
  readonly source: string;
  /** The file whose value wins, in which `save` writes. */
  readonly target: string;
  readonly checkHygiene: (file: string) => Promise<void>;
}

/**
 * A store over .env files, read with dotenv's parser; never touches `process.env`. Profiles follow
 * `envStore`'s rule: the default profile is the bare names (`CONSUMER_KEY`), profile `bot2` is
 * `TWAUTH_BOT2_CONSUMER_KEY` and so on. A load starts no process (the git-ignore check is
 * `twauth doctor`'s, or `checkGitIgnore: true`).
 *
 * `save` replaces the values of the profile's lines in place and adds new ones after them, keeping
 * comments and every other line; the file is written atomically with mode 0600, under a lock that
 * holds across processes. `update` takes that lock on the file `save` writes, re-reads every file
 * inside it, changes the profile and writes, as one step for every process.
 *
 * @example
 * const api = await getApiConnection({ store: dotenvStore({ path: ".env" }), profile: "bot2" });
 */
export function dotenvStore(options: DotenvStoreOptions = {}): UpdatableSecretStore {
  const setup = dotenvSetup(options);
  return {
    kind: "dotenv",
    source: setup.source,
    load: (loadOptions: SecretStoreLoadOptions = {}) => loadDotenv(setup, loadOptions),
    save: (values: Readonly<Record<string, string>>, saveOptions: SecretStoreSaveOptions = {}) =>
      saveDotenv(setup, values, saveOptions),
    update: (change: RecordChange, updateOptions: SecretStoreSaveOptions = {}) =>
      updateDotenv(setup, change, updateOptions),
  };
}

type RecordChange = Parameters<UpdatableSecretStore["update"]>[0];

function dotenvSetup(options: DotenvStoreOptions): DotenvSetup {
  const paths = options.paths ?? [options.path ?? ".env"];
  if (paths.length === 0) {
    throw new TwauthError("OPTIONS_INVALID", "dotenvStore: `paths` is empty; give at least one .env file.", {
      keys: ["paths"],
    });
  }
  const override = options.override ?? true;
  return {
    paths,
    override,
    prefix: normalizeEnvPrefix(options.prefix),
    readOptions: options.maxBytes === undefined ? {} : { maxBytes: options.maxBytes },
    source: paths.join(", "),
    target: override ? paths[paths.length - 1]! : paths[0]!,
    checkHygiene: createHygieneCheck({
      ...(options.onWarning === undefined ? {} : { onWarning: options.onWarning }),
      checkGitIgnore: options.checkGitIgnore === true,
    }),
  };
}

async function loadDotenv(setup: DotenvSetup, loadOptions: SecretStoreLoadOptions): Promise<SecretRecord> {
  throwIfAborted(loadOptions.signal, setup.source);
  const files = await readFiles(setup);
  await Promise.all(files.map((file) => setup.checkHygiene(file.path)));
  return recordOf(setup, files, loadOptions.profile ?? DEFAULT_PROFILE);
}

/** The profile's record from the files read (in `paths` order), with where each key was written. */
function recordOf(setup: DotenvSetup, files: readonly DotenvFile[], profile: string): SecretRecord {
  const variables = merge(setup, files);
  const entries = selectEnvProfile(variables, profileOptions(setup, profile));
  for (const file of files) rejectDuplicates(file, profile, new Set(entries.map((entry) => entry.name)));
  if (entries.length === 0) {
    const error = envProfileNotFoundError(setup.source, profile, variables, {
      prefix: setup.prefix,
      howToAdd: (namePrefix) => `add ${namePrefix}CONSUMER_KEY=… lines for it`,
    });
    if (error !== undefined) throw error;
  }
  const where = winningLocations(setup, files);
  const locations: Record<string, SecretKeyLocation> = {};
  for (const entry of entries) {
    const location = where.get(entry.name);
    if (location !== undefined) locations[entry.key] = location;
  }
  const record = Object.fromEntries(entries.map((entry) => [entry.key, entry.value]));
  return withKeyLocations(record, locations, unreadEnvKeys(variables, profileOptions(setup, profile)));
}

async function readFiles(setup: DotenvSetup): Promise<DotenvFile[]> {
  const files: DotenvFile[] = [];
  for (const path of setup.paths) {
    const contents =
      setup.paths.length === 1
        ? await readSecretFile(path, setup.readOptions)
        : await readSecretFileIfPresent(path, setup.readOptions);
    if (contents === undefined) continue;
    files.push(readDotenvFile(path, contents));
  }
  if (files.length === 0) throw noFileError(setup);
  return files;
}

function noFileError(setup: DotenvSetup): TwauthError {
  if (setup.paths.length === 1) return secretFileNotFoundError(setup.target);
  return new TwauthError(
    "STORE_NOT_FOUND",
    `None of ${setup.source} exists; create ${setup.target} or pass the path of your .env file.`,
    { source: setup.source },
  );
}

/** The files in the order their values are applied: the last one applied wins. */
function applyOrder(setup: DotenvSetup, files: readonly DotenvFile[]): readonly DotenvFile[] {
  return setup.override ? files : [...files].reverse();
}

function merge(setup: DotenvSetup, files: readonly DotenvFile[]): Record<string, string> {
  return Object.assign({}, ...applyOrder(setup, files).map((file) => file.variables));
}

/** Where each name's winning value is written: the file and line of its last entry there. */
function winningLocations(setup: DotenvSetup, files: readonly DotenvFile[]): Map<string, SecretKeyLocation> {
  const locations = new Map<string, SecretKeyLocation>();
  for (const file of applyOrder(setup, files)) {
    for (const entry of file.entries) {
      locations.set(entry.key, { file: file.path, line: entry.line, column: entry.column });
    }
  }
  return locations;
}

function profileOptions(setup: DotenvSetup, profile: string) {
  return { profile, ...(setup.prefix === undefined ? {} : { prefix: setup.prefix }) };
}

async function saveDotenv(
  setup: DotenvSetup,
  values: Readonly<Record<string, string>>,
  saveOptions: SecretStoreSaveOptions,
): Promise<void> {
  throwIfAborted(saveOptions.signal, setup.source);
  const profile = saveOptions.profile ?? DEFAULT_PROFILE;
  await updateSecretFile(
    setup.target,
    async (current) => editedTarget(setup, await filesInLock(setup, current), values, profile),
    setup.readOptions,
  );
}

async function updateDotenv(
  setup: DotenvSetup,
  change: RecordChange,
  updateOptions: SecretStoreSaveOptions,
): Promise<SecretRecord> {
  throwIfAborted(updateOptions.signal, setup.source);
  const profile = updateOptions.profile ?? DEFAULT_PROFILE;
  let after: SecretRecord | undefined;
  await updateSecretFile(
    setup.target,
    async (current) => {
      const files = await filesInLock(setup, current);
      if (current === undefined && files.length === 1) throw noFileError(setup);
      const before = recordOf(setup, files, profile);
      const values = await change(before);
      if (values === undefined) {
        after = before;
        return undefined;
      }
      const next = editedTarget(setup, files, values, profile);
      const written = readDotenvFile(setup.target, { text: next, bom: false, eol: "\n" });
      after = recordOf(
        setup,
        files.map((file) => (file.path === setup.target ? written : file)),
        profile,
      );
      return next;
    },
    setup.readOptions,
  );
  if (after === undefined) throw new Error("unreachable: the edit ran, or threw");
  return after;
}

/**
 * Every file, in `paths` order, read inside the lock of the target (whose text the lock gave), so
 * a save that just landed in any process is seen. The target is there even when it does not exist
 * yet (as an empty file: it adds no values); the others only when they exist.
 */
async function filesInLock(setup: DotenvSetup, current: SecretFileText | undefined): Promise<DotenvFile[]> {
  const files = await Promise.all(
    setup.paths.map(async (path) => {
      if (path === setup.target) {
        return readDotenvFile(path, current ?? { text: "", bom: false, eol: "\n" });
      }
      const contents = await readSecretFileIfPresent(path, setup.readOptions);
      return contents === undefined ? undefined : readDotenvFile(path, contents);
    }),
  );
  return files.filter((file) => file !== undefined);
}

/** The target's new text once `values` are merged into the profile as the files hold it now. */
function editedTarget(
  setup: DotenvSetup,
  files: readonly DotenvFile[],
  values: Readonly<Record<string, string>>,
  profile: string,
): string {
  const targetFile = files.find((file) => file.path === setup.target);
  if (targetFile === undefined) throw new Error("unreachable: filesInLock always holds the target");
  const existing = selectEnvProfile(merge(setup, files), profileOptions(setup, profile));
  return editDotenv(targetFile.contents.text, targetFile.entries, {
    assignments: assignmentsFor(setup, values, profile, existing),
    profileNames: new Set(existing.map((entry) => entry.name)),
  });
}

/** The full names to set and their values, written so dotenv reads them back unchanged. */
function assignmentsFor(
  setup: DotenvSetup,
  values: Readonly<Record<string, string>>,
  profile: string,
  existing: readonly { readonly key: string }[],
): Map<string, string> {
  const { source } = setup;
  const namePrefix = envProfileNamePrefix(profile, setup.prefix);
  const plan = planKeyUpdates(
    values,
    existing.map((entry) => entry.key),
    { source, profile, defaultCase: "upper" },
  );
  const assignments = new Map<string, string>();
  for (const [key, value] of [...plan.updates, ...plan.additions.map((a) => [a.key, a.value] as const)]) {
    const name = `${namePrefix}${key}`;
    if (!/^[\w.-]+$/.test(name)) {
      throw new TwauthError(
        "OPTIONS_INVALID",
        `${source}: ${name} is not a name dotenv can read (use letters, digits, "_", "." or "-").`,
        { source, profile, keys: [key] },
      );
    }
    assignments.set(name, formatDotenvValue(value, name, source));
  }
  return assignments;
}

function readDotenvFile(path: string, contents: SecretFileText): DotenvFile {
  const entries = scanDotenv(contents.text, path);
  return { path, contents, entries, variables: parse(contents.text) };
}

/** A credential of the profile set twice in one file is an error naming both lines. */
function rejectDuplicates(file: DotenvFile, profile: string, profileNames: ReadonlySet<string>): void {
  const firstSeen = new Map<string, DotenvEntry>();
  for (const entry of file.entries) {
    if (!profileNames.has(entry.key)) continue;
    const first = firstSeen.get(entry.key);
    if (first !== undefined) throw duplicateKeyError(file.path, profile, entry.key, first, entry);
    firstSeen.set(entry.key, entry);
  }
}
