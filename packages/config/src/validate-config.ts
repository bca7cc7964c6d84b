import { TwauthError } from "@twauth/core";
import { expectedOptionValues } from "@twauth/core/options-schema";
import type { ZodIssue } from "zod";
import type { ConfigFile } from "./config-schema.js";
import { configFileSchema, connectionConfigSchema } from "./config-schema.js";
import type { KeyLocation } from "./locate-key.js";
import { locateKey } from "./locate-key.js";
import { normalizeKeys, pathAsWritten } from "./normalize-keys.js";

export interface ValidateConfigContext {
  filepath: string;
  /** The file's text, for line:column; absent for executable configs. */
  text: string | undefined;
  /** Where the config sits inside the file: `["twauth"]` in package.json. */
  keyPrefix: readonly string[];
}

interface Problem {
  path: (string | number)[];
  message: string;
  /** The path is already spelled as in the file. */
  asWritten?: boolean;
}

/**
 * Validates a parsed config against the schema and reports every problem at once, each with the
 * file's line:column and the key path as the person wrote it (snake_case stays snake_case).
 */
export function validateConfig(raw: unknown, context: ValidateConfigContext): ConfigFile {
  const normalized = normalizeKeys(raw);
  const problems: Problem[] = normalized.duplicates.map(({ path, keys }) => ({
    path: [...path.slice(0, -1), keys[1]],
    message: `set twice, as ${keys[0]} and ${keys[1]}; keep one`,
    asWritten: true,
  }));
  const parsed = configFileSchema.safeParse(normalized.value);
  if (!parsed.success) problems.push(...parsed.error.issues.flatMap(describeIssue));
  if (problems.length === 0 && parsed.success) return parsed.data;

  const lines = problems.map((problem) => {
    const written = problem.asWritten ? problem.path : pathAsWritten(problem.path, normalized.renamed);
    const location = locate(context, written);
    const where = location === undefined ? "" : `:${location.line}:${location.column}`;
    return {
      text: `${context.filepath}${where}: ${formatPath(written)}: ${problem.message}`,
      location,
      written,
    };
  });
  // In file order, so the list reads top to bottom like the file.
  lines.sort(
    (a, b) =>
      (a.location?.line ?? 0) - (b.location?.line ?? 0) ||
      (a.location?.column ?? 0) - (b.location?.column ?? 0),
  );
  const first = lines[0]?.location;
  throw new TwauthError(
    "CONFIG_INVALID",
    `Invalid twauth config:\n  ${lines.map((line) => line.text).join("\n  ")}`,
    {
      file: context.filepath,
      ...(first === undefined ? {} : { line: first.line, column: first.column }),
      keys: lines.map((line) => formatPath(line.written)),
    },
  );
}

function describeIssue(issue: ZodIssue): Problem[] {
  const name = String(issue.path[0]);
  const option = name in connectionConfigSchema.shape ? expectedOptionValues[name] : undefined;
  if (option !== undefined && issue.code !== "unrecognized_keys") {
    // A connection option: say what getApiConnection itself expects of it.
    return [{ path: issue.path.slice(0, 1), message: `expected ${option}` }];
  }
  switch (issue.code) {
    case "unrecognized_keys":
      return issue.keys.map((key) => ({
        path: [...issue.path, key],
        message: "unknown key; check its spelling against the README's table of options",
      }));
    case "invalid_union_discriminator":
      return [{ path: issue.path, message: `expected one of ${issue.options.map(String).join(", ")}` }];
    case "invalid_type":
      return [
        {
          path: issue.path,
          message:
            issue.received === "undefined"
              ? "is required"
              : `expected ${issue.expected}, got ${issue.received}`,
        },
      ];
    default:
      return [{ path: issue.path, message: issue.message.replace(/^String must/, "must") }];
  }
}

function locate(context: ValidateConfigContext, path: readonly (string | number)[]): KeyLocation | undefined {
  return context.text === undefined ? undefined : locateKey(context.text, [...context.keyPrefix, ...path]);
}

function formatPath(path: readonly (string | number)[]): string {
  if (path.length === 0) return "(top level)";
  return path.map((segment) => (typeof segment === "number" ? `[${segment}]` : segment)).join(".");
}
