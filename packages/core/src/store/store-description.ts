/**
 * What one option of a secret store is, as a config file may write it. Stores describe their own
 * options so that `@twauth/config` builds a file's `store:` section from these descriptions and never
 * restates them: a new store option appears in config files with no change to config.
 *
 * - `string`, `path` (relative to the config file), `paths` (a list of them), `boolean`, `integer`
 *   (with `min`/`max`), `duration` (seconds or "500ms"/"5m", core's `durationToMs`), `enum` (one of
 *   `values`), `string-or-map` (one string, or a map of profile name to string).
 *
 * @example
 * const pathOption: SecretStoreOptionDescription = {
 *   name: "path",
 *   kind: "path",
 *   required: true,
 *   description: "the ini file, relative to the config file",
 * };
 */
export interface SecretStoreOptionDescription {
  /** The option's name in code (camelCase); config files may also write it in snake_case. */
  readonly name: string;
  readonly kind: "string" | "path" | "paths" | "boolean" | "integer" | "duration" | "enum" | "string-or-map";
  /** True when the store cannot be made without it. */
  readonly required?: boolean;
  /** For `enum`: the allowed values. */
  readonly values?: readonly string[];
  /** For `integer` and `duration` (in ms): the bounds, inclusive. */
  readonly min?: number;
  readonly max?: number;
  /** The default the store applies, for documentation and messages (never a secret). */
  readonly default?: string | number | boolean;
  /** One line for a person: what the option does. */
  readonly description: string;
}

/**
 * A store package's description of itself: the `type` a config file names, the factory it exports,
 * and its options. Every store package exports one as `storeDescription`.
 *
 * @example
 * export const storeDescription: SecretStoreDescription = {
 *   type: "ini",
 *   packageName: "@twauth/store-ini",
 *   factory: "iniStore",
 *   options: [{ name: "path", kind: "path", required: true, description: "the ini file" }],
 * };
 */
export interface SecretStoreDescription {
  /** The name a config file writes as `store: { type: ... }`. */
  readonly type: string;
  /** The npm package that exports the factory (for install hints). */
  readonly packageName: string;
  /** The name of the exported factory that takes these options and returns the store. */
  readonly factory: string;
  readonly options: readonly SecretStoreOptionDescription[];
}
