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
  WritableSecretStore,
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

/**
 * A store over AWS Secrets Manager: one JSON secret per profile. Besides the store methods it tells
 * which secret a profile maps to, for messages and setup scripts.
 *
 * @example
 * const store: AwsSecretsManagerStore = awsSecretsManagerStore({ secretId: "prod/{profile}/x" });
 * store.secretIdFor("bot2"); // "prod/bot2/x"
 */
export interface AwsSecretsManagerStore extends WritableSecretStore {
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
 * secret and writes a new version with PutSecretValue.
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
    // Saves to one secret run one after another, so none reads the JSON another is replacing.
    const previous = this.#writes.get(secretId) ?? Promise.resolve();
    const write = previous.catch(() => undefined).then(() => this.#write(secretId, profile, values, options));
    this.#writes.set(secretId, write);
    try {
      await write;
    } finally {
      if (this.#writes.get(secretId) === write) this.#writes.delete(secretId);
    }
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
    const plan = planKeyUpdates(values, Object.keys(current ?? {}), {
      source: this.source,
      profile,
      defaultCase: "upper",
    });
    const merged: Record<string, string> = { ...current };
    for (const [key, value] of plan.updates) merged[key] = value;
    for (const { key, value } of plan.additions) merged[key] = value;
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
    const client = this.#sdkClient();
    let secretString: string | undefined;
    try {
      const output = await client.send(new GetSecretValueCommand({ SecretId: secretId }));
      secretString = output.SecretString;
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
    return parseSecretRecord(secretString, where);
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
