import type { SecretStoreDescription } from "@twauth/core";
import { canonicalCredentialField, TwauthError } from "@twauth/core";
import { expectedOptionValues } from "@twauth/core/config-support";
import type { ZodIssue } from "zod";
import { z } from "zod";
import { closestName } from "./closest-name.js";
import type { ConfigFile } from "./config-file.js";
import { configFileKeys, configFileSchema, connectionConfigSchema } from "./config-file.js";
import { importStorePackage } from "./import-store-package.js";
import type { KeyLocation } from "./locate-key.js";
import { locateKey } from "./locate-key.js";
import { inStyle, keyStyleOf, normalizeKeys, pathAsWritten } from "./normalize-keys.js";
import { isStoreType, storeTypes } from "./store-packages.js";
import { expectedStoreOptionValue, storeSectionSchema, storeTypeSchema } from "./store-section-schema.js";

export interface ValidateConfigContext {
  filepath: string;
  /** The file's text, for line:column; absent for executable configs. */
  text: string | undefined;
  /** Where the config sits inside the file: `["twauth"]` in package.json. */
  keyPrefix: readonly string[];
  /** Reads a store type's description. @default importing the store's package (`importStorePackage`) */
  describeStore?: (type: string, filepath: string) => Promise<SecretStoreDescription>;
}

/** A valid config, and the description of the store it names. */
export interface ValidatedConfig {
  readonly file: ConfigFile;
  readonly description: SecretStoreDescription;
}

interface Problem {
  path: (string | number)[];
  message: string;
  /** The path is already spelled as in the file. */
  asWritten?: boolean;
}

/** What describing an issue needs: the store's description (when its type is known) and the file's key style. */
interface IssueContext {
  readonly description: SecretStoreDescription | undefined;
  readonly style: "snake" | "camel";
  /** camelCase path -> the key as written, to suggest a name in the spelling of the key written. */
  readonly renamed: Map<string, string>;
  /** The store section as given (camelCase keys), to tell a missing option from a wrong one. */
  readonly section: Record<string, unknown>;
}

/**
 * Validates a parsed config and reports every problem at once, each with the file's line:column and
 * the key path as the person wrote it (snake_case stays snake_case). The `store:` section is checked
 * against the named store's own `storeDescription`, so the store package is imported here.
 */
export async function validateConfig(raw: unknown, context: ValidateConfigContext): Promise<ValidatedConfig> {
  const normalized = normalizeKeys(raw);
  const problems: Problem[] = normalized.duplicates.map(({ path, keys }) => ({
    path: [...path.slice(0, -1), keys[1]],
    message: `set twice, as ${keys[0]} and ${keys[1]}; keep one`,
    asWritten: true,
  }));
  const value = normalized.value;
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw invalid(context, [
      {
        text: `${context.filepath}: expected a map of settings, e.g. store: { type: dotenv }`,
        location: undefined,
        written: [],
      },
    ]);
  }
  const section = (value as Record<string, unknown>).store;
  const store = await storeSection(section, raw, normalized.renamed, context);
  if (store.problem !== undefined) problems.push(store.problem);
  const issueContext: IssueContext = {
    description: store.description,
    style: keyStyleOf(raw, context.filepath),
    renamed: normalized.renamed,
    section: section !== null && typeof section === "object" ? (section as Record<string, unknown>) : {},
  };
  const storeSchema = store.schema;
  const parsed = configFileSchema(storeSchema).safeParse(value);
  if (!parsed.success)
    problems.push(...parsed.error.issues.flatMap((issue) => describeIssue(issue, issueContext)));
  if (problems.length === 0 && parsed.success && issueContext.description !== undefined) {
    return { file: parsed.data as ConfigFile, description: issueContext.description };
  }
  throw invalid(
    context,
    problems.map((problem) => placed(problem, context, normalized.renamed)),
  );
}

/** How to check the `store:` section: by its store's description once its type is known. */
async function storeSection(
  section: unknown,
  raw: unknown,
  renamed: Map<string, string>,
  context: ValidateConfigContext,
): Promise<{ schema: z.ZodTypeAny; description?: SecretStoreDescription; problem?: Problem }> {
  if (typeof section === "string") {
    return { schema: z.unknown(), problem: { path: ["store"], message: storeWrittenAsString(section) } };
  }
  const type = (section as { type?: unknown } | null | undefined)?.type;
  if (!isStoreType(type)) return { schema: storeTypeSchema };
  const description = await (context.describeStore ?? describeByImport)(type, context.filepath);
  keepMapsAsWritten(section as Record<string, unknown>, raw, description, renamed);
  return { schema: storeSectionSchema(description), description };
}

async function describeByImport(type: string, filepath: string): Promise<SecretStoreDescription> {
  return (await importStorePackage(type, filepath)).description;
}

interface PlacedProblem {
  text: string;
  location: KeyLocation | undefined;
  written: (string | number)[];
}

function placed(
  problem: Problem,
  context: ValidateConfigContext,
  renamed: Map<string, string>,
): PlacedProblem {
  const written = problem.asWritten ? problem.path : pathAsWritten(problem.path, renamed);
  const location = locate(context, written);
  const where = location === undefined ? "" : `:${location.line}:${location.column}`;
  return {
    text: `${context.filepath}${where}: ${formatPath(written)}: ${problem.message}`,
    location,
    written,
  };
}

function invalid(context: ValidateConfigContext, lines: PlacedProblem[]): TwauthError {
  // In file order, so the list reads top to bottom like the file.
  lines.sort(
    (a, b) =>
      (a.location?.line ?? 0) - (b.location?.line ?? 0) ||
      (a.location?.column ?? 0) - (b.location?.column ?? 0),
  );
  const first = lines[0]?.location;
  return new TwauthError(
    "CONFIG_INVALID",
    `Invalid twauth config:\n  ${lines.map((line) => line.text).join("\n  ")}`,
    {
      file: context.filepath,
      ...(first === undefined ? {} : { line: first.line, column: first.column }),
      keys: lines.map((line) => formatPath(line.written)),
    },
  );
}

/**
 * Profile names are data, not keys: `secret_id: { my_bot: ... }` keeps `my_bot`, which normalizing
 * the keys into camelCase would have turned into `myBot`.
 */
function keepMapsAsWritten(
  section: Record<string, unknown>,
  raw: unknown,
  description: SecretStoreDescription,
  renamed: Map<string, string>,
): void {
  const rawSection = (raw as { store?: Record<string, unknown> }).store ?? {};
  for (const option of description.options) {
    if (option.kind !== "string-or-map" || !(option.name in section)) continue;
    section[option.name] = rawSection[renamed.get(`store.${option.name}`) ?? option.name];
  }
}

// The seed tutorial keeps keys in code; a person moving them into a config file puts them here.
const credentialsInConfig =
  "a credential does not belong in the config file: put it in the store the store: section names (the .env, ini or yaml file), and keep the config free of secrets";

function storeWrittenAsString(written: string): string {
  const type = isStoreType(written) ? written : "dotenv";
  const which = isStoreType(written) ? "" : ` (one of ${storeTypes.join(", ")})`;
  return `expected a section naming the store's type${which}: write "store: { type: ${type} }", or "type: ${type}" on its own line indented under "store:"`;
}

function describeIssue(issue: ZodIssue, context: IssueContext): Problem[] {
  if (issue.path[0] === "store") return describeStoreIssue(issue, context);
  const name = String(issue.path[0]);
  const option = name in connectionConfigSchema.shape ? expectedOptionValues[name] : undefined;
  if (option !== undefined && issue.code !== "unrecognized_keys") {
    // A connection option: say what getApiConnection itself expects of it.
    return [{ path: issue.path.slice(0, 1), message: `expected ${option}` }];
  }
  if (issue.code === "unrecognized_keys") {
    return issue.keys.map((key) => ({
      path: [...issue.path, key],
      message:
        canonicalCredentialField(key) === undefined
          ? unknownKey(
              context.renamed.get(key) ?? key,
              configFileKeys,
              context.style,
              "check its spelling against the README's table of options",
            )
          : credentialsInConfig,
    }));
  }
  if (name === "profile")
    return [{ path: ["profile"], message: "expected a non-empty string, the store profile to use" }];
  return [{ path: issue.path, message: genericMessage(issue) }];
}

function describeStoreIssue(issue: ZodIssue, context: IssueContext): Problem[] {
  const [, name] = issue.path;
  const received = issue.code === "invalid_type" ? issue.received : undefined;
  if (name === undefined) {
    if (issue.code === "unrecognized_keys") return unknownStoreKeys(issue.keys, context);
    if (received === "undefined") {
      return [
        {
          path: ["store"],
          message: 'is required: the secret store to load credentials from, e.g. "store: { type: dotenv }"',
        },
      ];
    }
    return [
      {
        path: ["store"],
        message: `expected a section naming the store's type, e.g. "store: { type: dotenv }"`,
      },
    ];
  }
  if (name === "type") {
    const known = `one of ${storeTypes.join(", ")}`;
    if (received === "undefined") return [{ path: ["store", "type"], message: `is required: ${known}` }];
    const written = (issue as { received?: unknown }).received;
    const guess = typeof written === "string" ? closestName(written, storeTypes) : undefined;
    return [
      {
        path: ["store", "type"],
        message: guess === undefined ? `expected ${known}` : `expected ${known}; did you mean ${guess}?`,
      },
    ];
  }
  const option = context.description?.options.find((candidate) => candidate.name === name);
  if (option === undefined) return [{ path: issue.path, message: genericMessage(issue) }];
  if (!(option.name in context.section)) {
    return [
      {
        path: ["store", inStyle(option.name, context.style)],
        message: `is required: ${option.description}`,
        asWritten: true,
      },
    ];
  }
  return [{ path: ["store", option.name], message: `expected ${expectedStoreOptionValue(option)}` }];
}

function unknownStoreKeys(keys: readonly string[], context: IssueContext): Problem[] {
  const description = context.description;
  const names = ["type", ...(description?.options.map((option) => option.name) ?? [])];
  const listed = names.slice(1).map((name) => inStyle(name, context.style));
  const otherwise =
    description === undefined
      ? "check its spelling"
      : listed.length === 0
        ? `the ${description.type} store takes no other options`
        : `the ${description.type} store's options are ${listed.join(", ")}`;
  return keys.map((key) => ({
    path: ["store", key],
    message: unknownKey(context.renamed.get(`store.${key}`) ?? key, names, context.style, otherwise),
  }));
}

function unknownKey(
  key: string,
  known: readonly string[],
  style: "snake" | "camel",
  otherwise: string,
): string {
  const guess = closestName(key, known);
  if (guess === undefined) return `unknown key; ${otherwise}`;
  const keyStyle = key.includes("_") ? "snake" : /[A-Z]/.test(key) ? "camel" : style;
  return `unknown key; did you mean ${inStyle(guess, keyStyle)}?`;
}

function genericMessage(issue: ZodIssue): string {
  if (issue.code === "invalid_type") {
    return issue.received === "undefined"
      ? "is required"
      : `expected ${issue.expected}, got ${issue.received}`;
  }
  // zod's messages name bounds and types, never the value (we give zod no custom messages that would).
  return issue.message.replace(/^String must/, "must");
}

function locate(context: ValidateConfigContext, path: readonly (string | number)[]): KeyLocation | undefined {
  return context.text === undefined ? undefined : locateKey(context.text, [...context.keyPrefix, ...path]);
}

function formatPath(path: readonly (string | number)[]): string {
  if (path.length === 0) return "(top level)";
  return path.map((segment) => (typeof segment === "number" ? `[${segment}]` : segment)).join(".");
}
