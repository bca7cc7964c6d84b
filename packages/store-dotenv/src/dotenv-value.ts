import { TwauthError } from "@twauth/core";

/**
 * Writes `value` so that dotenv's parser reads back exactly `value`: bare when nothing in it
 * matters to dotenv, else in the first quote style that holds it unchanged (single quotes keep
 * everything, double quotes turn `\n` into a line break, back quotes keep everything).
 */
export function formatDotenvValue(value: string, key: string, source: string): string {
  if (/^[^\s#'"`]*$/.test(value)) return value;
  // A backslash before the closing quote would make dotenv read on past it.
  if (!value.endsWith("\\")) {
    if (!value.includes("'")) return `'${value}'`;
    if (!value.includes('"') && !/\\[nr]/.test(value)) return `"${value}"`;
    if (!value.includes("`")) return `\`${value}\``;
  }
  throw new TwauthError(
    "CREDENTIALS_INVALID",
    `${source}: the value for ${key} cannot be written so that dotenv reads it back unchanged (it holds all three quote characters, or needs quotes and ends with a backslash).`,
    { source, keys: [key] },
  );
}
