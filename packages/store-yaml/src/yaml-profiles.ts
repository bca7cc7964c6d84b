import type { SecretKeyLocation, SecretRecord } from "@twauth/core";
import { canonicalCredentialField, DEFAULT_PROFILE, TwauthError, withKeyLocations } from "@twauth/core";
import { describePosition, duplicateKeyError } from "@twauth/store-kit";
import type { Document, LineCounter, Pair, YAMLMap } from "yaml";
import { isMap, isScalar } from "yaml";

/** A parsed yaml file with what is needed to name lines in errors. */
export interface YamlSource {
  readonly file: string;
  readonly document: Document.Parsed;
  readonly lineCounter: LineCounter;
}

/** A map of the document, as plain data, with its node when one could be found (not behind an alias). */
export interface ProfileMap {
  readonly data: Readonly<Record<string, unknown>>;
  readonly node: YAMLMap | undefined;
  /** Where it is, as dotted key path segments. */
  readonly path: readonly string[];
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * The keys of the profiles map that are profiles: `default` when it has scalar credentials at the
 * top or a `default` map, then every other key whose value is a map and is not a credential name.
 */
export function profileNames(profiles: ProfileMap): string[] {
  const names: string[] = [];
  const hasTopLevelCredentials = Object.keys(profiles.data).some(isCredentialKey);
  if (hasTopLevelCredentials || isRecord(profiles.data[DEFAULT_PROFILE])) names.push(DEFAULT_PROFILE);
  for (const [key, value] of Object.entries(profiles.data)) {
    if (key !== DEFAULT_PROFILE && isProfileEntry(key, value)) names.push(key);
  }
  return names;
}

/** A profile is a map under a name that is not a credential key (`consumer_key: {…}` is a bad value). */
export function isProfileEntry(key: string, value: unknown): boolean {
  return isRecord(value) && !isCredentialKey(key);
}

export function isCredentialKey(key: string): boolean {
  return canonicalCredentialField(key) !== undefined;
}

/**
 * One profile's string values. The default profile is the `default` map plus, when credential
 * keys sit at the top of the profiles map (a flat file), every top-level key that is not a profile
 * (a key in both is a duplicate); profile `bot2` is the `bot2` map. A credential that is a number, boolean, null, list or map is an error naming its key path
 * and line; other non-text settings are left out. Returns `undefined` when the profile is absent.
 */
export function readProfile(
  source: YamlSource,
  profiles: ProfileMap,
  profile: string,
): SecretRecord | undefined {
  const pairs: { key: string; value: unknown; pair: Pair | undefined; path: string[] }[] = [];
  if (profile === DEFAULT_PROFILE && Object.keys(profiles.data).some(isCredentialKey)) {
    for (const [key, value] of Object.entries(profiles.data)) {
      if (isProfileEntry(key, value)) continue;
      pairs.push({ key, value, pair: findPair(profiles.node, key), path: [...profiles.path, key] });
    }
  }
  const map = profiles.data[profile];
  const found = isProfileEntry(profile, map);
  if (found) {
    const node = nodeOf(profiles.node, profile);
    for (const [key, value] of Object.entries(map as Record<string, unknown>)) {
      pairs.push({ key, value, pair: findPair(node, key), path: [...profiles.path, profile, key] });
    }
  }
  if (!found && pairs.length === 0) return undefined;
  rejectDuplicates(source, profile, profiles, new Set(pairs.map((entry) => entry.key)));
  const record: Record<string, string> = {};
  const locations: Record<string, SecretKeyLocation> = {};
  for (const { key, value, pair, path } of pairs) {
    if (typeof value === "string") {
      record[key] = value;
      const position = pair === undefined ? undefined : positionOf(source, pair);
      if (position !== undefined) locations[key] = { file: source.file, ...position };
    } else if (canonicalCredentialField(key) !== undefined) {
      throw nonStringError(source, profile, path, value, pair);
    }
  }
  return withKeyLocations(record, locations);
}

function rejectDuplicates(
  source: YamlSource,
  profile: string,
  profiles: ProfileMap,
  keys: ReadonlySet<string>,
): void {
  // Plain data has already collapsed duplicates, so they are found on the nodes.
  const nodes: Pair[] = [];
  if (profile === DEFAULT_PROFILE) {
    for (const pair of profiles.node?.items ?? []) {
      if (keys.has(keyText(pair)) && !isMap(pair.value)) nodes.push(pair);
    }
  }
  nodes.push(...(nodeOf(profiles.node, profile)?.items ?? []));
  const firstSeen = new Map<string, Pair>();
  for (const pair of nodes) {
    const key = keyText(pair);
    const first = firstSeen.get(key);
    const firstPosition = first === undefined ? undefined : positionOf(source, first);
    const position = positionOf(source, pair);
    if (firstPosition !== undefined && position !== undefined) {
      throw duplicateKeyError(source.file, profile, key, firstPosition, position);
    }
    firstSeen.set(key, pair);
  }
}

function nonStringError(
  source: YamlSource,
  profile: string,
  path: readonly string[],
  value: unknown,
  pair: Pair | undefined,
): TwauthError {
  const kind =
    value === null || value === undefined
      ? "empty (null)"
      : Array.isArray(value)
        ? "a list"
        : typeof value === "object"
          ? "a map"
          : `a ${typeof value}`;
  const fix =
    value === null || value === undefined
      ? "give it a value, or remove the key"
      : "a credential is text: put the value in quotes";
  const position = pair === undefined ? undefined : positionOf(source, pair);
  const where = position === undefined ? source.file : describePosition(source.file, position);
  const key = path[path.length - 1]!;
  return new TwauthError("CREDENTIALS_INVALID", `${where}: ${path.join(".")} is ${kind}, not text; ${fix}.`, {
    source: source.file,
    file: source.file,
    profile,
    keys: [key],
    ...(position === undefined ? {} : { line: position.line, column: position.column }),
  });
}

function keyText(pair: Pair): string {
  return isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
}

function findPair(map: YAMLMap | undefined, key: string): Pair | undefined {
  return map?.items.find((pair) => keyText(pair) === key);
}

function nodeOf(map: YAMLMap | undefined, key: string): YAMLMap | undefined {
  const items = map?.items.filter((pair) => keyText(pair) === key) ?? [];
  const value = items[items.length - 1]?.value;
  return isMap(value) ? value : undefined;
}

function positionOf(source: YamlSource, pair: Pair): { line: number; column: number } | undefined {
  const start = isScalar(pair.key) ? pair.key.range?.[0] : undefined;
  if (start === undefined) return undefined;
  const { line, col } = source.lineCounter.linePos(start);
  return { line, column: col };
}
