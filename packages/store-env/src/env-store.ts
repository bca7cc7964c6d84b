import type { SecretRecord, SecretStore, SecretStoreLoadOptions } from "@twauth/core";
import { DEFAULT_PROFILE, TwauthError, withKeyLocations } from "@twauth/core";
import type { EnvVariables } from "@twauth/store-kit";
import {
  envProfileNotFoundError,
  normalizeEnvPrefix,
  selectEnvProfile,
  throwIfAborted,
  unreadEnvKeys,
} from "@twauth/store-kit";

/**
 * `envStore`'s options: which variables to read, and the prefix they carry.
 *
 * @example
 * envStore({ prefix: "MYAPP" }); // reads MYAPP_CONSUMER_KEY, MYAPP_BOT2_CONSUMER_KEY, ...
 */
export interface EnvStoreOptions {
  /** The variables to read. Read at every `load`, so later changes are seen. @default process.env */
  env?: EnvVariables;
  /**
   * A prefix every variable of this store starts with (a trailing `_` is added if missing):
   * with `MYAPP_`, the default profile reads `MYAPP_CONSUMER_KEY` and profile `bot2` reads
   * `MYAPP_BOT2_CONSUMER_KEY`. With a prefix, a load throws `STORE_NOT_FOUND` when no variable
   * starts with it.
   * @default none: bare names for the default profile, `TWAUTH_<PROFILE>_` for the others
   */
  prefix?: string;
}

/**
 * A read-only store over environment variables. The default profile reads the bare names
 * (`CONSUMER_KEY`, `TWITTER_ACCESS_TOKEN`, any alias core knows); profile `bot2` reads
 * `TWAUTH_BOT2_CONSUMER_KEY` and so on. Only credential names are returned, never other variables.
 *
 * @example
 * const api = await getApiConnection({ store: envStore(), profile: "bot2" });
 */
export function envStore(options: EnvStoreOptions = {}): SecretStore {
  const prefix = normalizeEnvPrefix(options.prefix);
  const source = prefix === undefined ? "environment variables" : `environment variables ${prefix}*`;
  return {
    kind: "env",
    source,
    async load(loadOptions: SecretStoreLoadOptions = {}): Promise<SecretRecord> {
      throwIfAborted(loadOptions.signal, source);
      const profile = loadOptions.profile ?? DEFAULT_PROFILE;
      const variables = options.env ?? process.env;
      if (prefix !== undefined && !Object.keys(variables).some((name) => name.startsWith(prefix))) {
        throw new TwauthError(
          "STORE_NOT_FOUND",
          `No environment variable starts with ${prefix}; set ${prefix}CONSUMER_KEY and the other keys, or check the prefix.`,
          { source },
        );
      }
      const selection = { profile, ...(prefix === undefined ? {} : { prefix }) };
      const entries = selectEnvProfile(variables, selection);
      if (entries.length === 0) {
        const error = envProfileNotFoundError(source, profile, variables, {
          prefix,
          plural: true,
          howToAdd: (namePrefix) => `set ${namePrefix}CONSUMER_KEY and the other keys`,
        });
        if (error !== undefined) throw error;
      }
      const record = Object.fromEntries(entries.map((entry) => [entry.key, entry.value]));
      // Names only, kept hidden: resolveCredentials asks "did you mean" for a typo among them.
      return withKeyLocations(record, {}, unreadEnvKeys(variables, selection));
    },
  };
}
