import type { SecretsManagerAction } from "./model.js";

/**
 * One request the Secrets Manager emulator answered (or dropped).
 *
 * @example
 * const [first]: readonly SecretsManagerCall[] = sm.stats.calls;
 * expect(first?.action).toBe("GetSecretValue");
 */
export interface SecretsManagerCall {
  readonly seq: number;
  /** Epoch ms on the emulator's clock. */
  readonly at: number;
  /** null when X-Amz-Target named no operation the emulator knows. */
  readonly action: SecretsManagerAction | null;
  /** The SecretId (Name for CreateSecret) as sent, or null. */
  readonly secretId: string | null;
  /** The access key that signed it, once the signature was checked; null otherwise. */
  readonly accessKeyId: string | null;
  /** null when no answer was sent (socket reset, stopped during a delay). */
  readonly status: number | null;
  /** The AWS error type answered, or null for success. */
  readonly errorType: string | null;
  /** Whether an injected fault decided the answer. */
  readonly fault: boolean;
}

/**
 * Which calls `stats.count()` counts: those equal to every field given; a field left out matches
 * any call (give `null` to match "none").
 *
 * @example
 * const throttled: SecretsManagerCallFilter = { action: "GetSecretValue", errorType: "ThrottlingException" };
 * expect(sm.stats.count(throttled)).toBe(1);
 */
export interface SecretsManagerCallFilter {
  /** null matches calls naming no known operation. @default any action */
  action?: SecretsManagerAction | null;
  /** @default any secret */
  secretId?: string | null;
  /** null matches calls that got no answer. @default any status */
  status?: number | null;
  /** null matches successful calls. @default any error or none */
  errorType?: string | null;
  /** @default any key */
  accessKeyId?: string | null;
}

/**
 * Counts of the calls the Secrets Manager emulator received, so a test can prove a cache worked.
 *
 * @example
 * await store.load();
 * await store.load();
 * expect(sm.stats.byAction.GetSecretValue).toBe(1);
 */
export interface SecretsManagerStats {
  /** Every call received since the last reset. */
  readonly total: number;
  /** Counts per action ("unknown" for an unknown target). */
  readonly byAction: Readonly<Record<string, number>>;
  /** The calls since the last reset, oldest first; only the first `maxRecordedCalls` are kept. */
  readonly calls: readonly SecretsManagerCall[];
  /** Recorded calls (see `calls`) matching every given field. */
  count(filter?: SecretsManagerCallFilter): number;
  /** Sets the counts to zero and forgets the recorded calls. */
  reset(): void;
}

export class CallStats implements SecretsManagerStats {
  #total = 0;
  #calls: SecretsManagerCall[] = [];
  #byAction: Record<string, number> = {};

  constructor(private readonly maxRecordedCalls: number) {}

  get total(): number {
    return this.#total;
  }

  get byAction(): Readonly<Record<string, number>> {
    return { ...this.#byAction };
  }

  get calls(): readonly SecretsManagerCall[] {
    return this.#calls;
  }

  record(call: Omit<SecretsManagerCall, "seq">): SecretsManagerCall {
    this.#total += 1;
    const recorded = { ...call, seq: this.#total };
    // Bounded so a benchmark's million calls do not grow without end; counts stay exact below it.
    if (this.#calls.length < this.maxRecordedCalls) this.#calls.push(recorded);
    const key = call.action ?? "unknown";
    this.#byAction[key] = (this.#byAction[key] ?? 0) + 1;
    return recorded;
  }

  count(filter: SecretsManagerCallFilter = {}): number {
    const fields = Object.entries(filter) as [keyof SecretsManagerCallFilter, unknown][];
    return this.#calls.filter((call) => fields.every(([key, value]) => call[key] === value)).length;
  }

  reset(): void {
    this.#total = 0;
    this.#calls = [];
    this.#byAction = {};
  }
}
