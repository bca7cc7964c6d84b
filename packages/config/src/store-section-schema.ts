import type { SecretStoreDescription, SecretStoreOptionDescription } from "@twauth/core";
import { durationToMs } from "@twauth/core";
import { z } from "zod";
import { storeTypes } from "./store-packages.js";

// A config file is a few hundred bytes: no list or map in it needs more entries than this.
const maxListLength = 64;

/**
 * The zod schema of a `store:` section for one store, built from the store's own description: `type`,
 * then each described option (required or optional), strict so a misspelt option is reported.
 *
 * @example
 * const schema = storeSectionSchema(storeDescription); // from @twauth/store-ini
 * schema.parse({ type: "ini", path: "credentials.ini" });
 */
export function storeSectionSchema(description: SecretStoreDescription): z.ZodTypeAny {
  const shape: Record<string, z.ZodTypeAny> = { type: z.literal(description.type) };
  for (const option of description.options) {
    const schema = optionSchema(option);
    shape[option.name] = option.required === true ? schema : schema.optional();
  }
  return z.object(shape).strict();
}

/** The schema for a section whose type is missing or unknown: only the type is checked. */
export const storeTypeSchema: z.ZodTypeAny = z
  .object({ type: z.enum(storeTypes as [string, ...string[]]) })
  .passthrough();

function optionSchema(option: SecretStoreOptionDescription): z.ZodTypeAny {
  const name = z.string().min(1);
  switch (option.kind) {
    case "string":
    case "path":
      return name;
    case "paths":
      return z.array(name).min(1).max(maxListLength);
    case "boolean":
      return z.boolean();
    case "integer":
      return z
        .number()
        .int()
        .min(option.min ?? Number.MIN_SAFE_INTEGER)
        .max(option.max ?? Number.MAX_SAFE_INTEGER);
    case "duration":
      return z.custom<string | number>((value) => withinBounds(durationToMs(value), option));
    case "enum":
      return z.string().refine((value) => option.values?.includes(value) === true);
    case "string-or-map":
      return z.union([
        name,
        z.record(name).refine((map) => {
          const size = Object.keys(map).length;
          return size > 0 && size <= maxListLength;
        }),
      ]);
  }
}

function withinBounds(ms: number | undefined, option: SecretStoreOptionDescription): boolean {
  return ms !== undefined && ms >= (option.min ?? 0) && ms <= (option.max ?? Number.MAX_SAFE_INTEGER);
}

/**
 * What a value of this option must be, for messages ("a whole number from 1 to 16777216").
 *
 * @example
 * expectedStoreOptionValue({ name: "override", kind: "boolean", description: "…" }) // "true or false"
 */
export function expectedStoreOptionValue(option: SecretStoreOptionDescription): string {
  switch (option.kind) {
    case "string":
      return "a non-empty string";
    case "path":
      return "a file path, relative to the config file";
    case "paths":
      return `a list of 1 to ${maxListLength} file paths, relative to the config file`;
    case "boolean":
      return "true or false";
    case "integer":
      return `a whole number from ${option.min ?? Number.MIN_SAFE_INTEGER} to ${option.max ?? Number.MAX_SAFE_INTEGER}`;
    case "duration":
      return `a duration: seconds as a number, or a string such as "30s" or "5m"${durationBounds(option)}`;
    case "enum":
      return `one of ${(option.values ?? []).join(", ")}`;
    case "string-or-map":
      return "a non-empty string, or a map of profile name to a non-empty string";
  }
}

function durationBounds(option: SecretStoreOptionDescription): string {
  return option.max === undefined ? "" : `, at most ${option.max / 1000} seconds`;
}
