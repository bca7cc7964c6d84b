import type { SecretRecord, SecretStore, UpdatableSecretStore } from "@twauth/core";
import { canonicalCredentialField, isTwauthError, isUpdatableSecretStore } from "@twauth/core";
import { expect, it } from "vitest";
import type { SecretStoreSeed } from "./contract-seed.js";

/** What the update cases need from `describeSecretStore`: the seed and a fresh store per case. */
export interface UpdateCaseContext {
  readonly seed: SecretStoreSeed;
  withStore(test: (store: SecretStore) => Promise<void>): Promise<void>;
}

/** The key of `record` that holds canonical `field` (`ACCESS_KEY` for `accessToken`), if any. */
function keyFor(record: SecretRecord, field: string): string | undefined {
  return Object.keys(record).find((key) => canonicalCredentialField(key) === field);
}

/**
 * The cases of an updatable store (`UpdatableSecretStore`): `update` merges as `save` does, sees
 * the latest write, writes nothing when `change` gives `undefined` or throws, resolves to what a
 * fresh load returns, and concurrent updates in one process never lose one.
 */
export function updateCases(context: UpdateCaseContext): void {
  const updatableCase: UpdatableCase = (title, test) =>
    it(title, () =>
      context.withStore(async (store) => {
        expect(isUpdatableSecretStore(store)).toBe(true);
        await test(store as UpdatableSecretStore);
      }),
    );
  mergeCases(context.seed, updatableCase);
  refusalCases(context.seed, updatableCase);
}

type UpdatableCase = (title: string, test: (store: UpdatableSecretStore) => Promise<void>) => void;

function mergeCases(seed: SecretStoreSeed, updatableCase: UpdatableCase): void {
  const defaults = seed.profiles.default!;
  const bot2 = seed.profiles.bot2!;
  updatableCase(
    "update gives change the current record and merges its answer as save does",
    async (store) => {
      const seen: SecretRecord[] = [];
      const result = await store.update(async (current) => {
        seen.push(current);
        return { accessToken: "at-default-updated-U1", oauth2RefreshToken: "rt-added-U1" };
      });
      expect(seen).toEqual([defaults]);
      const added = keyFor(result, "oauth2RefreshToken");
      expect(added).toBeDefined();
      expect(result).toEqual({ ...defaults, ACCESS_KEY: "at-default-updated-U1", [added!]: "rt-added-U1" });
      expect(await store.load({ forceRefresh: true })).toEqual(result);
      expect(await store.load({ profile: "bot2", forceRefresh: true })).toEqual(bot2);
    },
  );

  updatableCase("update of a named profile resolves to the record a fresh load returns", async (store) => {
    await store.save({ bearerToken: "bt-bot2-saved-U2" }, { profile: "bot2" });
    const result = await store.update(
      async (current) => {
        expect(current[keyFor(current, "bearerToken")!]).toBe("bt-bot2-saved-U2");
        return { accessTokenSecret: "as-bot2-updated-U2" };
      },
      { profile: "bot2" },
    );
    expect(result.ACCESS_TOKEN_SECRET).toBe("as-bot2-updated-U2");
    expect(await store.load({ profile: "bot2", forceRefresh: true })).toEqual(result);
    expect(await store.load({ forceRefresh: true })).toEqual(defaults);
  });

  updatableCase("update writes nothing when change returns undefined", async (store) => {
    let calls = 0;
    const result = await store.update(async () => {
      calls += 1;
      return undefined;
    });
    expect(calls).toBe(1);
    expect(result).toEqual(defaults);
    expect(await store.load({ forceRefresh: true })).toEqual(defaults);
  });
}

function refusalCases(seed: SecretStoreSeed, updatableCase: UpdatableCase): void {
  const defaults = seed.profiles.default!;
  updatableCase("update rejects with what change threw and writes nothing", async (store) => {
    const failure = new Error("the token endpoint failed");
    await expect(store.update(async () => Promise.reject(failure))).rejects.toBe(failure);
    expect(await store.load({ forceRefresh: true })).toEqual(defaults);
  });

  updatableCase("update of a missing profile rejects as load does, without calling change", async (store) => {
    const loadError = await store.load({ profile: "nope" }).catch((error: unknown) => error);
    let calls = 0;
    const updateError = await store
      .update(
        async () => {
          calls += 1;
          return { bearerToken: "bt-never" };
        },
        { profile: "nope" },
      )
      .catch((error: unknown) => error);
    expect(calls).toBe(0);
    expect(isTwauthError(updateError)).toBe(true);
    expect((updateError as { code: string }).code).toBe((loadError as { code: string }).code);
  });

  updatableCase(
    "update rejects with ABORTED when the signal is already aborted, without calling change",
    async (store) => {
      const controller = new AbortController();
      controller.abort();
      let calls = 0;
      const error = await store
        .update(
          async () => {
            calls += 1;
            return undefined;
          },
          { signal: controller.signal },
        )
        .catch((caught: unknown) => caught);
      expect(isTwauthError(error, "ABORTED")).toBe(true);
      expect(calls).toBe(0);
    },
  );

  updatableCase(
    "concurrent updates in one process each see the one before: a counter of 8 ends at 8",
    async (store) => {
      await store.save({ oauth2AccessToken: "0" });
      const increment = async (current: SecretRecord) => {
        const value = Number(current[keyFor(current, "oauth2AccessToken")!]);
        await new Promise((done) => setImmediate(done));
        return { oauth2AccessToken: String(value + 1) };
      };
      await Promise.all(Array.from({ length: 8 }, () => store.update(increment)));
      const record = await store.load({ forceRefresh: true });
      expect(record[keyFor(record, "oauth2AccessToken")!]).toBe("8");
    },
  );
}
