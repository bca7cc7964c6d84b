import type { SecretStoreDescription } from "@twauth/core";

/**
 * What a config file may write under `store:` for this store (`@twauth/config` validates from it).
 *
 * @example
 * // twauth.config.yaml
 * // store: { type: yaml, path: twitter.yaml, key: twitter.accounts, max_alias_count: 0 }
 */
export const storeDescription: SecretStoreDescription = {
  type: "yaml",
  packageName: "@twauth/store-yaml",
  factory: "yamlStore",
  options: [
    {
      name: "path",
      kind: "path",
      required: true,
      description: "the yaml file whose top-level maps are profiles, relative to the config file",
    },
    {
      name: "key",
      kind: "string",
      description: "a dotted path to the map holding the profiles (twitter.accounts); default: the top level",
    },
    {
      name: "maxBytes",
      kind: "integer",
      min: 1,
      max: 16 * 1024 * 1024,
      default: 1024 * 1024,
      description: "the largest file accepted, in bytes",
    },
    {
      name: "maxAliasCount",
      kind: "integer",
      min: 0,
      max: 10_000,
      default: 100,
      description: "how many alias expansions the file may make before it is rejected as an alias bomb",
    },
  ],
};
