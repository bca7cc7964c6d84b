import type { SecretStoreDescription } from "@twauth/core";

/**
 * What a config file may write under `store:` for this store (`@twauth/config` validates from it).
 * `override` defaults to true, as `dotenvStore` applies it (a later file in `paths` wins), which is
 * the opposite of the dotenv library's own `override: false`.
 *
 * @example
 * // twauth.config.yaml
 * // store: { type: dotenv, paths: [.env, .env.local], max_bytes: 65536 }
 */
export const storeDescription: SecretStoreDescription = {
  type: "dotenv",
  packageName: "@twauth/store-dotenv",
  factory: "dotenvStore",
  options: [
    {
      name: "path",
      kind: "path",
      default: ".env",
      description: "the .env file, relative to the config file; ignored when paths is given",
    },
    {
      name: "paths",
      kind: "paths",
      description: "several .env files read in order, relative to the config file; takes the place of path",
    },
    {
      name: "override",
      kind: "boolean",
      default: true,
      description:
        "true: a later file in paths wins over an earlier one; false: the first file that sets a name wins",
    },
    {
      name: "prefix",
      kind: "string",
      description: "a prefix every name starts with, as in the env store (MYAPP_CONSUMER_KEY)",
    },
    {
      name: "maxBytes",
      kind: "integer",
      min: 1,
      max: 16 * 1024 * 1024,
      default: 1024 * 1024,
      description: "the largest file accepted, in bytes",
    },
  ],
};
