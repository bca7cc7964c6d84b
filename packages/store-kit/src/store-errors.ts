import { TwauthError } from "@twauth/core";

/**
 * A place in a file, 1-based, for messages.
 *
 * @example
 * { line: 3, column: 7 }
 */
export interface FilePosition {
  readonly line: number;
  readonly column?: number;
}

/**
 * Names a place in a file the way every store's message does.
 *
 * @example
 * describePosition(".env", { line: 3, column: 7 }); // ".env line 3, column 7"
 * describePosition(".env", { line: 3 }); // ".env line 3"
 */
export function describePosition(file: string, position: FilePosition): string {
  return position.column === undefined
    ? `${file} line ${position.line}`
    : `${file} line ${position.line}, column ${position.column}`;
}

/**
 * A syntax error in a secret file: names the file and line:column, describes the problem in our own
 * words, and never quotes the offending line (it may hold a secret). Code `STORE_UNREADABLE`.
 *
 * @example
 * throw fileSyntaxError("credentials.ini", { line: 4, column: 1 }, "a section header needs a closing ]");
 */
export function fileSyntaxError(
  file: string,
  position: FilePosition,
  problem: string,
  extra: { cause?: Error; keys?: readonly string[] } = {},
): TwauthError {
  return new TwauthError("STORE_UNREADABLE", `${describePosition(file, position)}: ${problem}`, {
    source: file,
    file,
    line: position.line,
    ...(position.column === undefined ? {} : { column: position.column }),
    ...extra,
  });
}

/**
 * The `CREDENTIALS_CONFLICT` error for a credential key set twice in one profile of one file; names
 * both lines, never the values.
 *
 * @example
 * throw duplicateKeyError(".env", "default", "ACCESS_TOKEN", { line: 2 }, { line: 9 });
 */
export function duplicateKeyError(
  file: string,
  profile: string,
  key: string,
  first: FilePosition,
  second: FilePosition,
): TwauthError {
  return new TwauthError(
    "CREDENTIALS_CONFLICT",
    `${describePosition(file, second)}: ${key} is set again in profile "${profile}" (first on line ${first.line}); keep one of them.`,
    {
      source: file,
      file,
      profile,
      keys: [key],
      line: second.line,
      ...(second.column === undefined ? {} : { column: second.column }),
    },
  );
}

/**
 * The `PROFILE_NOT_FOUND` error: the profile asked for is not there; lists the ones that are, and
 * how to add one.
 *
 * `plural` words it for a source that is several things ("environment variables have no profile").
 *
 * @example
 * throw profileNotFoundError("credentials.ini", "bot3", ["default", "bot2"], "add a [bot3] section");
 */
export function profileNotFoundError(
  source: string,
  profile: string,
  existing: readonly string[],
  howToAdd: string,
  grammar: { plural?: boolean } = {},
): TwauthError {
  const found =
    existing.length === 0
      ? `${grammar.plural === true ? "they have" : "it has"} no profiles); ${howToAdd}.`
      : `profiles found: ${existing.join(", ")}); ${howToAdd}, or pick one of those.`;
  const verb = grammar.plural === true ? "have" : "has";
  return new TwauthError("PROFILE_NOT_FOUND", `${source} ${verb} no profile "${profile}" (${found}`, {
    source,
    profile,
  });
}

/**
 * A stand-in for a parser's error that keeps only what is safe to show: the parser's name, its
 * error code and the position. Parsers quote the offending source line, and that line may hold a
 * secret, so their own error is never passed on. Use it as a `fileSyntaxError`'s `cause`.
 *
 * @example
 * const cause = sanitizedParserError("YAMLParseError", "BAD_INDENT", { line: 5, column: 3 });
 * throw fileSyntaxError(file, { line: 5, column: 3 }, "the indentation is wrong", { cause });
 */
export function sanitizedParserError(name: string, code: string, position: FilePosition): Error {
  const where =
    position.column === undefined
      ? `line ${position.line}`
      : `line ${position.line}, column ${position.column}`;
  const error = new Error(`${code} at ${where}`);
  error.name = name;
  return Object.assign(error, { code });
}
