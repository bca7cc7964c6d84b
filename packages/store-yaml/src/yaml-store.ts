import type { SecretRecord, UpdatableSecretStore } from "@twauth/core";
import { DEFAULT_PROFILE, TwauthError } from "@twauth/core";
import type { FileSecretStoreOptions, FileStoreFormat } from "@twauth/store-kit";
import { fileSecretStore, planKeyUpdates, profileNotFoundError } from "@twauth/store-kit";
import type { Document, YAMLMap } from "yaml";
import { isAlias, isMap, isScalar, LineCounter, parseDocument, visit } from "yaml";
import { mergeKeyError, unresolvedAliasError, yamlSyntaxError } from "./yaml-errors.js";
import type { ProfileMap, YamlSource } from "./yaml-profiles.js";
import { isCredentialKey, isRecord, profileNames, readProfile } from "./yaml-profiles.js";

/**
 * `yamlStore`'s options: the file, where in it the profiles are, and its bounds.
 *
 * @example
 * yamlStore({ path: "config/twitter.yaml", key: "twitter.accounts" });
 */
export interface YamlStoreOptions extends FileSecretStoreOptions {
  /** The yaml file; relative to the process's working directory. Required. */
  path: string;
  /**
   * A dotted path to the map that holds the profiles (`twitter.accounts`), as searchtweets'
   * `yaml_key`. @default the top level of the file
   */
  key?: string;
  /** How many alias expansions a file may make before it is rejected as an alias bomb. @default 100 */
  maxAliasCount?: number;
}

/**
 * A store over a yaml file whose top-level maps are profiles (`default:`, `bot2:`); credential keys
 * directly at the top belong to the default profile, so a flat file works too. `key` picks a nested
 * map first. `save` edits through yaml's Document API, which keeps comments and order; `update`
 * re-reads, changes and writes the profile under the file's cross-process lock, as one step.
 *
 * @example
 * const store = yamlStore({ path: "twitter.yaml", key: "twitter" });
 * const api = await getApiConnection({ store, profile: "bot2" });
 */
export function yamlStore(options: YamlStoreOptions): UpdatableSecretStore {
  const keyPath = options?.key === undefined || options.key === "" ? [] : options.key.split(".");
  const maxAliasCount = options?.maxAliasCount ?? 100;
  const source = keyPath.length === 0 ? options?.path : `${options.path} (${keyPath.join(".")})`;
  return fileSecretStore(yamlFormat(keyPath, maxAliasCount), options, source);
}

function yamlFormat(keyPath: readonly string[], maxAliasCount: number): FileStoreFormat {
  return {
    kind: "yaml",
    readProfile(text, profile, { file, source }): SecretRecord {
      const yaml = parseYaml(file, text);
      const profiles = profilesMap(yaml, keyPath, maxAliasCount);
      const record = readProfile(yaml, profiles, profile);
      if (record === undefined) {
        throw profileNotFoundError(source, profile, profileNames(profiles), `add a "${profile}:" map`);
      }
      return record;
    },
    writeProfile(text, values, profile, { file, source }): string {
      const yaml = parseYaml(file, text);
      ensureMaps(yaml.document, keyPath);
      const profiles = profilesMap(yaml, keyPath, maxAliasCount);
      const target = writableProfile(yaml.document, profiles, keyPath, profile, source);
      const existing = target.node.items
        .filter((pair) => !target.flat || !isMap(pair.value))
        .map((pair) => (isScalar(pair.key) ? String(pair.key.value) : ""));
      const plan = planKeyUpdates(values, existing, { source, profile, defaultCase: "lower" });
      for (const [key, value] of plan.updates) setValue(yaml.document, target.node, key, value);
      for (const { key, value } of plan.additions) target.node.add(yaml.document.createPair(key, value));
      return yaml.document.toString({ lineWidth: 0, indent: detectIndent(text) });
    },
  };
}

function parseYaml(file: string, text: string): YamlSource {
  const lineCounter = new LineCounter();
  // Duplicate keys are found on the nodes (with both lines) instead of failing the whole parse.
  const document = parseDocument(text, { uniqueKeys: false, prettyErrors: false, lineCounter });
  const error = document.errors[0];
  if (error !== undefined) throw yamlSyntaxError(file, error, lineCounter);
  refuseMergeKeys(file, document, lineCounter);
  return { file, document, lineCounter };
}

function refuseMergeKeys(file: string, document: Document.Parsed, lineCounter: LineCounter): void {
  visit(document, {
    Pair(_, pair) {
      if (!isScalar(pair.key) || pair.key.value !== "<<" || pair.key.type !== "PLAIN") return;
      const { line, col } = lineCounter.linePos(pair.key.range?.[0] ?? 0);
      throw mergeKeyError(file, { line, column: col });
    },
  });
}

/** The first alias whose anchor is not defined before it, with its line. */
function unresolvedAlias(yaml: YamlSource): TwauthError | undefined {
  const anchors = new Set<string>();
  let found: TwauthError | undefined;
  visit(yaml.document, (_, node) => {
    if (isAlias(node)) {
      if (anchors.has(node.source)) return undefined;
      const start = node.range?.[0];
      const at = start === undefined ? undefined : yaml.lineCounter.linePos(start);
      found = unresolvedAliasError(yaml.file, node.source, at && { line: at.line, column: at.col });
      return visit.BREAK;
    }
    const anchor = (node as { anchor?: string }).anchor;
    if (anchor !== undefined) anchors.add(anchor);
    return undefined;
  });
  return found;
}

/** The map holding the profiles, as plain data (aliases expanded, within `maxAliasCount`). */
function profilesMap(yaml: YamlSource, keyPath: readonly string[], maxAliasCount: number): ProfileMap {
  let data: unknown;
  try {
    data = yaml.document.toJS({ maxAliasCount });
  } catch (error) {
    const bomb = error instanceof ReferenceError && /alias count/i.test(error.message);
    if (!bomb) throw unresolvedAlias(yaml) ?? anchorsError(yaml);
    throw new TwauthError(
      "STORE_UNREADABLE",
      `${yaml.file}: its aliases expand to more than ${maxAliasCount} copies (a YAML alias bomb?); a credentials file needs no aliases.`,
      { source: yaml.file, file: yaml.file },
    );
  }
  let node: unknown = yaml.document.contents;
  data ??= {};
  for (const [index, segment] of keyPath.entries()) {
    if (!isRecord(data)) break;
    const here = keyPath.slice(0, index).join(".") || "the top level";
    if (!(segment in data)) {
      throw new TwauthError(
        "STORE_NOT_FOUND",
        `${yaml.file} has no "${segment}" key at ${here} (keys found: ${Object.keys(data).join(", ") || "none"}); check the \`key\` option.`,
        { source: yaml.file, file: yaml.file, keys: [keyPath.join(".")] },
      );
    }
    data = data[segment];
    node = isMap(node) ? node.get(segment, true) : undefined;
  }
  if (!isRecord(data)) {
    const where = keyPath.length === 0 ? "its top level" : keyPath.join(".");
    const kind = Array.isArray(data) ? "a list" : data === null ? "empty" : "a single value";
    throw new TwauthError(
      "STORE_UNREADABLE",
      `${yaml.file}: ${where} is ${kind}, not a map of profiles (default:, bot2:) or of credentials.`,
      { source: yaml.file, file: yaml.file },
    );
  }
  return { data, node: isMap(node) ? node : undefined, path: keyPath };
}

function anchorsError(yaml: YamlSource): TwauthError {
  return new TwauthError(
    "STORE_UNREADABLE",
    `${yaml.file}: its anchors and aliases cannot be resolved; check the * and & marks.`,
    { source: yaml.file, file: yaml.file },
  );
}

/**
 * The map a save writes into: the profile's map (created when missing), or for the default
 * profile the top of a flat file, one with credential keys at the top and no `default:` map.
 */
function writableProfile(
  document: Document.Parsed,
  profiles: ProfileMap,
  keyPath: readonly string[],
  profile: string,
  source: string,
): { node: YAMLMap; flat: boolean } {
  if (profiles.node === undefined) {
    throw new TwauthError(
      "STORE_WRITE_FAILED",
      `${source}: the profiles map is reached through an alias; edit the file by hand or remove the alias.`,
      { source, profile },
    );
  }
  const flat =
    profile === DEFAULT_PROFILE &&
    !isRecord(profiles.data[DEFAULT_PROFILE]) &&
    Object.keys(profiles.data).some(isCredentialKey);
  if (flat) return { node: profiles.node, flat };
  const existing = profiles.node.get(profile, true);
  if (existing === undefined || (isScalar(existing) && existing.value === null)) {
    document.setIn([...keyPath, profile], document.createNode({}));
  } else if (!isMap(existing)) {
    throw new TwauthError(
      "STORE_WRITE_FAILED",
      `${source}: ${[...keyPath, profile].join(".")} is not a map, so profile "${profile}" cannot be saved there.`,
      { source, profile },
    );
  }
  const node = profiles.node.get(profile, true);
  if (!isMap(node)) throw new Error("unreachable: the profile map was just created");
  return { node, flat };
}

/** Creates the file's top map and the maps on `keyPath` where they are missing (a new file). */
function ensureMaps(document: Document.Parsed, keyPath: readonly string[]): void {
  if (document.contents === null || (isScalar(document.contents) && document.contents.value === null)) {
    document.contents = document.createNode({}) as unknown as typeof document.contents;
  }
  for (let length = 1; length <= keyPath.length; length += 1) {
    const value = document.getIn(keyPath.slice(0, length), true);
    if (value === undefined || (isScalar(value) && value.value === null)) {
      document.setIn(keyPath.slice(0, length), document.createNode({}));
    }
  }
}

/** Sets a value in place: an existing scalar keeps its quoting style and comments. */
function setValue(document: Document.Parsed, map: YAMLMap, key: string, value: string): void {
  for (const pair of map.items) {
    if (!isScalar(pair.key) || String(pair.key.value) !== key) continue;
    if (isScalar(pair.value)) {
      pair.value.value = value;
      // A plain scalar that would now read as another type is quoted by yaml; force nothing else.
    } else {
      pair.value = document.createNode(value);
    }
  }
}

/** The indentation the file already uses, so a save does not re-indent it. */
function detectIndent(text: string): number {
  const match = /\n( +)\S/.exec(text);
  const width = match?.[1]?.length ?? 2;
  return width >= 1 && width <= 8 ? width : 2;
}
