import type { TwauthError } from "@twauth/core";
import { canonicalCredentialField, credentialKeyPrefixWords, DEFAULT_PROFILE } from "@twauth/core";
import { profileNotFoundError } from "./store-errors.js";

/**
 * What a named profile's variables start with when the store has no prefix: profile `bot2` is
 * `TWAUTH_BOT2_CONSUMER_KEY` and so on. The default profile uses the bare names instead.
 *
 * @example
 * const name = `${DEFAULT_ENV_PROFILE_PREFIX}BOT2_CONSUMER_KEY`; // "TWAUTH_BOT2_CONSUMER_KEY"
 */
export const DEFAULT_ENV_PROFILE_PREFIX = "TWAUTH_";

/**
 * Environment-style variables: names to values, as `process.env` holds them.
 *
 * @example
 * const variables: EnvVariables = { CONSUMER_KEY: "…", TWAUTH_BOT2_CONSUMER_KEY: "…" };
 */
export type EnvVariables = Readonly<Record<string, string | undefined>>;

/**
 * Which profile `selectEnvProfile` picks, and the prefix the store's names carry.
 *
 * @example
 * selectEnvProfile(process.env, { profile: "bot2", prefix: "MYAPP" });
 */
export interface EnvProfileOptions {
  /** The profile to select. @default "default" */
  profile?: string;
  /** A prefix every name of this store starts with, e.g. `MYAPP_` (a trailing `_` is added if missing). @default none */
  prefix?: string;
}

/**
 * One variable of a profile: its full `name`, the `key` the profile's record uses, its value.
 *
 * @example
 * { name: "TWAUTH_BOT2_ACCESS_TOKEN", key: "ACCESS_TOKEN", value: "…" }
 */
export interface EnvProfileEntry {
  readonly name: string;
  readonly key: string;
  readonly value: string;
}

/**
 * Gives a store prefix its trailing `_`, trimmed of blanks, so `MYAPP` and `MYAPP_` mean the same.
 * Names are case-sensitive, so the case is kept. `undefined` (no prefix) stays `undefined`.
 *
 * @example
 * normalizeEnvPrefix("MYAPP"); // "MYAPP_"
 * normalizeEnvPrefix("MYAPP_"); // "MYAPP_"
 */
export function normalizeEnvPrefix(prefix: string | undefined): string | undefined {
  if (prefix === undefined) return undefined;
  const trimmed = prefix.trim();
  return trimmed.endsWith("_") ? trimmed : `${trimmed}_`;
}

/**
 * How a profile name appears inside variable names: upper case, every run of other characters as
 * one `_`, no `_` at either end.
 *
 * @example
 * envProfileSegment("bot-2"); // "BOT_2"
 */
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
 *
 * @example
 * envProfileNamePrefix("default"); // ""
 * envProfileNamePrefix("bot2"); // "TWAUTH_BOT2_"
 * envProfileNamePrefix("bot2", "MYAPP"); // "MYAPP_BOT2_"
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
 *
 * @example
 * const entries = selectEnvProfile(process.env, { profile: "bot2" });
 * const record = Object.fromEntries(entries.map((entry) => [entry.key, entry.value]));
 */
export function selectEnvProfile(
  variables: EnvVariables,
  options: EnvProfileOptions = {},
): EnvProfileEntry[] {
  const profile = options.profile ?? DEFAULT_PROFILE;
  const namePrefix = envProfileNamePrefix(profile, options.prefix);
  const base = normalizeEnvPrefix(options.prefix) ?? DEFAULT_ENV_PROFILE_PREFIX;
  const entries: EnvProfileEntry[] = [];
  for (const [name, value] of Object.entries(variables)) {
    if (value === undefined || !name.startsWith(namePrefix)) continue;
    const key = name.slice(namePrefix.length);
    const accepted =
      profile === DEFAULT_PROFILE
        ? isCredentialKey(key)
        : isBareCredentialKey(key) && !readsAsDefault(name, base);
    if (accepted) entries.push({ name, key, value });
  }
  return entries;
}

/**
 * The keys (names without the profile's prefix) in the profile's part of `variables` that
 * `selectEnvProfile` leaves out as no credential, such as a typo `CONSUMER_SECRT`: names only, for
 * "did you mean" (see core's `withKeyLocations`). At most 1000.
 *
 * @example
 * unreadEnvKeys({ CONSUMER_KEY: "…", CONSUMER_SECRT: "…" }); // ["CONSUMER_SECRT"]
 */
export function unreadEnvKeys(variables: EnvVariables, options: EnvProfileOptions = {}): string[] {
  const profile = options.profile ?? DEFAULT_PROFILE;
  const namePrefix = envProfileNamePrefix(profile, options.prefix);
  const keys: string[] = [];
  for (const name of Object.keys(variables)) {
    if (keys.length >= 1000) break;
    if (!name.startsWith(namePrefix)) continue;
    const key = name.slice(namePrefix.length);
    if (key.length > 0 && !isCredentialKey(key)) keys.push(key);
  }
  return keys;
}

/**
 * The profiles present in `variables`: `default` first when it has any credential, then the named
 * ones (lower case, sorted). Used to list the choices when a profile is not found.
 *
 * @example
 * listEnvProfiles({ CONSUMER_KEY: "…", TWAUTH_BOT2_CONSUMER_KEY: "…" }); // ["default", "bot2"]
 */
export function listEnvProfiles(variables: EnvVariables, prefix?: string): string[] {
  const hasDefault = selectEnvProfile(variables, prefix === undefined ? {} : { prefix }).length > 0;
  const base = normalizeEnvPrefix(prefix) ?? DEFAULT_ENV_PROFILE_PREFIX;
  const profiles = new Set<string>();
  for (const [name, value] of Object.entries(variables)) {
    if (value === undefined || !name.startsWith(base) || readsAsDefault(name, base)) continue;
    const words = name.slice(base.length).split("_");
    // The shortest profile segment that leaves a bare credential key: TWAUTH_MY_BOT_ACCESS_TOKEN
    // is profile my_bot with ACCESS_TOKEN.
    for (let split = 1; split < words.length; split += 1) {
      const segment = words.slice(0, split);
      if (segment.every((word) => credentialKeyPrefixWords.has(word.toLowerCase()))) continue;
      if (isBareCredentialKey(words.slice(split).join("_"))) {
        profiles.add(segment.join("_").toLowerCase());
        break;
      }
    }
  }
  return [...(hasDefault ? [DEFAULT_PROFILE] : []), ...[...profiles].sort()];
}

/**
 * How an env-style store reports a profile with no variables: `PROFILE_NOT_FOUND` listing the
 * profiles there are and the names to add, or `undefined` for the default profile of a store with
 * no credentials at all (then `resolveCredentials` says which keys are missing).
 *
 * @example
 * const error = envProfileNotFoundError(".env", "bot3", variables, { howToAdd: (names) => `add ${names}CONSUMER_KEY=… lines for it` });
 * if (error !== undefined) throw error;
 */
export function envProfileNotFoundError(
  source: string,
  profile: string,
  variables: EnvVariables,
  options: { prefix?: string | undefined; howToAdd: (namePrefix: string) => string; plural?: boolean },
): TwauthError | undefined {
  const existing = listEnvProfiles(variables, options.prefix);
  if (profile === DEFAULT_PROFILE && existing.length === 0) return undefined;
  const howToAdd = options.howToAdd(envProfileNamePrefix(profile, options.prefix));
  return profileNotFoundError(source, profile, existing, howToAdd, { plural: options.plural === true });
}

/**
 * A name that is a whole credential key after the prefix belongs to the default profile, even when
 * its first word could name a profile: TWAUTH_OAUTH2_ACCESS_TOKEN is the default profile's OAuth 2.0
 * token, not profile "oauth2"'s access token.
 */
function readsAsDefault(name: string, base: string): boolean {
  return isCredentialKey(name.slice(base.length));
}

function isCredentialKey(key: string): boolean {
  return key.length > 0 && canonicalCredentialField(key) !== undefined;
}

function isBareCredentialKey(key: string): boolean {
  const first = key.split(/[_\-.]/)[0]?.toLowerCase() ?? "";
  return isCredentialKey(key) && !credentialKeyPrefixWords.has(first);
}
