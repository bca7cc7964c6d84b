import { randomBytes, randomUUID } from "node:crypto";
import { awsErrors } from "./aws-errors.js";
import type { EmulatorSecret, SecretValueSeed } from "./model.js";

interface SecretVersion {
  readonly versionId: string;
  readonly value: string;
  readonly createdAt: number;
  stages: string[];
}

interface StoredSecret {
  readonly name: string;
  readonly arn: string;
  readonly createdAt: number;
  description: string | undefined;
  lastChangedAt: number;
  readonly versions: Map<string, SecretVersion>;
}

const current = "AWSCURRENT";
const previous = "AWSPREVIOUS";

export function secretText(value: SecretValueSeed): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}

/**
 * The secrets, with Secrets Manager's version rules: every write is a new version that takes
 * AWSCURRENT (or the stages it names), the version that had it becomes AWSPREVIOUS, a stage moves
 * between versions only from the version named (UpdateSecretVersionStage), and a version left without stages is
 * deprecated (kept, but not returned by a stage). A ClientRequestToken is the version id, so a
 * retried write with the same token and value is a no-op, and with another value an error.
 */
export class SecretVault {
  readonly #byName = new Map<string, StoredSecret>();
  readonly #byArn = new Map<string, StoredSecret>();

  constructor(
    private readonly region: string,
    private readonly accountId: string,
    private readonly now: () => number,
  ) {}

  /** By name or full ARN, as the SecretId parameter allows. */
  find(secretId: string): StoredSecret | undefined {
    return this.#byName.get(secretId) ?? this.#byArn.get(secretId);
  }

  require(secretId: string): StoredSecret {
    const secret = this.find(secretId);
    if (secret === undefined) throw awsErrors.resourceNotFound();
    return secret;
  }

  /** The ARN a secret of that name has, or would have; for AccessDenied messages. */
  arnFor(secretId: string): string {
    if (secretId.startsWith("arn:")) return secretId;
    return (
      this.find(secretId)?.arn ?? `arn:aws:secretsmanager:${this.region}:${this.accountId}:secret:${secretId}`
    );
  }

  create(name: string, value: string, options: { token?: string; description?: string } = {}) {
    if (this.#byName.has(name)) {
      throw awsErrors.resourceExists(`The operation failed because the secret ${name} already exists.`);
    }
    // AWS appends a dash and six random characters so a re-created secret gets a new ARN.
    const suffix = randomBytes(6).toString("base64url").slice(0, 6);
    const arn = `arn:aws:secretsmanager:${this.region}:${this.accountId}:secret:${name}-${suffix}`;
    const at = this.now();
    const secret: StoredSecret = {
      name,
      arn,
      createdAt: at,
      description: options.description,
      lastChangedAt: at,
      versions: new Map(),
    };
    this.#byName.set(name, secret);
    this.#byArn.set(arn, secret);
    const version = this.put(secret, value, options.token);
    return { secret, version };
  }

  /**
   * Adds a version with the given stages (default AWSCURRENT); a stage moves from the version that
   * had it, and when AWSCURRENT moves, the version that had it becomes AWSPREVIOUS. A token that
   * already made a version returns that version when the value is the same.
   */
  put(
    secret: StoredSecret,
    value: string,
    token: string = randomUUID(),
    stages: readonly string[] = [current],
  ): SecretVersion {
    const existing = secret.versions.get(token);
    if (existing !== undefined) {
      if (existing.value === value) return existing;
      throw awsErrors.resourceExists(
        `You can't modify an existing version, you can only create a new version. VersionId: ${token}`,
      );
    }
    const moving = new Set(stages.includes(current) ? [...stages, previous] : stages);
    const formerCurrent = [...secret.versions.values()].find((version) => version.stages.includes(current));
    for (const version of secret.versions.values()) {
      version.stages = version.stages.filter((stage) => !moving.has(stage));
    }
    if (stages.includes(current) && formerCurrent !== undefined) formerCurrent.stages.push(previous);
    const version: SecretVersion = { versionId: token, value, createdAt: this.now(), stages: [...stages] };
    secret.versions.set(token, version);
    secret.lastChangedAt = version.createdAt;
    return version;
  }

  /**
   * UpdateSecretVersionStage, by AWS's rule: a stage attached to another version moves only when
   * `removeFrom` names that very version, otherwise the call fails, so "move AWSCURRENT from the
   * version I read to mine" is a compare-and-swap. Moving AWSCURRENT makes the version it left
   * AWSPREVIOUS. Without `moveTo`, the stage is removed from `removeFrom` (never AWSCURRENT, which
   * must always be on some version).
   */
  moveStage(secret: StoredSecret, stage: string, target: { moveTo?: string; removeFrom?: string }): void {
    const holder = [...secret.versions.values()].find((version) => version.stages.includes(stage));
    if (target.moveTo === undefined) {
      this.#removeStage(secret, stage, holder, target.removeFrom);
      return;
    }
    const destination = secret.versions.get(target.moveTo);
    if (destination === undefined) throw awsErrors.resourceNotFoundVersion(`VersionId: ${target.moveTo}`);
    if (holder === destination) return;
    if (holder !== undefined) {
      if (target.removeFrom !== holder.versionId) {
        throw awsErrors.invalidParameter(
          `The staging label ${stage} is attached to version ${holder.versionId}; RemoveFromVersionId must name that version to move it.`,
        );
      }
      holder.stages = holder.stages.filter((label) => label !== stage);
      if (stage === current) {
        for (const version of secret.versions.values()) {
          version.stages = version.stages.filter((label) => label !== previous);
        }
        holder.stages.push(previous);
      }
    }
    destination.stages.push(stage);
    secret.lastChangedAt = this.now();
  }

  #removeStage(
    secret: StoredSecret,
    stage: string,
    holder: SecretVersion | undefined,
    removeFrom: string | undefined,
  ): void {
    if (removeFrom === undefined) {
      throw awsErrors.invalidParameter("Give MoveToVersionId, RemoveFromVersionId, or both.");
    }
    if (!secret.versions.has(removeFrom)) throw awsErrors.resourceNotFoundVersion(`VersionId: ${removeFrom}`);
    if (stage === current) {
      throw awsErrors.invalidParameter(
        "You can't remove the staging label AWSCURRENT from a version; move it to another version instead.",
      );
    }
    if (holder?.versionId !== removeFrom) {
      throw awsErrors.invalidParameter(
        `The staging label ${stage} is not attached to version ${removeFrom}, so it cannot be removed from it.`,
      );
    }
    holder.stages = holder.stages.filter((label) => label !== stage);
    secret.lastChangedAt = this.now();
  }

  version(secret: StoredSecret, selector: { versionId?: string; versionStage?: string }): SecretVersion {
    if (selector.versionId !== undefined) {
      const version = secret.versions.get(selector.versionId);
      if (version === undefined) throw awsErrors.resourceNotFoundVersion(`VersionId: ${selector.versionId}`);
      if (selector.versionStage !== undefined && !version.stages.includes(selector.versionStage)) {
        throw awsErrors.invalidRequest(
          `You provided a VersionStage that is not associated to the provided VersionId.`,
        );
      }
      return version;
    }
    const stage = selector.versionStage ?? current;
    for (const version of secret.versions.values()) {
      if (version.stages.includes(stage)) return version;
    }
    throw awsErrors.resourceNotFoundVersion(`VersionStage = ${stage}`);
  }

  delete(secretId: string): boolean {
    const secret = this.find(secretId);
    if (secret === undefined) return false;
    this.#byName.delete(secret.name);
    this.#byArn.delete(secret.arn);
    return true;
  }

  names(): string[] {
    return [...this.#byName.keys()];
  }

  /** Sets a secret from a test: creates it, or adds a version that becomes AWSCURRENT (rotation). */
  set(name: string, value: SecretValueSeed): EmulatorSecret {
    const text = secretText(value);
    const existing = this.find(name);
    if (existing === undefined) this.create(name, text);
    else this.put(existing, text);
    return this.view(name)!;
  }

  view(secretId: string): EmulatorSecret | undefined {
    const secret = this.find(secretId);
    if (secret === undefined) return undefined;
    const active = this.version(secret, {});
    return {
      name: secret.name,
      arn: secret.arn,
      versionId: active.versionId,
      value: active.value,
      versions: this.versionsToStages(secret),
    };
  }

  versionsToStages(secret: StoredSecret): Record<string, string[]> {
    return Object.fromEntries(
      [...secret.versions.values()]
        .filter((version) => version.stages.length > 0)
        .map((version) => [version.versionId, [...version.stages]]),
    );
  }
}

export type { SecretVersion, StoredSecret };
