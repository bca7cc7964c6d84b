import { AwsError } from "./aws-errors.js";
import type { SecretsManagerAction } from "./model.js";

/**
 * A fault for one request. `error` answers that AWS error type (with AWS's message for the ones it
 * knows, e.g. ThrottlingException "Rate exceeded"); `delayMs` waits first (real time; `stop()` cuts
 * it short); `resetSocket` answers nothing. At least one of them. Faults apply after the signature
 * check and before the access check, unless `afterHandling`.
 *
 * @example
 * sm.inject([{ error: "ThrottlingException" }, { delayMs: 200, resetSocket: true }], { action: "GetSecretValue" });
 */
export interface SecretsManagerFault {
  /** An AWS error type, e.g. "ThrottlingException" or "ResourceNotFoundException". @default no error */
  error?: string;
  /** The error's message. @default AWS's message for the known types, else "" */
  message?: string;
  /** @default 400; 500 for InternalServiceError, 503 for ServiceUnavailable */
  status?: number;
  /** Waits this long (real time) first. @default 0 */
  delayMs?: number;
  /** Destroys the socket instead of answering. @default false */
  resetSocket?: boolean;
  /**
   * Apply the fault after the call took effect: a PutSecretValue whose answer is lost, or a
   * GetSecretValue that read the value and then answers late.
   * @default false
   */
  afterHandling?: boolean;
}

/**
 * Which requests a fault or an access rule applies to; omitted fields match any.
 *
 * @example
 * sm.denyAccess({ action: "PutSecretValue", secretId: "prod/x-bot" } satisfies SecretsManagerTarget);
 */
export interface SecretsManagerTarget {
  /** @default any action */
  action?: SecretsManagerAction;
  /** A secret's name or ARN. @default any secret */
  secretId?: string;
}

const knownMessages: Readonly<Record<string, { message: string; status: number }>> = {
  ThrottlingException: { message: "Rate exceeded", status: 400 },
  InternalServiceError: { message: "An error occurred on the server side.", status: 500 },
  ServiceUnavailable: { message: "Service Unavailable", status: 503 },
  LimitExceededException: { message: "Request limit exceeded.", status: 400 },
};

export function faultError(fault: SecretsManagerFault): AwsError | undefined {
  if (fault.error === undefined) return undefined;
  const known = knownMessages[fault.error];
  return new AwsError(
    fault.error,
    fault.message ?? known?.message ?? "",
    fault.status ?? known?.status ?? 400,
  );
}

/** A request as faults and access rules match it: its action, and the names its secret goes by. */
export interface MatchedCall {
  action: SecretsManagerAction;
  /** The SecretId as sent, plus the secret's name and ARN when it exists. */
  secretNames: ReadonlySet<string>;
}

function matches(target: SecretsManagerTarget, call: MatchedCall): boolean {
  if (target.action !== undefined && target.action !== call.action) return false;
  return target.secretId === undefined || call.secretNames.has(target.secretId);
}

/** Queued faults (each used once, in order) and standing access denials. */
export class FaultQueue {
  #queue: { target: SecretsManagerTarget; fault: SecretsManagerFault }[] = [];
  #denials: SecretsManagerTarget[] = [];

  inject(faults: readonly SecretsManagerFault[], target: SecretsManagerTarget): void {
    for (const fault of faults) {
      if (fault.error === undefined && fault.delayMs === undefined && fault.resetSocket !== true) {
        throw new RangeError("a fault needs error, delayMs or resetSocket");
      }
      this.#queue.push({ target: { ...target }, fault: { ...fault } });
    }
  }

  take(call: MatchedCall): SecretsManagerFault | undefined {
    const index = this.#queue.findIndex((entry) => matches(entry.target, call));
    if (index === -1) return undefined;
    return this.#queue.splice(index, 1)[0]!.fault;
  }

  pending(): number {
    return this.#queue.length;
  }

  deny(target: SecretsManagerTarget): void {
    this.#denials.push({ ...target });
  }

  /** Lifts denials that match the target exactly (no target: all of them). */
  allow(target?: SecretsManagerTarget): void {
    this.#denials =
      target === undefined
        ? []
        : this.#denials.filter(
            (denial) => denial.action !== target.action || denial.secretId !== target.secretId,
          );
  }

  denied(call: MatchedCall): boolean {
    return this.#denials.some((denial) => matches(denial, call));
  }

  clear(): void {
    this.#queue = [];
  }
}
