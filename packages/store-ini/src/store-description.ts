import type { SecretStoreDescription } from "@twauth/core";

/**
 * What a config file may write under `store:` for this store (`@twauth/config` validates from it).
 *
 * @example
 * // twauth.config.yaml
 * // store: { type: ini, path: credentials.ini, max_bytes: 65536 }
 */
export const storeDescription: SecretStoreDescription = {
  type: "ini",
  packageName: "@twauth/store-ini",
  factory: "iniStore",
  options: [
    {
      name: "path",
      kind: "path",
      required: true,
      description: "the ini file whose sections are profiles, relative to the config file",
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
