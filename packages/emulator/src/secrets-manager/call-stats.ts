import type { SecretsManagerAction } from "./model.js";

/** One request the Secrets Manager emulator answered (or dropped). */
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

export interface SecretsManagerCallFilter {
  action?: SecretsManagerAction | null;
  secretId?: string | null;
  status?: number | null;
  errorType?: string | null;
  accessKeyId?: string | null;
}

export interface SecretsManagerStats {
  readonly total: number;
  /** Counts per action ("unknown" for an unknown target). */
  readonly byAction: Readonly<Record<string, number>>;
  /** Every call since the last reset, oldest first. */
  readonly calls: readonly SecretsManagerCall[];
  /** Recorded calls matching every given field. */
  count(filter?: SecretsManagerCallFilter): number;
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
