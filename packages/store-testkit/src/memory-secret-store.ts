import type {
  SecretRecord,
  SecretStoreLoadOptions,
  SecretStoreSaveOptions,
  UpdatableSecretStore,
} from "@twauth/core";
import { DEFAULT_PROFILE, TwauthError } from "@twauth/core";
import { planKeyUpdates, throwIfAborted } from "@twauth/store-kit";
import type { SeedProfiles } from "./contract-seed.js";

/**
 * A store held in memory: the reference the contract suite is checked against, and a stand-in for
 * a real store in an application's own tests. Saves follow the file stores' alias rule (a new key
 * is written in UPPER_SNAKE_CASE). Updates take turns (one `change` at a time), so in one process
 * it is updatable like the file stores; it is not shared with any other process.
 *
 * @param profiles profile name -> key -> value; copied, so saves never change the caller's object.
 *   Defaults to `{}` (no profiles).
 * @param source what `source` and errors name as the store's location. Defaults to `"memory"`.
 *
 * @example
 * const store = memorySecretStore({ default: { CONSUMER_KEY: "ck-test", CONSUMER_SECRET: "cs-test" } });
 * const api = await getApiConnection({ store, baseUrl: emulator.url });
 */
export function memorySecretStore(profiles: SeedProfiles = {}, source = "memory"): UpdatableSecretStore {
  const data = new Map(Object.entries(profiles).map(([name, record]) => [name, { ...record }]));
  let updates: Promise<unknown> = Promise.resolve();
  const load = async (options: SecretStoreLoadOptions = {}): Promise<SecretRecord> => {
    throwIfAborted(options.signal, source);
    const profile = options.profile ?? DEFAULT_PROFILE;
    const record = data.get(profile);
    if (record === undefined) {
      const found = [...data.keys()].join(", ") || "none";
      throw new TwauthError(
        "PROFILE_NOT_FOUND",
        `${source} has no profile "${profile}" (profiles found: ${found}).`,
        { source, profile },
      );
    }
    return { ...record };
  };
  const save = async (values: Readonly<Record<string, string>>, options: SecretStoreSaveOptions = {}) => {
    throwIfAborted(options.signal, source);
    const profile = options.profile ?? DEFAULT_PROFILE;
    const record = { ...data.get(profile) };
    const plan = planKeyUpdates(values, Object.keys(record), { source, profile, defaultCase: "upper" });
    for (const [key, value] of plan.updates) record[key] = value;
    for (const { key, value } of plan.additions) record[key] = value;
    data.set(profile, record);
  };
  return {
    kind: "memory",
    source,
    load,
    save,
    async update(change, options: SecretStoreSaveOptions = {}): Promise<SecretRecord> {
      throwIfAborted(options.signal, source);
      const profile = options.profile === undefined ? {} : { profile: options.profile };
      const run = updates.then(async () => {
        const values = await change(await load(profile));
        if (values !== undefined) await save(values, profile);
        return load(profile);
      });
      updates = run.catch(() => undefined);
      return run;
    },
  };
}
