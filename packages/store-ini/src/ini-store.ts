import type { SecretKeyLocation, SecretRecord, UpdatableSecretStore } from "@twauth/core";
import { canonicalCredentialField, TwauthError, withKeyLocations } from "@twauth/core";
import type { FileSecretStoreOptions, FileStoreContext, FileStoreFormat } from "@twauth/store-kit";
import {
  describePosition,
  duplicateKeyError,
  fileSecretStore,
  planKeyUpdates,
  profileNotFoundError,
} from "@twauth/store-kit";
import { editIni } from "./ini-editor.js";
import type { IniEntry, IniScan } from "./ini-scanner.js";
import { isQuoted, scanIni } from "./ini-scanner.js";
import { checkIniName, formatIniValue } from "./ini-value.js";

/**
 * `iniStore`'s options: the file, its size bound and where warnings go.
 *
 * @example
 * iniStore({ path: "/home/bot/.config/twauth/credentials.ini", maxBytes: 64 * 1024 });
 */
export interface IniStoreOptions extends FileSecretStoreOptions {
  /**
   * The ini file, e.g. `credentials.ini`; relative to the process's working directory (no `~`
   * expansion: pass a full path). Required.
   */
  path: string;
}

/**
 * A store over an ini file whose sections are profiles, like the AWS CLI's credentials file:
 * `[default]` (or keys before any section) and `[bot2]`. Read with the `ini` package's decoding.
 *
 * `save` edits the profile's section in place (adding it at the end when missing), keeping
 * comments and the other sections; the file is written atomically with mode 0600. `update`
 * re-reads the section, changes it and writes it under the file's cross-process lock, as one step.
 *
 * @example
 * const api = await getApiConnection({ store: iniStore({ path: "credentials.ini" }), profile: "bot2" });
 */
export function iniStore(options: IniStoreOptions): UpdatableSecretStore {
  return fileSecretStore(iniFormat, options);
}

const iniFormat: FileStoreFormat = {
  kind: "ini",
  readProfile(text: string, profile: string, { file }: FileStoreContext): SecretRecord {
    const scan = scanIni(text, file);
    const entries = scan.entries.filter((entry) => entry.profile === profile);
    const hasSection = scan.sections.some((section) => section.name === profile);
    if (entries.length === 0 && !hasSection) {
      throw profileNotFoundError(file, profile, profilesOf(scan), `add a [${profile}] section`);
    }
    return recordOf(file, profile, entries);
  },
  writeProfile(text, values, profile, { file }): string {
    checkIniName(profile, "section", file);
    const scan = scanIni(text, file);
    const existing = scan.entries.filter((entry) => entry.profile === profile).map((entry) => entry.key);
    const plan = planKeyUpdates(values, existing, { source: file, profile, defaultCase: "lower" });
    const assignments = new Map<string, string>();
    for (const [key, value] of [...plan.updates, ...plan.additions.map((a) => [a.key, a.value] as const)]) {
      checkIniName(key, "key", file);
      assignments.set(key, formatIniValue(value, key, file));
    }
    return editIni(text, scan, { profile, assignments });
  },
};

function profilesOf(scan: IniScan): string[] {
  const names = new Set<string>();
  for (const entry of scan.entries) names.add(entry.profile);
  for (const section of scan.sections) names.add(section.name);
  return [...names];
}

/**
 * The profile's string values. A key set twice is an error naming both lines; a credential that
 * ini reads as a list, a boolean, null or still-quoted text is an error naming its line.
 */
function recordOf(file: string, profile: string, entries: readonly IniEntry[]): SecretRecord {
  const record: Record<string, string> = {};
  const locations: Record<string, SecretKeyLocation> = {};
  const firstSeen = new Map<string, IniEntry>();
  for (const entry of entries) {
    const first = firstSeen.get(entry.key);
    if (first !== undefined) throw duplicateKeyError(file, profile, entry.key, first, entry);
    firstSeen.set(entry.key, entry);
    const isCredential = canonicalCredentialField(entry.key) !== undefined;
    const problem = valueProblem(entry);
    if (problem !== undefined) {
      if (!isCredential) continue;
      throw new TwauthError(
        "CREDENTIALS_INVALID",
        `${describePosition(file, entry)}: ${entry.key} in profile "${profile}" ${problem}.`,
        { source: file, file, line: entry.line, column: entry.column, profile, keys: [entry.key] },
      );
    }
    record[entry.key] = entry.value as string;
    locations[entry.key] = { file, line: entry.line, column: entry.column };
  }
  return withKeyLocations(record, locations);
}

function valueProblem(entry: IniEntry): string | undefined {
  if (entry.isList) return `is written as a list (${entry.key}[]); write it as ${entry.key} = value`;
  if (entry.value === null) return "is null to ini, not text; put the real value, or remove the line";
  if (typeof entry.value === "boolean")
    return `is the word ${entry.value}, which ini reads as a boolean, not text`;
  // Quotes ini left because text followed the closing one (a comment); quotes inside a quoted
  // value (`"\"abc\""`) are the value's own and read back exactly as saved.
  if (!entry.rawQuoted && isQuoted(entry.value) && entry.value.length > 1) {
    return "still has quotes around it after ini read it (a comment after a quoted value keeps the quotes); move the comment to its own line";
  }
  return undefined;
}
