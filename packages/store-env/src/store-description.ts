import type { SecretStoreDescription } from "@twauth/core";

/**
 * What a config file may write under `store:` for this store (`@twauth/config` validates from it).
 * Only `prefix`: the variables themselves (`env`) cannot be written in a file.
 *
 * @example
 * // twauth.config.yaml
 * // store: { type: env, prefix: MYAPP }
 */
export const storeDescription: SecretStoreDescription = {
  type: "env",
  packageName: "@twauth/store-env",
  factory: "envStore",
  options: [
    {
      name: "prefix",
      kind: "string",
      description:
        "a prefix every variable starts with (MYAPP reads MYAPP_CONSUMER_KEY); default: bare names, TWAUTH_<PROFILE>_ for other profiles",
    },
  ],
};
