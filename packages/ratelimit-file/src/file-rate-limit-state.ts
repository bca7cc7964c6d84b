import type { Duration, RateLimitOutcome, RateLimitState, RateLimitTicket } from "@twauth/core";
import type { BudgetFile } from "./budget-file.js";
import { applySettlement, type Grant, newBudget, type Settlement, takeSends } from "./budget-rules.js";
import { changeBudgetFile, ensureFolder } from "./budget-transaction.js";
import { KeyQueue, type SendTicket, type Waiter } from "./key-queue.js";
import { leaseOwnerPrefix } from "./lease-owner.js";
import { boundedDuration, statePath } from "./options.js";
import { type FiguresFilter, readStoredFigures, type StoredFiguresList } from "./stored-figures.js";

/**
 * Options of `fileRateLimitState`: where the file is, how long a request's lease lasts, and how long
 * to wait for another process holding the file's lock.
 *
 * @example
 * const options: FileRateLimitStateOptions = { path: "/home/me/.cache/twauth/rate-limits.json" };
 */
export interface FileRateLimitStateOptions {
  /** The state file (JSON, mode 0600); its lock is `<path>.lock` beside it. */
  readonly path: string;
  /**
   * How long a sent request holds its unit of the budget if its process never settles it (the
   * process was killed): longer than your requests' timeout. @default "60s"
   */
  readonly leaseTime?: Duration;
  /** How long to wait for the file's lock before the request fails with `STORE_WRITE_FAILED`. @default "10s" */
  readonly lockTimeout?: Duration;
}

/**
 * A `RateLimitState` shared by every process on one host through one file, plus what the tests and
 * the bench read.
 *
 * @example
 * const state: FileRateLimitState = fileRateLimitState({ path });
 * console.log(state.fileTransactions);
 */
export interface FileRateLimitState extends Pick<RateLimitState, "acquire" | "settle"> {
  /** Locked read-modify-writes of the file this state has made. */
  readonly fileTransactions: number;
  /** Writes every queued settlement now: call it before `process.exit`, which skips queued work. */
  flush(): Promise<void>;
  /**
   * Reads the windows the file holds now, per key (`${tokenKey} ${endpoint}`), without a request,
   * its lock or a write: what earlier runs and other processes learned. Windows past their reset
   * are left out. Only token hashes are in the keys, never a token.
   */
  figures(filter?: FiguresFilter): Promise<StoredFiguresList>;
}

/** Settlements that someone may be waiting on are written at once; the others ride with the next call. */
function urgent(settlement: Settlement): boolean {
  return settlement.probe || settlement.outcome.blockedUntil !== undefined || !settlement.outcome.answered;
}

/**
 * The rate-limit budget of every process on one host, in one JSON file under the store kit's
 * cross-process lock: the memory state's contract (probe after a reset, a 429 holds everyone, 24-hour
 * caps), with in-flight requests as leases that expire, so a killed process gives its budget back.
 * One locked read-modify-write per decision: a process's queued callers and finished requests share
 * it, and a wait the file answered is shared by the process's callers until it ends.
 *
 * @example
 * const rateLimitState = fileRateLimitState({ path: "/home/me/.cache/twauth/rate-limits.json" });
 * const api = await getApiConnection({ credentials, rateLimitState, waitOnRateLimit: true });
 */
export function fileRateLimitState(options: FileRateLimitStateOptions): FileRateLimitState {
  const path = statePath(options);
  const leaseMs = boundedDuration("leaseTime", options.leaseTime, 60_000, [10, 3_600_000]);
  const lockTimeoutMs = boundedDuration("lockTimeout", options.lockTimeout, 10_000, [1, 60_000]);
  const budget = new FileBudget(path, leaseMs, lockTimeoutMs);
  return {
    acquire: (key, at) => budget.acquire(key, at),
    settle: (key, ticket, outcome) => budget.settle(key, ticket, outcome),
    get fileTransactions() {
      return budget.transactions;
    },
    flush: () => budget.flush(),
    figures: (filter) => readStoredFigures(path, filter),
  };
}

class FileBudget {
  transactions = 0;
  readonly #queues = new Map<string, KeyQueue>();
  readonly #leases = new WeakMap<object, string>();
  readonly #instance = leaseOwnerPrefix();
  #running: Promise<void> | undefined;
  #folder: Promise<void> | undefined;
  #scheduled: "now" | "soon" | undefined;
  // `at` is X's clock as the connection knows it; a settle-only write reuses the last offset seen.
  #clockOffset = 0;

  constructor(
    readonly path: string,
    readonly leaseMs: number,
    readonly lockTimeoutMs: number,
  ) {}

  acquire(key: string, at: number): RateLimitTicket | Promise<RateLimitTicket> {
    this.#clockOffset = at - Date.now();
    const queue = this.#queueFor(key);
    const held = queue.settlements.length === 0 ? queue.heldTicket(at) : undefined;
    if (held !== undefined) return held;
    return new Promise<RateLimitTicket>((resolve, reject) => {
      queue.waiters.push({ at, resolve, reject });
      this.#schedule("now");
    });
  }

  settle(key: string, ticket: SendTicket | undefined, outcome: RateLimitOutcome): void {
    const lease = ticket === undefined ? undefined : this.#leases.get(ticket);
    const settlement: Settlement = { lease, probe: ticket?.probe === true && lease !== undefined, outcome };
    const queue = this.#queueFor(key);
    queue.settled(outcome);
    queue.settlements.push(settlement);
    if (settlement.probe) queue.probeWait?.release();
    this.#schedule(urgent(settlement) ? "now" : "soon");
  }

  async flush(): Promise<void> {
    // Bounded: each round writes everything queued before it.
    for (let round = 0; round < 100; round++) {
      if (this.#running === undefined && !this.#queued()) return;
      if (this.#running === undefined) this.#running = this.#run();
      await this.#running;
    }
  }

  #queueFor(key: string): KeyQueue {
    let queue = this.#queues.get(key);
    if (queue === undefined) {
      queue = new KeyQueue();
      this.#queues.set(key, queue);
    }
    return queue;
  }

  #schedule(when: "now" | "soon"): void {
    if (this.#running !== undefined || this.#scheduled === "now" || this.#scheduled === when) return;
    this.#scheduled = when;
    const start = () => {
      if (this.#scheduled === when) this.#scheduled = undefined;
      this.#running ??= this.#run();
    };
    if (when === "now") queueMicrotask(start);
    else setImmediate(start);
  }

  async #run(): Promise<void> {
    // Bounded: each round takes everything queued. After the first, only callers waiting or urgent
    // settlements start another round: a settlement that can wait rides with the next acquire.
    for (let round = 0; round < 1000; round++) {
      if (round > 0 && !this.#needsNow()) break;
      const batch = this.#takeBatch();
      if (batch.length === 0) break;
      await this.#transact(batch);
    }
    this.#running = undefined;
    if (this.#needsNow()) this.#schedule("now");
    else if (this.#queued()) this.#schedule("soon");
  }

  #needsNow(): boolean {
    for (const queue of this.#queues.values()) {
      if (queue.waiters.length > 0 || queue.settlements.some(urgent)) return true;
    }
    return false;
  }

  #queued(): boolean {
    for (const queue of this.#queues.values()) if (queue.settlements.length > 0) return true;
    return false;
  }

  #takeBatch(): KeyBatch[] {
    const batch: KeyBatch[] = [];
    for (const [key, queue] of this.#queues) {
      if (queue.waiters.length === 0 && queue.settlements.length === 0) {
        if (queue.idle()) this.#queues.delete(key);
        continue;
      }
      batch.push({ key, queue, waiters: queue.waiters.splice(0), settlements: queue.settlements.splice(0) });
    }
    return batch;
  }

  async #transact(batch: readonly KeyBatch[]): Promise<void> {
    const leaseBase = `${this.#instance}.${++this.transactions}`;
    const fallbackAt = Date.now() + this.#clockOffset;
    // The callers' own clock decides (leases and resets are on it); a settle-only key estimates it.
    const atOf = (entry: KeyBatch) =>
      entry.waiters.length === 0 ? fallbackAt : Math.max(...entry.waiters.map((waiter) => waiter.at));
    const at = Math.max(...batch.map(atOf));
    let grants: Map<KeyBatch, Grant>;
    try {
      this.#folder ??= ensureFolder(this.path);
      await this.#folder;
      grants = await changeBudgetFile(this.path, at, this.lockTimeoutMs, (file) =>
        decide(file, batch, atOf, { ms: this.leaseMs, base: leaseBase }),
      );
    } catch (error) {
      // Unwritten settlements are lost: their leases expire by themselves. Callers hear why.
      for (const entry of batch) for (const waiter of entry.waiters) waiter.reject(error);
      return;
    }
    for (const [entry, grant] of grants) {
      const base = `${leaseBase}.${batch.indexOf(entry)}`;
      entry.queue.answer(entry.waiters, grant, (index) => {
        const ticket: SendTicket = { action: "send", probe: grant.probe && index === 0 };
        this.#leases.set(ticket, `${base}:${index + 1}`);
        return ticket;
      });
    }
  }
}

interface KeyBatch {
  readonly key: string;
  readonly queue: KeyQueue;
  readonly waiters: readonly Waiter[];
  readonly settlements: readonly Settlement[];
}

/** Inside the lock: applies every settlement, then grants each key's callers from its budget. */
function decide(
  file: BudgetFile,
  batch: readonly KeyBatch[],
  atOf: (entry: KeyBatch) => number,
  lease: { readonly ms: number; readonly base: string },
): Map<KeyBatch, Grant> {
  const grants = new Map<KeyBatch, Grant>();
  batch.forEach((entry, index) => {
    const at = atOf(entry);
    const budget = file.budgets[entry.key] ?? newBudget(at);
    file.budgets[entry.key] = budget;
    for (const settlement of entry.settlements) applySettlement(budget, settlement);
    budget.touched = at;
    if (entry.waiters.length === 0) return;
    // Lease ids are unique per key and transaction: the base, then the caller's place.
    grants.set(
      entry,
      takeSends(budget, at, entry.waiters.length, { ms: lease.ms, base: `${lease.base}.${index}` }),
    );
  });
  return grants;
}
