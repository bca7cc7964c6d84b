import type {
  FileStoreHygieneOptions,
  SecretRecord,
  SecretStoreLoadOptions,
  SecretStoreSaveOptions,
  WritableSecretStore,
} from "@twauth/core";
import { DEFAULT_PROFILE, TwauthError } from "@twauth/core";
import {
  envProfileNamePrefix,
  listEnvProfiles,
  normalizeEnvPrefix,
  selectEnvProfile,
} from "@twauth/store-env";
import type { SecretFileText } from "@twauth/store-file-kit";
import {
  createHygieneCheck,
  duplicateKeyError,
  planKeyUpdates,
  profileNotFoundError,
  readSecretFile,
  readSecretFileIfPresent,
  throwIfAborted,
  updateSecretFile,
} from "@twauth/store-file-kit";
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

/**
 * A store over .env files, read with dotenv's parser; never touches `process.env`. Profiles follow
 * `envStore`'s rule: the default profile is the bare names (`CONSUMER_KEY`), profile `bot2` is
 * `TWAUTH_BOT2_CONSUMER_KEY` and so on.
 *
 * `save` replaces the values of the profile's lines in place and adds new ones after them, keeping
 * comments and every other line; the file is written atomically with mode 0600.
 *
 * @example
 * const api = await getApiConnection({ store: dotenvStore({ path: ".env" }), profile: "bot2" });
 */
export function dotenvStore(options: DotenvStoreOptions = {}): WritableSecretStore {
  const paths = options.paths ?? [options.path ?? ".env"];
  if (paths.length === 0) {
    throw new TwauthError("OPTIONS_INVALID", "dotenvStore: `paths` is empty; give at least one .env file.", {
      keys: ["paths"],
    });
  }
  const override = options.override ?? true;
  const prefix = normalizeEnvPrefix(options.prefix);
  const readOptions = options.maxBytes === undefined ? {} : { maxBytes: options.maxBytes };
  const source = paths.join(", ");
  const checkHygiene = createHygieneCheck(
    options.onWarning === undefined ? {} : { onWarning: options.onWarning },
  );
  // The file whose value wins, in which `save` writes.
  const target = override ? paths[paths.length - 1]! : paths[0]!;

  async function readFiles(): Promise<DotenvFile[]> {
    const files: DotenvFile[] = [];
    for (const path of paths) {
      const contents =
        paths.length === 1
          ? await readSecretFile(path, readOptions)
          : await readSecretFileIfPresent(path, readOptions);
      if (contents === undefined) continue;
      files.push(readDotenvFile(path, contents));
    }
    if (files.length === 0) {
      throw new TwauthError(
        "STORE_NOT_FOUND",
        `None of ${source} exists; create ${target} or pass the path of your .env file.`,
        { source },
      );
    }
    return files;
  }

  function merge(files: readonly DotenvFile[]): Record<string, string> {
    const ordered = override ? files : [...files].reverse();
    return Object.assign({}, ...ordered.map((file) => file.variables));
  }

  function profileOptions(profile: string) {
    return { profile, ...(prefix === undefined ? {} : { prefix }) };
  }

  return {
    kind: "dotenv",
    source,
    async load(loadOptions: SecretStoreLoadOptions = {}): Promise<SecretRecord> {
      throwIfAborted(loadOptions.signal, source);
      const profile = loadOptions.profile ?? DEFAULT_PROFILE;
      const files = await readFiles();
      await Promise.all(files.map((file) => checkHygiene(file.path)));
      const variables = merge(files);
      const entries = selectEnvProfile(variables, profileOptions(profile));
      for (const file of files) rejectDuplicates(file, profile, new Set(entries.map((entry) => entry.name)));
      if (entries.length === 0) {
        const existing = listEnvProfiles(variables, prefix);
        if (profile !== DEFAULT_PROFILE || existing.length > 0) {
          const namePrefix = envProfileNamePrefix(profile, prefix);
          throw profileNotFoundError(
            source,
            profile,
            existing,
            `add ${namePrefix}CONSUMER_KEY=… lines for it`,
          );
        }
      }
      return Object.fromEntries(entries.map((entry) => [entry.key, entry.value]));
    },

    async save(
      values: Readonly<Record<string, string>>,
      saveOptions: SecretStoreSaveOptions = {},
    ): Promise<void> {
      throwIfAborted(saveOptions.signal, source);
      const profile = saveOptions.profile ?? DEFAULT_PROFILE;
      const namePrefix = envProfileNamePrefix(profile, prefix);
      await updateSecretFile(
        target,
        async (current) => {
          // Read inside the lock, so a save that just landed is seen by this one.
          const others = await Promise.all(
            paths
              .filter((path) => path !== target)
              .map(async (path) => {
                const contents = await readSecretFileIfPresent(path, readOptions);
                return contents === undefined ? undefined : readDotenvFile(path, contents);
              }),
          );
          const targetFile = readDotenvFile(target, current ?? { text: "", bom: false, eol: "\n" });
          const files = [...others.filter((file) => file !== undefined), targetFile];
          const existing = selectEnvProfile(merge(files), profileOptions(profile));
          const plan = planKeyUpdates(
            values,
            existing.map((entry) => entry.key),
            { source, profile, defaultCase: "upper" },
          );
          const assignments = new Map<string, string>();
          for (const [key, value] of [
            ...plan.updates,
            ...plan.additions.map((a) => [a.key, a.value] as const),
          ]) {
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
          return editDotenv(targetFile.contents.text, targetFile.entries, {
            assignments,
            profileNames: new Set(existing.map((entry) => entry.name)),
          });
        },
        readOptions,
      );
    },
  };
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
