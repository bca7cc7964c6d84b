import { canonicalCredentialField, DEFAULT_PROFILE } from "@twauth/core";

/** Where named profiles live when no prefix is given: `TWAUTH_BOT2_CONSUMER_KEY`. */
export const DEFAULT_ENV_PROFILE_PREFIX = "TWAUTH_";

/** Environment-style variables: names to values, as `process.env` holds them. */
export type EnvVariables = Readonly<Record<string, string | undefined>>;

export interface EnvProfileOptions {
  profile?: string;
  /** A prefix every name of this store starts with, e.g. `MYAPP_`. */
  prefix?: string;
}

/** One variable of a profile: its full `name`, the `key` the profile's record uses, its value. */
export interface EnvProfileEntry {
  readonly name: string;
  readonly key: string;
  readonly value: string;
}

const prefixWords = new Set(["TWITTER", "X", "TWAUTH"]);

/** `MYAPP` or `MYAPP_` -> `MYAPP_` (names are case-sensitive, so the case is kept). */
export function normalizeEnvPrefix(prefix: string | undefined): string | undefined {
  if (prefix === undefined) return undefined;
  const trimmed = prefix.trim();
  return trimmed.endsWith("_") ? trimmed : `${trimmed}_`;
}

/** `bot-2` -> `BOT_2`: how a profile name appears inside variable names. */
export function envProfileSegment(profile: string): string {
  return profile
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "");
}

/**
 * What every variable name of a profile starts with. The default profile uses the bare names
 * (`CONSUMER_KEY`, `TWITTER_API_KEY`), or `${prefix}CONSUMER_KEY` with a prefix; profile `bot2`
 * uses `TWAUTH_BOT2_CONSUMER_KEY`, or `${prefix}BOT2_CONSUMER_KEY` with a prefix.
 */
export function envProfileNamePrefix(profile: string, prefix?: string): string {
  const base = normalizeEnvPrefix(prefix);
  if (profile === DEFAULT_PROFILE) return base ?? "";
  return `${base ?? DEFAULT_ENV_PROFILE_PREFIX}${envProfileSegment(profile)}_`;
}

/**
 * The credential variables of one profile, by the rule of `envProfileNamePrefix`. Only names that
 * are credential keys (through core's alias table) are taken; inside a named profile the key must
 * be a bare one (`CONSUMER_KEY`, not `TWITTER_CONSUMER_KEY`), so profile names stay unambiguous.
 */
export function selectEnvProfile(
  variables: EnvVariables,
  options: EnvProfileOptions = {},
): EnvProfileEntry[] {
  const profile = options.profile ?? DEFAULT_PROFILE;
  const namePrefix = envProfileNamePrefix(profile, options.prefix);
  const entries: EnvProfileEntry[] = [];
  for (const [name, value] of Object.entries(variables)) {
    if (value === undefined || !name.startsWith(namePrefix)) continue;
    const key = name.slice(namePrefix.length);
    const accepted = profile === DEFAULT_PROFILE ? isCredentialKey(key) : isBareCredentialKey(key);
    if (accepted) entries.push({ name, key, value });
  }
  return entries;
}

/**
 * The profiles present in `variables`: `default` first when it has any credential, then the named
 * ones (lower case, sorted).
 */
export function listEnvProfiles(variables: EnvVariables, prefix?: string): string[] {
  const hasDefault = selectEnvProfile(variables, prefix === undefined ? {} : { prefix }).length > 0;
  const base = normalizeEnvPrefix(prefix) ?? DEFAULT_ENV_PROFILE_PREFIX;
  const profiles = new Set<string>();
  for (const [name, value] of Object.entries(variables)) {
    if (value === undefined || !name.startsWith(base)) continue;
    const words = name.slice(base.length).split("_");
    // The shortest profile segment that leaves a bare credential key: TWAUTH_MY_BOT_ACCESS_TOKEN
    // is profile my_bot with ACCESS_TOKEN.
    for (let split = 1; split < words.length; split += 1) {
      const segment = words.slice(0, split);
      if (segment.every((word) => prefixWords.has(word.toUpperCase()))) continue;
      if (isBareCredentialKey(words.slice(split).join("_"))) {
        profiles.add(segment.join("_").toLowerCase());
        break;
      }
    }
  }
  return [...(hasDefault ? [DEFAULT_PROFILE] : []), ...[...profiles].sort()];
}

function isCredentialKey(key: string): boolean {
  return key.length > 0 && canonicalCredentialField(key) !== undefined;
}

function isBareCredentialKey(key: string): boolean {
  const first = key.split(/[_\-.]/)[0]?.toUpperCase() ?? "";
  return isCredentialKey(key) && !prefixWords.has(first);
}
