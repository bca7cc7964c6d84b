import { randomUUID } from "node:crypto";
import {
  CreateSecretCommand,
  GetSecretValueCommand,
  PutSecretValueCommand,
  SecretsManagerClient,
} from "@aws-sdk/client-secrets-manager";
import type {
  SecretRecord,
  SecretStoreLoadOptions,
  SecretStoreSaveOptions,
  UpdatableSecretStore,
} from "@twauth/core";
import { DEFAULT_PROFILE, isTwauthError, TwauthError } from "@twauth/core";
import { planKeyUpdates, profileNotFoundError, throwIfAborted, untilAborted } from "@twauth/store-kit";
import { type StoreAction, storeErrorFromAws } from "./aws-error-mapping.js";
import { parseSecretRecord } from "./parse-secret-record.js";
import { SecretCache } from "./secret-cache.js";
import { SecretLocation } from "./secret-location.js";
import {
  type AwsSecretsManagerStoreOptions,
  type NormalizedStoreOptions,
  normalizeStoreOptions,
  profilePlaceholder,
  type SecretIds,
} from "./store-options.js";
import { swapVersion } from "./version-swap.js";

type RecordChange = Parameters<UpdatableSecretStore["update"]>[0];

/** A record as read, with the version it came from (the compare in `update`'s compare-and-swap). */
interface VersionedRecord {
  readonly record: SecretRecord;
  readonly versionId: string;
}

/**
 * A store over AWS Secrets Manager: one JSON secret per profile. Besides the store methods it tells
 * which secret a profile maps to, for messages and setup scripts.
 *
 * @example
 * const store: AwsSecretsManagerStore = awsSecretsManagerStore({ secretId: "prod/{profile}/x" });
 * store.secretIdFor("bot2"); // "prod/bot2/x"
 */
export interface AwsSecretsManagerStore extends UpdatableSecretStore {
  readonly kind: "aws-secrets-manager";
  /** The secret id(s) and, once known, the region: `prod/x-bot (us-east-1)`. Never content. */
  readonly source: string;
  /** The secret a profile reads and writes; PROFILE_NOT_FOUND for a profile the options do not name. */
  secretIdFor(profile?: string): string;
}

/**
 * Credentials from AWS Secrets Manager. Each profile is one secret holding one JSON object of key
 * names to strings (the alias table applies, as for every store). Loads are cached for `maxAge`
 * (default 5 minutes) and concurrent loads share one GetSecretValue; `save()` merges into the
 * secret and writes a new version with PutSecretValue; `update()` changes a profile as one step
 * across processes, with the secret's AWSCURRENT version as a compare-and-swap (see the README).
 *
 * A missing secret is created (by name, not ARN) on the first `save()`. AWS errors become
 * `TwauthError`s (`STORE_NOT_FOUND`, `STORE_UNREADABLE`, `NETWORK_ERROR`, ...) naming the secret and region.
 *
 * @example
 * const connection = await getApiConnection({ store: awsSecretsManagerStore({ secretId: "prod/x-bot" }) });
 *
 * @example
 * // One secret per profile, in a given region, cached for a minute.
 * const store = awsSecretsManagerStore({ secretId: "prod/{profile}/x", region: "eu-west-1", maxAge: "1m" });
 * const api = await getApiConnection({ store, profile: "bot2" });
 */
export function awsSecretsManagerStore(options: AwsSecretsManagerStoreOptions): AwsSecretsManagerStore {
  return new SecretsManagerSecretStore(normalizeStoreOptions(options));
}

class SecretsManagerSecretStore implements AwsSecretsManagerStore {
  readonly kind = "aws-secrets-manager" as const;
  readonly #options: NormalizedStoreOptions;
  readonly #cache: SecretCache;
  readonly #idsText: string;
  readonly #idByProfile = new Map<string, string>();
  readonly #writes = new Map<string, Promise<unknown>>();
  #client: SecretsManagerClient | undefined;
  #region: string | undefined;
  #regionLookup: Promise<string | undefined> | undefined;

  constructor(options: NormalizedStoreOptions) {
    this.#options = options;
    this.#cache = new SecretCache(options.maxAgeMs, options.now);
    this.#client = options.client;
    this.#idsText = describeSecretIds(options.secretIds);
    const region = options.clientConfig.region;
    if (typeof region === "string") this.#region = region;
  }

  get source(): string {
    return this.#region === undefined ? this.#idsText : `${this.#idsText} (${this.#region})`;
  }

  secretIdFor(profile: string = DEFAULT_PROFILE): string {
    const known = this.#idByProfile.get(profile);
    if (known !== undefined) return known;
    const secretId = resolveSecretId(this.#options.secretIds, profile, this.source);
    this.#idByProfile.set(profile, secretId);
    return secretId;
  }

  async load(options: SecretStoreLoadOptions = {}): Promise<SecretRecord> {
    throwIfAborted(options.signal, this.source);
    const profile = options.profile ?? DEFAULT_PROFILE;
    const secretId = this.secretIdFor(profile);
    const forced = options.forceRefresh === true;
    if (!forced) {
      const cached = this.#cache.fresh(secretId);
      if (cached !== undefined) return cached;
    }
    const pending = this.#cache.read(secretId, forced, () => this.#read(secretId, profile));
    return options.signal === undefined ? pending : untilAborted(pending, options.signal, this.source);
  }

  async save(values: Readonly<Record<string, string>>, options: SecretStoreSaveOptions = {}): Promise<void> {
    throwIfAborted(options.signal, this.source);
    const profile = options.profile ?? DEFAULT_PROFILE;
    const secretId = this.secretIdFor(profile);
    checkSaveValues(values, this.source);
    await this.#inTurn(secretId, () => this.#write(secretId, profile, values, options));
  }

  async update(change: RecordChange, options: SecretStoreSaveOptions = {}): Promise<SecretRecord> {
    throwIfAborted(options.signal, this.source);
    const profile = options.profile ?? DEFAULT_PROFILE;
    const secretId = this.secretIdFor(profile);
    return this.#inTurn(secretId, () => this.#updateInTurn(secretId, profile, change, options));
  }

  /** Writes to one secret from this store run one after another, so none reads the JSON another is replacing. */
  async #inTurn<T>(secretId: string, task: () => Promise<T>): Promise<T> {
    const previous = this.#writes.get(secretId) ?? Promise.resolve();
    const write = previous.catch(() => undefined).then(task);
    this.#writes.set(secretId, write);
    try {
      return await write;
    } finally {
      if (this.#writes.get(secretId) === write) this.#writes.delete(secretId);
    }
  }

  /**
   * Read (past the cache), `change`, compare-and-swap; after a lost race, read again and call
   * `change` again with the winner's record, up to `maxUpdateAttempts` times.
   */
  async #updateInTurn(
    secretId: string,
    profile: string,
    change: RecordChange,
    options: SecretStoreSaveOptions,
  ): Promise<SecretRecord> {
    const attempts = this.#options.maxUpdateAttempts;
    for (let attempt = 1; attempt <= attempts; attempt += 1) {
      throwIfAborted(options.signal, this.source);
      const read = await this.#readVersioned(secretId, profile, options.signal);
      this.#cache.written(secretId, read.record);
      const values = await change(read.record);
      if (values === undefined) return read.record;
      checkSaveValues(values, this.source);
      const merged = this.#merged(read.record, values, profile);
      const fail = async (error: unknown, action: StoreAction) =>
        storeErrorFromAws(error, await this.#location(secretId, profile), action, [
          ...Object.values(merged),
          ...Object.values(read.record),
        ]);
      const swap = { secretId, fromVersionId: read.versionId, secretString: JSON.stringify(merged) };
      if (await swapVersion(this.#sdkClient(), { ...swap, signal: options.signal }, fail)) {
        const record = Object.freeze(merged);
        this.#cache.written(secretId, record);
        return record;
      }
    }
    const where = await this.#location(secretId, profile);
    throw new TwauthError(
      "STORE_WRITE_FAILED",
      `${where.describe()}: another writer changed the secret first ${attempts} times in a row, so this update wrote nothing; try again, or raise maxUpdateAttempts.`,
      where.context(),
    );
  }

  #merged(current: SecretRecord, values: Readonly<Record<string, string>>, profile: string) {
    const plan = planKeyUpdates(values, Object.keys(current), {
      source: this.source,
      profile,
      defaultCase: "upper",
    });
    const merged: Record<string, string> = { ...current };
    for (const [key, value] of plan.updates) merged[key] = value;
    for (const { key, value } of plan.additions) merged[key] = value;
    return merged;
  }

  async #write(
    secretId: string,
    profile: string,
    values: Readonly<Record<string, string>>,
    options: SecretStoreSaveOptions,
  ): Promise<void> {
    throwIfAborted(options.signal, this.source);
    let current: SecretRecord | undefined;
    try {
      current = await this.#cache.read(secretId, true, () => this.#read(secretId, profile));
    } catch (error) {
      // A missing secret is created on the first save (twauth login for a new profile), by name only.
      if (!isTwauthError(error, "STORE_NOT_FOUND") || secretId.startsWith("arn:")) throw error;
    }
    const merged = this.#merged(current ?? {}, values, profile);
    const secretString = JSON.stringify(merged);
    // The version id: the SDK's retries resend it, so a retried write cannot make two versions.
    const clientRequestToken = randomUUID();
    const action: StoreAction = current === undefined ? "CreateSecret" : "PutSecretValue";
    const command =
      current === undefined
        ? new CreateSecretCommand({
            Name: secretId,
            SecretString: secretString,
            ClientRequestToken: clientRequestToken,
          })
        : new PutSecretValueCommand({
            SecretId: secretId,
            SecretString: secretString,
            ClientRequestToken: clientRequestToken,
          });
    const client = this.#sdkClient();
    try {
      await client.send(command as PutSecretValueCommand, abortOption(options.signal));
    } catch (error) {
      const where = await this.#location(secretId, profile);
      throw storeErrorFromAws(error, where, action, [
        ...Object.values(merged),
        ...Object.values(current ?? {}),
      ]);
    }
    this.#cache.written(secretId, Object.freeze(merged));
  }

  async #read(secretId: string, profile: string): Promise<SecretRecord> {
    return (await this.#readVersioned(secretId, profile)).record;
  }

  async #readVersioned(secretId: string, profile: string, signal?: AbortSignal): Promise<VersionedRecord> {
    const client = this.#sdkClient();
    let secretString: string | undefined;
    let versionId: string | undefined;
    try {
      const output = await client.send(
        new GetSecretValueCommand({ SecretId: secretId }),
        abortOption(signal),
      );
      secretString = output.SecretString;
      versionId = output.VersionId;
    } catch (error) {
      const where = await this.#location(secretId, profile);
      throw storeErrorFromAws(error, where, "GetSecretValue", this.#cache.values(secretId));
    }
    const where = await this.#location(secretId, profile);
    if (typeof secretString !== "string") {
      throw new TwauthError(
        "STORE_UNREADABLE",
        `${where.describe()} holds a binary secret (SecretBinary); twauth reads a SecretString holding one JSON object of key names to strings.`,
        where.context(),
      );
    }
    return { record: parseSecretRecord(secretString, where), versionId: versionId ?? "" };
  }

  async #location(secretId: string, profile: string): Promise<SecretLocation> {
    if (this.#region === undefined) {
      this.#regionLookup ??= this.#sdkClient()
        .config.region()
        .then(
          (region) => region,
          () => undefined,
        );
      this.#region = await this.#regionLookup;
    }
    return new SecretLocation(secretId, this.#region, profile, this.source);
  }

  #sdkClient(): SecretsManagerClient {
    this.#client ??= new SecretsManagerClient(this.#options.clientConfig);
    return this.#client;
  }
}

function abortOption(signal: AbortSignal | undefined): { abortSignal?: AbortSignal } {
  return signal === undefined ? {} : { abortSignal: signal };
}

function describeSecretIds(ids: SecretIds): string {
  if (ids.kind === "single") return ids.secretId;
  if (ids.kind === "template") return ids.template;
  return Object.entries(ids.byProfile)
    .map(([profile, secretId]) => `${profile}=${secretId}`)
    .join(", ");
}

function resolveSecretId(ids: SecretIds, profile: string, source: string): string {
  if (ids.kind === "template") {
    if (!/^[A-Za-z0-9_+=.@-]+$/.test(profile)) {
      throw new TwauthError(
        "PROFILE_NOT_FOUND",
        `${source}: profile "${profile}" cannot fill the {profile} placeholder of a secret name (use letters, digits and _+=.@-).`,
        { source, profile },
      );
    }
    return ids.template.split(profilePlaceholder).join(profile);
  }
  if (ids.kind === "single") {
    if (profile === DEFAULT_PROFILE) return ids.secretId;
    throw profileNotFoundError(
      source,
      profile,
      [DEFAULT_PROFILE],
      "give secretId a {profile} placeholder or a map from profile to secret id",
    );
  }
  const secretId = ids.byProfile[profile];
  if (secretId !== undefined && Object.hasOwn(ids.byProfile, profile)) return secretId;
  throw profileNotFoundError(
    source,
    profile,
    Object.keys(ids.byProfile),
    `add ${profile}: "<secret id>" to the secretId map`,
  );
}

function checkSaveValues(values: unknown, source: string): void {
  const bad =
    typeof values !== "object" || values === null || Array.isArray(values)
      ? ["values"]
      : Object.entries(values)
          .filter(([, value]) => typeof value !== "string")
          .map(([key]) => key);
  if (bad.length > 0) {
    throw new TwauthError(
      "OPTIONS_INVALID",
      `${source}: save() takes an object of key names to strings; ${bad.join(", ")} ${bad.length === 1 ? "is" : "are"} not.`,
      { source, keys: bad },
    );
  }
}
