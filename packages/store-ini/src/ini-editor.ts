import type { IniEntry, IniScan } from "./ini-scanner.js";

export interface IniEdit {
  readonly profile: string;
  /** Keys of the profile to set, with their already formatted values. */
  readonly assignments: ReadonlyMap<string, string>;
}

interface Change {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/**
 * Sets keys of one profile in an ini text without touching anything else: an existing key has its
 * value replaced in place (spacing kept; a trailing comment moves to its own line above when the new
 * value needs quotes, since ini would read the quotes as text otherwise); a new key goes after the
 * profile's last key, written like that key (`key = value` by default); a new profile becomes a
 * `[profile]` section at the end.
 */
export function editIni(text: string, scan: IniScan, edit: IniEdit): string {
  const changes: Change[] = [];
  const profileEntries = scan.entries.filter((entry) => entry.profile === edit.profile);
  const added: string[] = [];
  const model = profileEntries[profileEntries.length - 1];
  const separator = model === undefined ? " = " : text.slice(model.keyEnd, model.valueStart) || "=";
  for (const [key, value] of edit.assignments) {
    const matches = profileEntries.filter((entry) => entry.key === key);
    if (matches.length === 0) {
      added.push(value === "" ? `${key}${separator.trimEnd()}` : `${key}${separator}${value}`);
      continue;
    }
    for (const entry of matches) changes.push(...replaceValue(text, entry, value));
  }
  if (added.length > 0) changes.push(insertion(text, scan, edit.profile, profileEntries, added));
  let result = text;
  for (const change of changes.sort((a, b) => b.start - a.start)) {
    result = result.slice(0, change.start) + change.text + result.slice(change.end);
  }
  return result;
}

function replaceValue(text: string, entry: IniEntry, value: string): Change[] {
  const trailing = text.slice(entry.valueEnd, entry.lineEnd);
  if (!value.startsWith('"') || trailing.trim().length === 0) {
    return [{ start: entry.valueStart, end: entry.valueEnd, text: value }];
  }
  const indent = text.slice(entry.lineStart, entry.lineEnd).match(/^\s*/)?.[0] ?? "";
  return [
    { start: entry.valueStart, end: entry.lineEnd, text: value },
    { start: entry.lineStart, end: entry.lineStart, text: `${indent}${trailing.trim()}\n` },
  ];
}

function insertion(
  text: string,
  scan: IniScan,
  profile: string,
  profileEntries: readonly IniEntry[],
  added: readonly string[],
): Change {
  const last = profileEntries[profileEntries.length - 1];
  if (last !== undefined) return { start: last.lineEnd, end: last.lineEnd, text: `\n${added.join("\n")}` };
  const headers = scan.sections.filter((section) => section.name === profile);
  const header = headers[headers.length - 1];
  if (header !== undefined) return { start: header.end, end: header.end, text: `\n${added.join("\n")}` };
  // A new profile, the default one included, is a section of its own, as in ~/.aws/credentials.
  const block = `[${profile}]\n${added.join("\n")}\n`;
  if (text.length === 0) return { start: 0, end: 0, text: block };
  const separator = text.endsWith("\n\n") ? "" : text.endsWith("\n") ? "\n" : "\n\n";
  return { start: text.length, end: text.length, text: `${separator}${block}` };
}
