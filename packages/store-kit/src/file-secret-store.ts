import type {
  FileStoreHygieneOptions,
  SecretRecord,
  SecretStoreLoadOptions,
  SecretStoreSaveOptions,
  UpdatableSecretStore,
} from "@twauth/core";
import { DEFAULT_PROFILE, TwauthError } from "@twauth/core";
import { throwIfAborted } from "./abort.js";
import { createHygieneCheck } from "./file-hygiene.js";
import type { ReadSecretFileOptions } from "./read-secret-file.js";
import { readSecretFile, secretFileNotFoundError } from "./read-secret-file.js";
import { updateSecretFile } from "./update-secret-file.js";

/**
 * What names a file in messages: the path, and the store's `source` (the path, maybe with more).
 *
 * @example
 * { file: "twitter.yaml", source: "twitter.yaml (twitter.accounts)" }
 */
export interface FileStoreContext {
  readonly file: string;
  readonly source: string;
}

/**
 * The part of a one-file store that knows its format; everything else is `fileSecretStore`'s.
 *
 * @example
 * const jsonFormat: FileStoreFormat = {
 *   kind: "json",
 *   readProfile: (text, profile) => JSON.parse(text)[profile] ?? {},
 *   writeProfile: (text, values, profile) => {
 *     const all = text === "" ? {} : JSON.parse(text);
 *     return `${JSON.stringify({ ...all, [profile]: { ...all[profile], ...values } }, null, 2)}\n`;
 *   },
 * };
 */
export interface FileStoreFormat {
  /** The store's `kind`, e.g. `"ini"`. */
  readonly kind: string;
  /** One profile's record from the file's text (LF line ends, no byte order mark). */
  readProfile(text: string, profile: string, context: FileStoreContext): SecretRecord;
  /** The file's new text once `values` are merged into `profile`; `text` is `""` for a new file. */
  writeProfile(
    text: string,
    values: Readonly<Record<string, string>>,
    profile: string,
    context: FileStoreContext,
  ): string;
}

/**
 * The options every one-file store accepts: the file, its size bound and where warnings go.
 *
 * @example
 * const options: FileSecretStoreOptions = { path: "credentials.ini", maxBytes: 64 * 1024 };
 */
export interface FileSecretStoreOptions extends FileStoreHygieneOptions {
  /** The file; relative to the process's working directory. Required (`OPTIONS_INVALID` without it). */
  path: string;
  /** The largest file accepted. @default 1 MiB */
  maxBytes?: number;
}

/**
 * An updatable store over one file: a bounded read, hygiene warnings once per file (no process
 * started unless `checkGitIgnore`), and saves under a cross-process lock, written atomically with
 * mode 0600. `update` holds that lock from its read to the rename, so it is one step for every
 * process. The format only parses and edits text.
 * `source` names the store in messages and defaults to the path.
 *
 * @example
 * export function jsonStore(options: FileSecretStoreOptions): UpdatableSecretStore {
 *   return fileSecretStore(jsonFormat, options);
 * }
 */
export function fileSecretStore(
  format: FileStoreFormat,
  options: FileSecretStoreOptions,
  source: string = options?.path,
): UpdatableSecretStore {
  if (typeof options?.path !== "string" || options.path.length === 0) {
    throw new TwauthError(
      "OPTIONS_INVALID",
      `${format.kind}Store: \`path\` is required: the ${format.kind} file to read.`,
      { keys: ["path"] },
    );
  }
  const context: FileStoreContext = { file: options.path, source };
  const readOptions = options.maxBytes === undefined ? {} : { maxBytes: options.maxBytes };
  const checkHygiene = createHygieneCheck({
    ...(options.onWarning === undefined ? {} : { onWarning: options.onWarning }),
    checkGitIgnore: options.checkGitIgnore === true,
  });
  return {
    kind: format.kind,
    source,
    async load(loadOptions: SecretStoreLoadOptions = {}): Promise<SecretRecord> {
      throwIfAborted(loadOptions.signal, source);
      const { text } = await readSecretFile(context.file, readOptions);
      await checkHygiene(context.file);
      return format.readProfile(text, loadOptions.profile ?? DEFAULT_PROFILE, context);
    },
    async save(
      values: Readonly<Record<string, string>>,
      saveOptions: SecretStoreSaveOptions = {},
    ): Promise<void> {
      throwIfAborted(saveOptions.signal, source);
      const profile = saveOptions.profile ?? DEFAULT_PROFILE;
      await updateSecretFile(
        context.file,
        (current) => format.writeProfile(current?.text ?? "", values, profile, context),
        readOptions,
      );
    },
    async update(change, updateOptions: SecretStoreSaveOptions = {}): Promise<SecretRecord> {
      throwIfAborted(updateOptions.signal, source);
      return updateProfile(format, context, readOptions, change, updateOptions.profile ?? DEFAULT_PROFILE);
    },
  };
}

type RecordChange = Parameters<UpdatableSecretStore["update"]>[0];

/**
 * One read-modify-write under the file's lock: the profile as `load` reads it, `change`, and the
 * record as the next `load` will read it (parsed from the text written, so the two agree).
 */
async function updateProfile(
  format: FileStoreFormat,
  context: FileStoreContext,
  readOptions: ReadSecretFileOptions,
  change: RecordChange,
  profile: string,
): Promise<SecretRecord> {
  let after: SecretRecord | undefined;
  await updateSecretFile(
    context.file,
    async (current) => {
      if (current === undefined) throw secretFileNotFoundError(context.file);
      const before = format.readProfile(current.text, profile, context);
      const values = await change(before);
      if (values === undefined) {
        after = before;
        return undefined;
      }
      const next = format.writeProfile(current.text, values, profile, context);
      after = format.readProfile(next, profile, context);
      return next;
    },
    readOptions,
  );
  if (after === undefined) throw new Error("unreachable: the edit ran, or threw");
  return after;
}
