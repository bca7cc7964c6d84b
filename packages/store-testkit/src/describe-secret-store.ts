import { inspect } from "node:util";
import type { SecretStore, WritableSecretStore } from "@twauth/core";
import {
  canonicalCredentialField,
  isTwauthError,
  isUpdatableSecretStore,
  isWritableSecretStore,
  resolveCredentials,
} from "@twauth/core";
import { describe, expect, it } from "vitest";
import type { SecretStoreSeed } from "./contract-seed.js";
import { contractSeed, hostileValues, seedValues } from "./contract-seed.js";
import { updateCases } from "./update-cases.js";

/**
 * A fresh store holding the seed's profiles, and how to remove it afterwards.
 *
 * @example
 * const temp = await createTempDirectory();
 * const fixture: SecretStoreFixture = { store: iniStore({ path: temp.file("credentials") }), cleanup: temp.cleanup };
 */
export interface SecretStoreFixture {
  readonly store: SecretStore;
  /** Runs after each case, also when it failed. @default nothing to clean up */
  cleanup?(): Promise<void> | void;
}

/**
 * Creates a fresh store seeded with `seed.profiles` (profile -> key -> value), for one test case.
 * For a store with profiles by name prefix (env, .env), write profile `bot2`'s `API_KEY` where
 * that store reads it (`TWAUTH_BOT2_API_KEY`).
 *
 * @example
 * const factory: SecretStoreFactory = ({ profiles }) => ({ store: memorySecretStore(profiles) });
 */
export type SecretStoreFactory = (seed: SecretStoreSeed) => Promise<SecretStoreFixture> | SecretStoreFixture;

/**
 * Options of `describeSecretStore`.
 *
 * @example
 * describeSecretStore("envStore", ({ profiles }) => ({ store: envStore({ env: toEnv(profiles) }) }), { readOnly: true });
 */
export interface DescribeSecretStoreOptions {
  /** The store has no `save` (like `envStore`): the write cases become one "has no save" case. @default false */
  readOnly?: boolean;
  /**
   * The store has `update` (an `UpdatableSecretStore`): the update cases run. Without it the suite
   * checks that the store has no `update`, so refresh-token rotation stays in one process.
   * @default false
   */
  updatable?: boolean;
}

/** What the cases of one suite share: the seed, and how to run a case on a fresh store. */
interface SuiteContext {
  readonly seed: SecretStoreSeed;
  readonly defaults: Readonly<Record<string, string>>;
  readonly bot2: Readonly<Record<string, string>>;
  withStore(test: (store: SecretStore) => Promise<void>): Promise<void>;
  writableCase(title: string, test: (store: WritableSecretStore) => Promise<void>): void;
}

/**
 * The contract every secret store passes, as a vitest suite: loading profiles, a missing profile,
 * aliases, no secret in any error, concurrent loads, an aborted signal, and for writable stores
 * the save round-trip (alias kept, keys added, profile created, hostile values, concurrent saves),
 * and for updatable stores the update cases (see `updatable`).
 * The factory runs once per case, so every case starts from a fresh store.
 *
 * @example
 * describeSecretStore("jsonFileStore", async ({ profiles }) => {
 *   const temp = await createTempDirectory();
 *   await writeFile(temp.file("secrets.json"), JSON.stringify(profiles), { mode: 0o600 });
 *   return { store: jsonFileStore({ path: temp.file("secrets.json") }), cleanup: temp.cleanup };
 * });
 */
export function describeSecretStore(
  name: string,
  factory: SecretStoreFactory,
  options: DescribeSecretStoreOptions = {},
): void {
  const seed = contractSeed;
  async function withStore(test: (store: SecretStore) => Promise<void>): Promise<void> {
    const fixture = await factory(seed);
    try {
      await test(fixture.store);
    } finally {
      await fixture.cleanup?.();
    }
  }
  function writableCase(title: string, test: (store: WritableSecretStore) => Promise<void>): void {
    if (options.readOnly === true) return;
    it(title, () =>
      withStore(async (store) => {
        expect(isWritableSecretStore(store)).toBe(true);
        await test(store as WritableSecretStore);
      }),
    );
  }
  const context: SuiteContext = {
    seed,
    defaults: seed.profiles.default!,
    bot2: seed.profiles.bot2!,
    withStore,
    writableCase,
  };
  describe(`${name} (SecretStore contract)`, () => {
    loadCases(context);
    profileCases(context);
    if (options.readOnly === true) {
      it("is read-only: it has no save method", () =>
        withStore(async (store) => {
          expect(isWritableSecretStore(store)).toBe(false);
        }));
    }

    saveCases(context);
    concurrentSaveCases(context);
    if (options.updatable === true) {
      updateCases(context);
    } else {
      it("has no update: a refresh token rotates in this process only", () =>
        withStore(async (store) => {
          expect(isUpdatableSecretStore(store)).toBe(false);
        }));
    }
  });
}

function loadCases({ seed, defaults, bot2, withStore }: SuiteContext): void {
  it("has a kind and a printable source", () =>
    withStore(async (store) => {
      expect(typeof store.kind).toBe("string");
      expect(store.kind.length).toBeGreaterThan(0);
      expect(typeof store.source).toBe("string");
      for (const value of seedValues(seed)) expect(store.source).not.toContain(value);
    }));

  it("loads the default profile as the key/value pairs it was given", () =>
    withStore(async (store) => {
      expect(await store.load()).toEqual(defaults);
      expect(await store.load({ profile: "default" })).toEqual(defaults);
    }));

  it("keeps profiles apart: profile bot2 gets only its own keys", () =>
    withStore(async (store) => {
      expect(await store.load({ profile: "bot2" })).toEqual(bot2);
    }));

  it("rejects a missing profile with PROFILE_NOT_FOUND naming it and the profiles that exist", () =>
    withStore(async (store) => {
      const error = await rejection(store.load({ profile: "nope" }));
      expect(isTwauthError(error, "PROFILE_NOT_FOUND")).toBe(true);
      expect((error as Error).message).toContain('"nope"');
      expect((error as Error).message).toContain("default");
      expect((error as Error).message).toContain("bot2");
      expectNoSecret(error, seedValues(seed));
    }));
}

function profileCases({ defaults, bot2, withStore }: SuiteContext): void {
  it("gives records whose seed-tutorial and portal key names resolve through the alias table", () =>
    withStore(async (store) => {
      expect(resolveCredentials(await store.load(), { source: store.source })).toEqual({
        type: "user",
        consumerKey: defaults.CONSUMER_KEY,
        consumerSecret: defaults.CONSUMER_SECRET,
        accessToken: defaults.ACCESS_KEY,
        accessTokenSecret: defaults.ACCESS_SECRET,
      });
      expect(resolveCredentials(await store.load({ profile: "bot2" }), { source: store.source })).toEqual({
        type: "user",
        consumerKey: bot2.API_KEY,
        consumerSecret: bot2.API_KEY_SECRET,
        accessToken: bot2.ACCESS_TOKEN,
        accessTokenSecret: bot2.ACCESS_TOKEN_SECRET,
      });
    }));

  it("answers concurrent loads of different profiles alike", () =>
    withStore(async (store) => {
      const profiles = Array.from({ length: 16 }, (_, index) => (index % 2 === 0 ? "default" : "bot2"));
      const records = await Promise.all(profiles.map((profile) => store.load({ profile })));
      records.forEach((record, index) => {
        expect(record).toEqual(profiles[index] === "default" ? defaults : bot2);
      });
    }));

  it("rejects with ABORTED when the signal is already aborted", () =>
    withStore(async (store) => {
      const controller = new AbortController();
      controller.abort();
      const error = await rejection(store.load({ signal: controller.signal }));
      expect(isTwauthError(error, "ABORTED")).toBe(true);
    }));
}

function saveCases({ defaults, bot2, writableCase }: SuiteContext): void {
  writableCase("updates a field under the alias the profile already uses", async (store) => {
    await store.save({ accessToken: "at-default-rotated-X1" });
    const record = await store.load();
    expect(record).toEqual({ ...defaults, ACCESS_KEY: "at-default-rotated-X1" });
    expect(await store.load({ profile: "bot2" })).toEqual(bot2);
  });

  writableCase("adds new keys to a profile and keeps every other one", async (store) => {
    await store.save({ bearerToken: "bt-bot2-added" }, { profile: "bot2" });
    const record = await store.load({ profile: "bot2" });
    const added = Object.keys(record).filter((key) => !(key in bot2));
    expect(added).toHaveLength(1);
    expect(canonicalCredentialField(added[0]!)).toBe("bearerToken");
    expect(record).toEqual({ ...bot2, [added[0]!]: "bt-bot2-added" });
    expect(await store.load()).toEqual(defaults);
  });

  writableCase("creates a profile that did not exist", async (store) => {
    const bot3 = { CONSUMER_KEY: "ck-bot3", CONSUMER_SECRET: "cs-bot3" };
    await store.save(bot3, { profile: "bot3" });
    expect(await store.load({ profile: "bot3" })).toEqual(bot3);
    expect(await store.load({ profile: "bot2" })).toEqual(bot2);
  });

  writableCase("writes hostile values so they read back unchanged", async (store) => {
    for (const value of hostileValues) {
      await store.save({ BEARER_TOKEN: value }, { profile: "bot2" });
      expect((await store.load({ profile: "bot2" })).BEARER_TOKEN).toBe(value);
    }
    expect(await store.load()).toEqual(defaults);
  });
}

function concurrentSaveCases({ defaults, writableCase }: SuiteContext): void {
  writableCase("lands every one of several concurrent saves", async (store) => {
    const fields = ["bearerToken", "clientId", "clientSecret", "oauth2AccessToken", "oauth2RefreshToken"];
    const loads: Promise<unknown>[] = [];
    await Promise.all(
      fields.map((field, index) => {
        loads.push(store.load());
        return store.save({ [field]: `value-${index}` });
      }),
    );
    // A load running during the saves sees the whole profile, before or after each save.
    for (const record of await Promise.all(loads)) expect(record).toMatchObject(defaults);
    const record = await store.load();
    const saved = Object.entries(record).filter(([key]) => !(key in defaults));
    expect(saved.map(([key]) => canonicalCredentialField(key)).sort()).toEqual([...fields].sort());
    expect(Object.fromEntries(saved.map(([key, value]) => [canonicalCredentialField(key), value]))).toEqual(
      Object.fromEntries(fields.map((field, index) => [field, `value-${index}`])),
    );
  });
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected the promise to reject");
}

/**
 * Asserts that no secret value shows in the error's message, cause, `util.inspect` or
 * `JSON.stringify`: the check behind the contract's "no secret in any error" cases.
 *
 * @example
 * const error = await store.load({ profile: "missing" }).catch((caught: unknown) => caught);
 * expectNoSecret(error, seedValues(contractSeed));
 */
export function expectNoSecret(error: unknown, secrets: readonly string[]): void {
  const views = [
    String((error as Error)?.message),
    inspect((error as Error)?.cause, { depth: 5 }),
    inspect(error, { depth: 5 }),
    JSON.stringify(error),
  ];
  for (const secret of secrets) {
    for (const view of views) expect(view).not.toContain(secret);
  }
}
