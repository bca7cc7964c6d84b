import { TwauthError } from "@twauth/core";
import { parseDocument } from "yaml";

// An anchor/alias bomb in a config file must fail fast, not expand into gigabytes.
const maxAliasCount = 100;

/**
 * cosmiconfig loader for YAML, JSON and extension-less rc files, on the `yaml` package: JSON is read
 * as YAML 1.2 (it is a subset for config purposes), so every data format reports errors with
 * line:column the same way. The parser's message is cut to its first line: the lines after it quote
 * the file, and a config file may hold something secret by mistake.
 */
export function parseDataFile(filepath: string, content: string): unknown {
  const document = parseDocument(content, { prettyErrors: true, uniqueKeys: true });
  const first = document.errors[0];
  if (first !== undefined) {
    const problems = document.errors.map((error) => {
      const position = error.linePos?.[0];
      const where = position === undefined ? filepath : `${filepath}:${position.line}:${position.col}`;
      return `${where}: ${firstLine(error.message)}`;
    });
    const position = first.linePos?.[0];
    throw new TwauthError("CONFIG_INVALID", `Cannot parse the twauth config:\n  ${problems.join("\n  ")}`, {
      file: filepath,
      ...(position === undefined ? {} : { line: position.line, column: position.col }),
    });
  }
  try {
    return document.toJS({ maxAliasCount });
  } catch {
    throw new TwauthError(
      "CONFIG_INVALID",
      `Cannot read the twauth config ${filepath}: it expands too many YAML aliases (more than ${maxAliasCount}).`,
      { file: filepath },
    );
  }
}

function firstLine(message: string): string {
  const line = message.split("\n")[0] ?? message;
  // yaml's prettyErrors append " at line L, column C:"; the position is already in front.
  return line.replace(/ at line \d+, column \d+:?$/, "");
}
