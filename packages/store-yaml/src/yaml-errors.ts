import type { TwauthError } from "@twauth/core";
import { fileSyntaxError, sanitizedParserError } from "@twauth/store-kit";
import type { LineCounter, YAMLError } from "yaml";

// In our own words: yaml's messages can quote the offending source (an escape sequence, a block
// scalar header), and that text may be a secret.
const problems: Readonly<Record<string, string>> = {
  BAD_INDENT: "the indentation is wrong (or a list or map is not closed)",
  MISSING_CHAR: 'a character is missing: an unclosed quote or bracket, or no space after ":"',
  MULTIPLE_DOCS: "the file holds several YAML documents (---); keep one",
  TAB_AS_INDENT: "a tab is used for indentation; indent with spaces",
  BLOCK_AS_IMPLICIT_KEY: 'a key spans several lines, or a line is missing its ":"',
  MULTILINE_IMPLICIT_KEY: 'a key spans several lines, or a line is missing its ":"',
  UNEXPECTED_TOKEN: "unexpected characters",
  BAD_DQ_ESCAPE: "an invalid escape sequence in a double-quoted value; use single quotes",
  BAD_SCALAR_START: "a plain value cannot start with this character; put the value in quotes",
  BAD_ALIAS: "an invalid alias",
  ALIAS_PROPS: "an alias cannot have a tag or anchor",
  MULTIPLE_ANCHORS: "a value has two anchors",
  MULTIPLE_TAGS: "a value has two tags",
  BAD_PROP_ORDER: "an anchor or tag is in the wrong place",
  TAG_RESOLVE_FAILED: "an unknown tag",
  KEY_OVER_1024_CHARS: "a key longer than 1024 characters",
  BLOCK_IN_FLOW: "a block value inside a flow collection ([...] or {...})",
  RESOURCE_EXHAUSTION: "too many aliases",
  NON_STRING_KEY: "a key that is not text",
  BAD_DIRECTIVE: "an invalid % directive",
  BAD_COLLECTION_TYPE: "a tag that does not fit its value",
};

/** The first error yaml reported, as a STORE_UNREADABLE naming the file and line:column. */
export function yamlSyntaxError(file: string, error: YAMLError, lineCounter: LineCounter): TwauthError {
  const { line, col } = lineCounter.linePos(error.pos[0]);
  const position = { line, column: col };
  // yaml reports a nesting too deep for its parser with the same code as an alias bomb; its
  // message (read, never shown: it quotes the source) tells them apart.
  const tooDeep = error.code === "RESOURCE_EXHAUSTION" && /call stack|depth|nest/i.test(error.message);
  const problem = tooDeep
    ? "lists or maps are nested too deeply (hundreds of levels); a credentials file needs two or three"
    : (problems[error.code] ?? "invalid YAML");
  return fileSyntaxError(file, position, `invalid YAML: ${problem} (${error.code}).`, {
    cause: sanitizedParserError("YAMLParseError", error.code, position),
  });
}

/**
 * A `<<` merge key: yaml 1.2 (what the store parses) has none, so the keys it would merge are not
 * read. Refused by name rather than silently dropped.
 */
export function mergeKeyError(file: string, position: { line: number; column: number }): TwauthError {
  return fileSyntaxError(
    file,
    position,
    "a merge key (<<) is not applied: twauth reads YAML 1.2, which has no merge keys; write the keys out in each profile instead.",
    { keys: ["<<"] },
  );
}

/** An alias (`*name`) with no anchor (`&name`) before it. */
export function unresolvedAliasError(
  file: string,
  alias: string,
  position: { line: number; column: number } | undefined,
): TwauthError {
  const where = position === undefined ? { line: 1 } : position;
  return fileSyntaxError(
    file,
    where,
    `the alias *${alias} refers to no anchor: define &${alias} before it, or write the value out.`,
  );
}
