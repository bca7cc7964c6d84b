import { TwauthError } from "@twauth/core";
import type { ErrorCode, YAMLError } from "yaml";
import { parseDocument } from "yaml";

// An anchor/alias bomb in a config file must fail fast, not expand into gigabytes.
const maxAliasCount = 100;
const maxProblems = 5;

// The parser's own messages quote the file ("Block scalar header includes extra characters: |CS…"),
// and a config file may hold a secret by mistake: each problem is said in our words, by its code.
const reasons: Readonly<Record<ErrorCode, string>> = {
  ALIAS_PROPS: "an alias (*name) cannot carry a tag or an anchor",
  BAD_ALIAS: "an alias (*name) that is malformed",
  BAD_DIRECTIVE: "a % directive that is not valid YAML",
  BAD_DQ_ESCAPE: "a backslash escape in a double-quoted string that YAML does not know",
  BAD_INDENT: "indentation that does not line up with the lines above",
  BAD_PROP_ORDER: "an anchor (&) or tag (!) in the wrong place",
  BAD_SCALAR_START: "a value that starts with a character YAML reserves (quote the value)",
  BLOCK_AS_IMPLICIT_KEY: "a block value where a key was expected",
  BLOCK_IN_FLOW: "a block value inside { } or [ ]",
  DUPLICATE_KEY: "a key given twice in the same map (keep one)",
  IMPOSSIBLE: "text the YAML parser cannot read",
  KEY_OVER_1024_CHARS: "a key longer than 1024 characters",
  MISSING_CHAR: "a closing quote, bracket or brace is missing",
  MULTILINE_IMPLICIT_KEY: "a key that runs over more than one line (a missing colon or quote above?)",
  MULTIPLE_ANCHORS: "two anchors (&) on one value",
  MULTIPLE_DOCS: "more than one YAML document (a --- line); a config is one document",
  MULTIPLE_TAGS: "two tags (!) on one value",
  NON_STRING_KEY: "a key that is not a string",
  RESOURCE_EXHAUSTION: "more nesting or expansion than a config file needs",
  TAB_AS_INDENT: "a tab used for indentation (YAML indents with spaces)",
  TAG_RESOLVE_FAILED: "a tag (!) YAML does not know",
  UNEXPECTED_TOKEN:
    "a character that does not belong there (an unquoted value with a colon, or a stray bracket?)",
  BAD_COLLECTION_TYPE: "a list where a map was expected, or a map where a list was expected",
};

/**
 * Parses a YAML, JSON or extension-less rc config file with the `yaml` package: JSON is read as
 * YAML 1.2 (a subset for config purposes), so every data format reports errors with line:column the
 * same way. Each problem is named by the parser's error code in our words, never with the file's text.
 *
 * @example
 * const config = parseDataFile("/app/twauth.config.yaml", "store: { type: env }\n");
 */
export function parseDataFile(filepath: string, content: string): unknown {
  const document = parseDocument(content, { uniqueKeys: true });
  const first = document.errors[0];
  if (first !== undefined) {
    const problems = problemLines(filepath, document.errors);
    const position = first.linePos?.[0];
    throw new TwauthError("CONFIG_INVALID", `Cannot parse the twauth config:\n  ${problems.join("\n  ")}`, {
      file: filepath,
      ...(position === undefined ? {} : { line: position.line, column: position.col }),
    });
  }
  try {
    return document.toJS({ maxAliasCount });
  } catch (error) {
    throw new TwauthError("CONFIG_INVALID", expansionProblem(filepath, error), { file: filepath });
  }
}

function where(filepath: string, error: YAMLError): string {
  const position = error.linePos?.[0];
  return position === undefined ? filepath : `${filepath}:${position.line}:${position.col}`;
}

// Finer reasons for a few common codes, recognised by the start of the parser's message.
const refinements: readonly (readonly [RegExp, string])[] = [
  [
    /^Block scalar header/,
    "a value starting with | or > begins a block of text, so nothing may follow it on the line (quote the value)",
  ],
  [/^Implicit keys need to be on a single line/, reasons.MULTILINE_IMPLICIT_KEY],
  [/^Missing closing ['"]quote/, "a quoted value is missing its closing quote"],
  [/^Missing , between/, "a comma is missing between two entries"],
];

function reasonFor(error: YAMLError): string {
  const refined = refinements.find(([pattern]) => pattern.test(error.message));
  return refined?.[1] ?? reasons[error.code] ?? reasons.IMPOSSIBLE;
}

/** One line per distinct problem and position, at most five: a deeply broken file gives hundreds. */
function problemLines(filepath: string, errors: readonly YAMLError[]): string[] {
  const lines = [...new Set(errors.map((error) => `${where(filepath, error)}: ${reasonFor(error)}`))];
  const shown = lines.slice(0, maxProblems);
  if (lines.length > maxProblems) shown.push(`and ${lines.length - maxProblems} more`);
  return shown;
}

/** toJS fails for an alias bomb and for an alias whose anchor is not defined: say which. */
function expansionProblem(filepath: string, error: unknown): string {
  const message = error instanceof Error ? error.message : "";
  if (/excessive alias count/i.test(message)) {
    return `Cannot read the twauth config ${filepath}: it expands too many YAML aliases (more than ${maxAliasCount}).`;
  }
  if (/unresolved alias/i.test(message)) {
    return `Cannot read the twauth config ${filepath}: an alias (*name) refers to an anchor (&name) the file does not define.`;
  }
  return `Cannot read the twauth config ${filepath}: its YAML cannot be turned into settings.`;
}
