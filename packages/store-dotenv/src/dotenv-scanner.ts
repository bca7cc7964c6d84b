import { fileSyntaxError } from "@twauth/store-kit";

/** Where one `KEY=value` entry sits in a .env text (LF line ends), for error lines and edits. */
export interface DotenvEntry {
  readonly key: string;
  readonly line: number;
  readonly column: number;
  /** The raw value, quotes included: `[valueStart, valueEnd)`; empty for `KEY=`. */
  readonly valueStart: number;
  readonly valueEnd: number;
  /** Where the entry's last line ends (the offset of its `\n`, or the text's length). */
  readonly end: number;
}

const entryStart = /^([ \t]*)(export[ \t]+)?([\w.-]+)[ \t]*(?:=|:(?=[ \t]))/;
const quotes = new Set(["'", '"', "`"]);
const quoteNames: Record<string, string> = { "'": "single", '"': "double", "`": "back" };

/**
 * Finds every entry of a .env text the way dotenv's parser reads it (keys of letters, digits,
 * `_`, `.` and `-`; an optional `export`; `=` or `: `; quoted values that may span lines, with the
 * same closing-quote rule; `#` comments), and rejects what dotenv would silently skip or misread:
 * a line that is not `KEY=value`, and a quote that is never closed. Values come from dotenv itself.
 */
export function scanDotenv(text: string, file: string): DotenvEntry[] {
  const entries: DotenvEntry[] = [];
  let offset = 0;
  let line = 1;
  while (offset <= text.length) {
    const lineEnd = endOfLine(text, offset);
    const lineText = text.slice(offset, lineEnd);
    if (/^\s*(#|$)/.test(lineText)) {
      offset = lineEnd + 1;
      line += 1;
      continue;
    }
    const entry = scanEntry(text, { file, offset, line, lineEnd });
    entries.push(entry);
    line += countNewlines(text, offset, entry.end) + 1;
    offset = entry.end + 1;
  }
  return entries;
}

/** Where a line starts, for `scanEntry`. */
interface LineStart {
  readonly file: string;
  readonly offset: number;
  readonly line: number;
  readonly lineEnd: number;
}

/** The entry that starts on this line (its value may run over several lines when quoted). */
function scanEntry(text: string, { file, offset, line, lineEnd }: LineStart): DotenvEntry {
  const lineText = text.slice(offset, lineEnd);
  const match = entryStart.exec(lineText);
  if (match === null) {
    const column = lineText.search(/\S/) + 1;
    const problem = lineText.includes("=")
      ? 'expected a key name (letters, digits, "_", "." or "-") before "="'
      : "expected KEY=value";
    throw fileSyntaxError(file, { line, column }, `${problem}; fix the line or comment it out with "#".`);
  }
  const key = match[3]!;
  const column = match[1]!.length + (match[2]?.length ?? 0) + 1;
  let valueStart = offset + match[0].length;
  while (text[valueStart] === " " || text[valueStart] === "\t") valueStart += 1;
  const first = text[valueStart] ?? "";
  if (!quotes.has(first)) {
    const comment = text.indexOf("#", valueStart);
    let valueEnd = comment !== -1 && comment < lineEnd ? comment : lineEnd;
    while (valueEnd > valueStart && /\s/.test(text[valueEnd - 1]!)) valueEnd -= 1;
    return { key, line, column, valueStart, valueEnd, end: lineEnd };
  }
  const closer = closingQuote(text, valueStart, first);
  if (closer === undefined) {
    throw fileSyntaxError(
      file,
      { line, column: valueStart - offset + 1 },
      `the ${quoteNames[first]}-quoted value of ${key} is not closed, or text follows its closing quote; close the quote at the end of the value.`,
      { keys: [key] },
    );
  }
  return { key, line, column, valueStart, valueEnd: closer + 1, end: endOfLine(text, closer) };
}

/**
 * dotenv's rule: a quoted value may contain its quote only escaped (`\"`), and ends at the last
 * quote, up to the first unescaped one, that is followed on its line only by spaces or a comment.
 */
function closingQuote(text: string, open: number, quote: string): number | undefined {
  const candidates: number[] = [];
  for (let index = text.indexOf(quote, open + 1); index !== -1; index = text.indexOf(quote, index + 1)) {
    candidates.push(index);
    if (text[index - 1] !== "\\") break;
  }
  for (let index = candidates.length - 1; index >= 0; index -= 1) {
    const candidate = candidates[index]!;
    const rest = text.slice(candidate + 1, endOfLine(text, candidate + 1));
    if (/^[ \t]*(#.*)?$/.test(rest)) return candidate;
  }
  return undefined;
}

function endOfLine(text: string, offset: number): number {
  const index = text.indexOf("\n", offset);
  return index === -1 ? text.length : index;
}

function countNewlines(text: string, from: number, to: number): number {
  let count = 0;
  for (
    let index = text.indexOf("\n", from);
    index !== -1 && index < to;
    index = text.indexOf("\n", index + 1)
  ) {
    count += 1;
  }
  return count;
}
