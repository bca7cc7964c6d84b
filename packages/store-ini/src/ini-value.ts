import { TwauthError } from "@twauth/core";
import { unsafe } from "ini";
import { isQuoted } from "./ini-scanner.js";

/**
 * Writes `value` so that the ini package reads back exactly `value`: bare when nothing in it
 * matters to ini, else as a JSON string (ini reads double-quoted values with `JSON.parse`).
 * `true`, `false` and `null` cannot be stored as text: ini always reads them as those values.
 */
export function formatIniValue(value: string, key: string, source: string): string {
  if (value === "true" || value === "false" || value === "null") {
    throw new TwauthError(
      "CREDENTIALS_INVALID",
      `${source}: the value for ${key} is the word "${value}", which ini always reads as ${value === "null" ? "null" : "a boolean"}, never as text.`,
      { source, keys: [key] },
    );
  }
  const bare = value === value.trim() && !/[;#\\"']/.test(value) && !isQuoted(value);
  return bare ? value : JSON.stringify(value);
}

/** Checks a key or section name reads back as itself; ini would otherwise decode it differently. */
export function checkIniName(name: string, kind: "key" | "section", source: string): void {
  const valid =
    name.length > 0 &&
    unsafe(name) === name &&
    !/[=[\]\r\n]/.test(name) &&
    (kind === "section" || !name.endsWith("[]"));
  if (!valid) {
    throw new TwauthError(
      "OPTIONS_INVALID",
      `${source}: ${JSON.stringify(name)} cannot be written as an ini ${kind} name (avoid "=", "[", "]", ";", "#", quotes and spaces at either end).`,
      { source, keys: [name] },
    );
  }
}
