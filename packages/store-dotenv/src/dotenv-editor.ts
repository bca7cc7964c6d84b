import type { DotenvEntry } from "./dotenv-scanner.js";

export interface DotenvEdit {
  /** Full variable names to set, with their already formatted (quoted if need be) values. */
  readonly assignments: ReadonlyMap<string, string>;
  /** The names of the profile's entries: new names go after the last of them, else at the end. */
  readonly profileNames: ReadonlySet<string>;
}

/**
 * Sets variables in a .env text without touching anything else: an existing entry has its value
 * replaced in place (its `export`, spacing and trailing comment kept; every copy of a duplicated
 * name is updated), a new one is added as `NAME=value` after its profile's last entry.
 */
export function editDotenv(text: string, entries: readonly DotenvEntry[], edit: DotenvEdit): string {
  const replacements: { start: number; end: number; text: string; insertion?: true }[] = [];
  const added: string[] = [];
  for (const [name, value] of edit.assignments) {
    const matches = entries.filter((entry) => entry.key === name);
    if (matches.length === 0) {
      added.push(`${name}=${value}`);
      continue;
    }
    for (const entry of matches) {
      const spacer = value.length > 0 && text[entry.valueEnd] === "#" ? " " : "";
      replacements.push({ start: entry.valueStart, end: entry.valueEnd, text: value + spacer });
    }
  }
  let insertAt = text.length;
  const group = entries.filter((entry) => edit.profileNames.has(entry.key));
  if (group.length > 0) insertAt = group[group.length - 1]!.end;
  if (added.length > 0) {
    const atEnd = insertAt === text.length;
    const before = atEnd && text.length > 0 && !text.endsWith("\n") ? "\n" : "";
    const block = atEnd ? `${before}${added.join("\n")}\n` : `\n${added.join("\n")}`;
    replacements.push({ start: insertAt, end: insertAt, text: block, insertion: true });
  }
  let result = text;
  // From the end backwards, so earlier offsets stay valid; at one offset the added lines go in
  // first, so a value replaced at that same offset lands before them.
  replacements.sort((a, b) => b.start - a.start || (a.insertion ? -1 : b.insertion ? 1 : 0));
  for (const replacement of replacements) {
    result = result.slice(0, replacement.start) + replacement.text + result.slice(replacement.end);
  }
  return result;
}
