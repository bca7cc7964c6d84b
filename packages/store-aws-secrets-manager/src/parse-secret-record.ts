import type { SecretRecord } from "@twauth/core";
import { TwauthError } from "@twauth/core";
import { lineColumnAt } from "@twauth/store-kit";
import type { SecretLocation } from "./secret-location.js";

const expected =
  'twauth expects one JSON object of key names to strings, e.g. {"CONSUMER_KEY":"…","CONSUMER_SECRET":"…"} (the console\'s key/value editor writes that)';

/**
 * Reads a SecretString as one profile's record. A plain string, invalid JSON, or JSON that is not
 * an object of strings is STORE_UNREADABLE naming the secret; the content is never quoted, and
 * JSON.parse's own error is not kept as the cause because its message quotes the text.
 */
export function parseSecretRecord(text: string, where: SecretLocation): SecretRecord {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const position = /position (\d+)/.exec((error as Error).message)?.[1];
    const at = position === undefined ? undefined : lineColumnAt(text, Number(position));
    const place = at === undefined ? "" : ` at line ${at.line}, column ${at.column}`;
    const looksPlain = !/^\s*[{[]/.test(text);
    throw new TwauthError(
      "STORE_UNREADABLE",
      `${where.describe()} ${looksPlain ? "holds a plain string, not JSON" : `is not valid JSON${place}`}; ${expected}.`,
      { ...where.context(), ...(at === undefined ? {} : { line: at.line, column: at.column }) },
    );
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    const kind = value === null ? "null" : Array.isArray(value) ? "an array" : `a ${typeof value}`;
    throw new TwauthError("STORE_UNREADABLE", `${where.describe()} holds JSON ${kind}; ${expected}.`, {
      ...where.context(),
    });
  }
  const notStrings = Object.entries(value)
    .filter(([, item]) => typeof item !== "string")
    .map(([key]) => key);
  if (notStrings.length > 0) {
    throw new TwauthError(
      "STORE_UNREADABLE",
      `${where.describe()}: the value of ${notStrings.join(", ")} is not a string; ${expected}.`,
      { ...where.context(), keys: notStrings },
    );
  }
  return Object.freeze({ ...(value as Record<string, string>) });
}
