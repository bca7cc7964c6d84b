import { randomUUID } from "node:crypto";
import {
  GetSecretValueCommand,
  PutSecretValueCommand,
  type SecretsManagerClient,
  UpdateSecretVersionStageCommand,
} from "@aws-sdk/client-secrets-manager";
import type { TwauthError } from "@twauth/core";
import type { StoreAction } from "./aws-error-mapping.js";

/**
 * The stage a new version waits under until AWSCURRENT moves to it. One fixed label, not one per
 * writer: a second writer's PutSecretValue takes it over, so a process that died mid-update leaves
 * at most this one label behind, never a growing number (AWS caps the labels a secret may hold).
 */
export const pendingStage = "TWAUTH_PENDING";

/**
 * One compare-and-swap of a secret: the new value, and the version it was computed from.
 *
 * @example
 * const swap: VersionSwap = { secretId: "prod/x-bot", fromVersionId: read.versionId, secretString: JSON.stringify(merged) };
 */
export interface VersionSwap {
  readonly secretId: string;
  /** The AWSCURRENT version the new value was computed from. */
  readonly fromVersionId: string;
  readonly secretString: string;
  readonly signal?: AbortSignal | undefined;
}

/** Turns an AWS SDK failure of `action` into the store's error (names the secret, never a value). */
export type SwapFailure = (error: unknown, action: StoreAction) => Promise<TwauthError>;

/**
 * Writes `secretString` as the secret's AWSCURRENT version only if AWSCURRENT is still the version
 * it was computed from; resolves to `false` when another writer moved it first (nothing of ours
 * became current). Two steps, each one atomic in Secrets Manager:
 *
 * 1. PutSecretValue with `VersionStages: [TWAUTH_PENDING]`: a new version that is not current yet.
 * 2. UpdateSecretVersionStage moving AWSCURRENT to it with `RemoveFromVersionId` = the version read.
 *    AWS refuses the move when that version no longer holds AWSCURRENT ("If the label is attached
 *    and ... the version ID does not match, then the operation fails"): the compare-and-swap.
 *
 * A failed move is read as a lost race only when a fresh GetSecretValue shows AWSCURRENT elsewhere;
 * otherwise it is the store's error. The pending label is removed afterwards (best effort).
 *
 * @example
 * if (!(await swapVersion(client, swap, fail))) console.log("another process wrote first; read again");
 */
export async function swapVersion(
  client: SecretsManagerClient,
  swap: VersionSwap,
  fail: SwapFailure,
): Promise<boolean> {
  const abort = swap.signal === undefined ? {} : { abortSignal: swap.signal };
  // The new version's id; the SDK's retries resend it, so a retried put makes one version.
  const versionId = randomUUID();
  try {
    await client.send(
      new PutSecretValueCommand({
        SecretId: swap.secretId,
        SecretString: swap.secretString,
        ClientRequestToken: versionId,
        VersionStages: [pendingStage],
      }),
      abort,
    );
  } catch (error) {
    throw await fail(error, "PutSecretValue");
  }
  let won = true;
  try {
    await client.send(
      new UpdateSecretVersionStageCommand({
        SecretId: swap.secretId,
        VersionStage: "AWSCURRENT",
        MoveToVersionId: versionId,
        RemoveFromVersionId: swap.fromVersionId,
      }),
      abort,
    );
  } catch (error) {
    const current = await currentVersionId(client, swap.secretId, abort);
    // Ours already (a retried move whose first try landed), or another writer's: a lost race.
    won = current === versionId;
    if (!won && (current === undefined || current === swap.fromVersionId)) {
      throw await fail(error, "UpdateSecretVersionStage");
    }
  }
  await dropPendingStage(client, swap.secretId, versionId);
  return won;
}

async function currentVersionId(
  client: SecretsManagerClient,
  secretId: string,
  abort: { abortSignal?: AbortSignal },
): Promise<string | undefined> {
  try {
    const output = await client.send(new GetSecretValueCommand({ SecretId: secretId }), abort);
    return output.VersionId;
  } catch {
    return undefined;
  }
}

/** Removes the pending label from our version; if another writer took it meanwhile, AWS refuses and that is fine. */
async function dropPendingStage(client: SecretsManagerClient, secretId: string, versionId: string) {
  await client
    .send(
      new UpdateSecretVersionStageCommand({
        SecretId: secretId,
        VersionStage: pendingStage,
        RemoveFromVersionId: versionId,
      }),
    )
    .catch(() => undefined);
}
