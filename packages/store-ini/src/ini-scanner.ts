import { DEFAULT_PROFILE } from "@twauth/core";
import { fileSyntaxError } from "@twauth/store-kit";
import { unsafe } from "ini";

/** A `[name]` line. */
export interface IniSection {
  readonly name: string;
  readonly line: number;
  /** Offset where the header line ends. */
  readonly end: number;
}

/** A `key = value` line, with the profile it belongs to and where its parts are. */
export interface IniEntry {
  /** The key as ini decodes it (quotes and escapes resolved, `[]` removed). */
  readonly key: string;
  /** The section it is in; keys before any section belong to the default profile. */
  readonly profile: string;
  /** The section's name, or `undefined` for keys before the first section. */
  readonly section: string | undefined;
  /** `key[] = value`: ini reads these as a list. */
  readonly isList: boolean;
  readonly line: number;
  readonly column: number;
  readonly lineStart: number;
  readonly lineEnd: number;
  /** Where the key text ends (before the spaces ahead of `=`). */
  readonly keyEnd: number;
  /** The raw value without a trailing comment: `[valueStart, valueEnd)`. */
  readonly valueStart: number;
  readonly valueEnd: number;
  /** ini's reading of the value: text, or `true`/`false`/`null` for those words. */
  readonly value: string | boolean | null;
  /** The raw value is one quoted string (`"…"` or `'…'`), so ini removed those quotes itself. */
  readonly rawQuoted: boolean;
}

export interface IniScan {
  readonly sections: readonly IniSection[];
  readonly entries: readonly IniEntry[];
}

const sectionLine = /^\[([^\]]*)\]\s*$/;

/**
 * Reads an ini text line by line as the `ini` package does (names and values decoded with its own
 * `unsafe`), keeping where every section and key is, and rejects what ini would silently misread:
 * a line without `=` (ini makes it `key = true`), an indented or unclosed `[section`, a line
 * starting with `=`.
 */
export function scanIni(text: string, file: string): IniScan {
  const sections: IniSection[] = [];
  const entries: IniEntry[] = [];
  let section: string | undefined;
  let lineStart = 0;
  let line = 0;
  while (lineStart <= text.length) {
    line += 1;
    const newline = text.indexOf("\n", lineStart);
    const lineEnd = newline === -1 ? text.length : newline;
    const here: IniLine = { file, text: text.slice(lineStart, lineEnd), line, lineStart, lineEnd };
    const column = here.text.search(/\S/) + 1;
    if (column !== 0 && !/^\s*[;#]/.test(here.text)) {
      if (here.text.trimStart().startsWith("[")) {
        section = sectionName(here, column);
        sections.push({ name: section, line, end: lineEnd });
      } else {
        entries.push(iniEntry(here, column, section));
      }
    }
    lineStart = lineEnd + 1;
  }
  return { sections, entries };
}

/** One line of the text being scanned. */
interface IniLine {
  readonly file: string;
  readonly text: string;
  readonly line: number;
  readonly lineStart: number;
  readonly lineEnd: number;
}

function sectionName(here: IniLine, column: number): string {
  const match = sectionLine.exec(here.text);
  if (match === null) {
    const problem =
      column > 1
        ? "a [section] header must start at the beginning of the line"
        : here.text.includes("]")
          ? "unexpected text after the ] of a [section] header"
          : "the [section] header is not closed with ]";
    throw fileSyntaxError(here.file, { line: here.line, column }, `${problem}.`);
  }
  return unsafe(match[1]!);
}

function iniEntry(here: IniLine, column: number, section: string | undefined): IniEntry {
  const { file, text: lineText, line, lineStart, lineEnd } = here;
  const equals = lineText.indexOf("=");
  if (equals === -1 || lineText.slice(0, equals).trim().length === 0) {
    const problem = equals === -1 ? "expected key = value" : 'expected a key name before "="';
    throw fileSyntaxError(file, { line, column }, `${problem}; fix the line or comment it out with ";".`);
  }
  const rawKey = unsafe(lineText.slice(0, equals));
  const isList = rawKey.length > 2 && rawKey.endsWith("[]");
  const key = isList ? rawKey.slice(0, -2) : rawKey;
  if (key.length === 0) {
    throw fileSyntaxError(file, { line, column }, 'expected a key name before "="; fix the line.');
  }
  const rawValue = lineText.slice(equals + 1);
  const leading = rawValue.length - rawValue.trimStart().length;
  const decoded = unsafe(rawValue);
  const value = decoded === "true" ? true : decoded === "false" ? false : decoded === "null" ? null : decoded;
  return {
    key,
    profile: section ?? DEFAULT_PROFILE,
    section,
    isList,
    line,
    column,
    lineStart,
    lineEnd,
    keyEnd: lineStart + lineText.slice(0, equals).trimEnd().length,
    valueStart: lineStart + equals + 1 + leading,
    valueEnd: lineStart + equals + 1 + valueLength(rawValue),
    value,
    rawQuoted: isQuoted(rawValue.trim()) && rawValue.trim().length > 1,
  };
}

/** How far the value reaches in `rawValue` (the text after `=`): a quoted value whole, else up to `;` or `#`. */
function valueLength(rawValue: string): number {
  const trimmed = rawValue.trim();
  const leading = rawValue.length - rawValue.trimStart().length;
  if (isQuoted(trimmed)) return leading + trimmed.length;
  let escaped = false;
  for (let index = leading; index < rawValue.length; index += 1) {
    const char = rawValue[index]!;
    if (escaped) escaped = false;
    else if (char === "\\") escaped = true;
    else if (char === ";" || char === "#") return rawValue.slice(0, index).trimEnd().length;
  }
  return rawValue.trimEnd().length;
}

export function isQuoted(value: string): boolean {
  return (value.startsWith('"') && value.endsWith('"')) || (value.startsWith("'") && value.endsWith("'"));
}
