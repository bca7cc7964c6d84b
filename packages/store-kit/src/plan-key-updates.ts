import type { CredentialField } from "@twauth/core";
import { canonicalCredentialField, credentialFieldKeyNames, TwauthError } from "@twauth/core";

/**
 * What `planKeyUpdates` needs besides the keys: names for its messages, and the case new keys take.
 *
 * @example
 * const options: PlanKeyUpdatesOptions = { source: "credentials.ini", profile: "bot2", defaultCase: "lower" };
 */
export interface PlanKeyUpdatesOptions {
  /** For messages: the store's source. */
  source: string;
  /** For messages: the profile being saved. */
  profile: string;
  /**
   * How to spell a key the profile does not have yet, when `values` names it by its canonical
   * field name (`accessToken`): in the case most of the profile's credential keys use, else this.
   */
  defaultCase: "upper" | "lower";
}

/**
 * Which keys a save writes: existing ones to change in place, new ones to append.
 *
 * @example
 * { updates: new Map([["ACCESS_KEY", "…"]]), additions: [{ key: "ACCESS_TOKEN_SECRET", value: "…" }] }
 */
export interface KeyUpdatePlan {
  /** Keys the profile already has, with their new values. */
  readonly updates: ReadonlyMap<string, string>;
  /** Keys to add, in the order `values` gave them. */
  readonly additions: readonly { readonly key: string; readonly value: string }[];
}

const canonicalFields = new Set<string>(Object.keys(credentialFieldKeyNames));

/**
 * Decides which keys a save writes. A key of `values` that the profile has is updated; a
 * credential key (canonical `accessToken` or any alias such as `ACCESS_TOKEN`) updates every key
 * the profile already uses for that field, so a file with `ACCESS_KEY=` keeps `ACCESS_KEY` and
 * never gains a conflicting `ACCESS_TOKEN`; anything else is added, canonical field names under
 * the name twauth writes for them (`credentialFieldKeyNames`). Throws `OPTIONS_INVALID` for an empty
 * key or two names of one credential, `CREDENTIALS_INVALID` for a value that is not one line of text.
 *
 * @example
 * const plan = planKeyUpdates({ accessToken: "…" }, ["CONSUMER_KEY", "ACCESS_KEY"], {
 *   source: ".env",
 *   profile: "default",
 *   defaultCase: "upper",
 * });
 * // plan.updates: ACCESS_KEY -> "…"; plan.additions: []
 */
export function planKeyUpdates(
  values: Readonly<Record<string, string>>,
  existingKeys: readonly string[],
  options: PlanKeyUpdatesOptions,
): KeyUpdatePlan {
  checkSaveValues(values, options);
  const updates = new Map<string, string>();
  const additions: { key: string; value: string }[] = [];
  const existingByField = new Map<CredentialField, string[]>();
  for (const key of existingKeys) {
    const field = canonicalCredentialField(key);
    if (field !== undefined) existingByField.set(field, [...(existingByField.get(field) ?? []), key]);
  }
  const keyCase = dominantCase(existingByField) ?? options.defaultCase;
  for (const [key, value] of Object.entries(values)) {
    if (existingKeys.includes(key)) {
      updates.set(key, value);
      continue;
    }
    const field = canonicalCredentialField(key);
    const aliases = field === undefined ? undefined : existingByField.get(field);
    if (aliases !== undefined) {
      for (const alias of aliases) updates.set(alias, value);
      continue;
    }
    if (field !== undefined && canonicalFields.has(key)) {
      const name = credentialFieldKeyNames[field];
      additions.push({ key: keyCase === "lower" ? name.toLowerCase() : name, value });
    } else {
      additions.push({ key, value });
    }
  }
  return { updates, additions };
}

function checkSaveValues(values: Readonly<Record<string, string>>, options: PlanKeyUpdatesOptions): void {
  const where = `${options.source} (profile "${options.profile}")`;
  const seen = new Map<CredentialField, string>();
  for (const [key, value] of Object.entries(values)) {
    if (key.trim().length === 0) {
      throw new TwauthError("OPTIONS_INVALID", `${where}: cannot save a value under an empty key name.`, {
        source: options.source,
        profile: options.profile,
      });
    }
    if (typeof value !== "string" || /[\r\n\0]/.test(value)) {
      throw new TwauthError(
        "CREDENTIALS_INVALID",
        `${where}: the value for ${key} must be one line of text (no line break or NUL character).`,
        { source: options.source, profile: options.profile, keys: [key] },
      );
    }
    const field = canonicalCredentialField(key);
    if (field === undefined) continue;
    const earlier = seen.get(field);
    if (earlier !== undefined) {
      throw new TwauthError(
        "OPTIONS_INVALID",
        `${where}: ${earlier} and ${key} name the same credential; save it under one name.`,
        { source: options.source, profile: options.profile, keys: [earlier, key] },
      );
    }
    seen.set(field, key);
  }
}

function dominantCase(
  existingByField: ReadonlyMap<CredentialField, string[]>,
): "upper" | "lower" | undefined {
  let upper = 0;
  let lower = 0;
  for (const keys of existingByField.values()) {
    for (const key of keys) {
      if (key === key.toUpperCase()) upper += 1;
      else if (key === key.toLowerCase()) lower += 1;
    }
  }
  if (upper === lower) return undefined;
  return upper > lower ? "upper" : "lower";
}
