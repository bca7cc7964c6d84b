import { randomBytes } from "node:crypto";
import {
  createMemoryRateLimitState,
  type Duration,
  type RateLimitOutcome,
  type RateLimitState,
  type RateLimitTicket,
} from "@twauth/core";
import {
  type BudgetReply,
  budgetKeys,
  parseBudgetReply,
  type Settlement,
  settlementArgs,
} from "./budget-call.js";
import { budgetScript } from "./budget-script.js";
import { connectLink } from "./connect-link.js";
import { createFallback, emitRedisNotice, type Fallback } from "./fallback.js";
import { KeyQueue, type SendTicket, type Waiter } from "./key-queue.js";
import {
  boundedDuration,
  type NormalizedConnectionOptions,
  normalizeConnectionOptions,
  type RedisConnectionOptions,
} from "./options.js";
import { isConfigurationError, redisUnavailableError } from "./redis-failure.js";
import { type FiguresFilter, readRedisFigures, type StoredFiguresList } from "./redis-figures.js";
import type { RedisLink } from "./redis-link.js";
import { createScriptRunner, type ScriptRunner } from "./redis-scripts.js";

/**
 * Options of `redisRateLimitState`: where Redis is, what to do when it does not answer, and how long
 * a request's lease lasts.
 *
 * @example
 * const options: RedisRateLimitStateOptions = { url: "redis://127.0.0.1:6379", onRedisError: "local" };
 */
export type RedisRateLimitStateOptions = RedisConnectionOptions & {
  /**
   * How long a sent request holds its unit of the budget if its worker never settles it (the worker
   * died): longer than your requests' timeout. @default "60s"
   */
  readonly leaseTime?: Duration;
};

/**
 * A `RateLimitState` shared through Redis, plus what a fleet operator and the tests need.
 *
 * @example
 * const state: RedisRateLimitState = redisRateLimitState({ url });
 * console.log(state.commandsSent, state.mode);
 */
export interface RedisRateLimitState extends Pick<RateLimitState, "acquire" | "settle"> {
  /** Redis commands this state has sent (every script call, load and retry). */
  readonly commandsSent: number;
  /** `"local"` while Redis does not answer and this process keeps its own budget. */
  readonly mode: "shared" | "local";
  /** Writes every queued settlement now. */
  flush(): Promise<void>;
  /**
   * Reads the windows Redis holds now, per key (`${tokenKey} ${endpoint}`), without a request to X:
   * what the fleet and earlier runs learned (a bounded SCAN; `complete` is false if it stopped
   * early). Windows past their reset are left out; keys hold token hashes only. Rejects with
   * `NETWORK_ERROR` when Redis does not answer: there is no local copy of the fleet's figures.
   */
  figures(filter?: FiguresFilter): Promise<StoredFiguresList>;
  /** Flushes, then closes the Redis client if this state made it from `url`. */
  close(): Promise<void>;
}

type LeaseInfo = { readonly lease: string; readonly probe: boolean } | { readonly local: SendTicket };

/** Settlements that need no one to be told soon are written with the next call (or next turn). */
function urgent(settlement: Settlement): boolean {
  return settlement.probe || settlement.outcome.blockedUntil !== undefined || !settlement.outcome.answered;
}

/** A queued hold stays true unless this settlement may have given budget back or blocked it. */
function keepsHold(queue: KeyQueue, outcome: RateLimitOutcome): boolean {
  const hold = queue.hold;
  if (hold === undefined || !outcome.answered || outcome.blockedUntil !== undefined) return false;
  return outcome.figures !== undefined && outcome.figures.resetAt <= hold.until;
}

/**
 * The rate-limit budget of many processes in one Redis: each (token hash, endpoint) key holds X's
 * limit, remaining and reset, plus the leases of requests in flight (each with its own expiry, so a
 * worker that dies gives its budget back). One script call per decision, atomic in Redis; one
 * process's queued callers share a call, and a finished request is written with the next acquire.
 *
 * @example
 * const rateLimitState = redisRateLimitState({ url: "redis://127.0.0.1:6379" });
 * const api = await getApiConnection({ credentials, rateLimitState, waitOnRateLimit: true });
 */
export function redisRateLimitState(options: RedisRateLimitStateOptions): RedisRateLimitState {
  const connection = normalizeConnectionOptions(options);
  const leaseMs = boundedDuration("leaseTime", options.leaseTime, 60_000, [10, 3_600_000]);
  const budget = new SharedBudget(connection, leaseMs);
  return {
    acquire: (key, at) => budget.acquire(key, at),
    settle: (key, ticket, outcome) => budget.settle(key, ticket, outcome),
    get commandsSent() {
      return budget.runner.commandsSent;
    },
    get mode() {
      return budget.fallback.mode;
    },
    flush: () => budget.flush(),
    figures: (filter) =>
      readRedisFigures(budget.runner, connection.keyPrefix, filter).catch((error: unknown) => {
        throw redisUnavailableError(error, connection, "reading the rate-limit figures");
      }),
    close: () => budget.close(),
  };
}

class SharedBudget {
  readonly runner: ScriptRunner;
  readonly fallback: Fallback;
  readonly #link: RedisLink;
  readonly #local = createMemoryRateLimitState();
  readonly #queues = new Map<string, KeyQueue>();
  readonly #leases = new WeakMap<object, LeaseInfo>();
  readonly #instance = randomBytes(6).toString("base64url");
  #calls = 0;
  // `at` is X's clock as the connection knows it; a settle-only call reuses the last offset seen.
  #clockOffset = 0;

  constructor(
    readonly connection: NormalizedConnectionOptions,
    readonly leaseMs: number,
  ) {
    const notify = connection.notify ?? emitRedisNotice;
    this.#link = connectLink(connection);
    this.runner = createScriptRunner(this.#link, connection.commandTimeoutMs);
    this.fallback = createFallback(connection.location, connection.password, notify, "rate-limit budget");
  }

  acquire(key: string, at: number): RateLimitTicket | Promise<RateLimitTicket> {
    this.#clockOffset = at - Date.now();
    if (this.fallback.isLocal(at)) return this.#acquireLocally(key, at);
    const queue = this.#queueFor(key);
    const held = queue.settlements.length === 0 ? queue.heldTicket(at) : undefined;
    if (held !== undefined) return held;
    return new Promise<RateLimitTicket>((resolve, reject) => {
      queue.waiters.push({ at, resolve, reject });
      this.#schedule(key, queue, "now");
    });
  }

  settle(key: string, ticket: SendTicket | undefined, outcome: RateLimitOutcome): void | Promise<void> {
    const info = ticket === undefined ? undefined : this.#leases.get(ticket);
    if (info !== undefined && "local" in info) return this.#local.settle(key, info.local, outcome);
    // The local state learns every figure too, so a fallback starts from what this process knew.
    void this.#local.settle(key, undefined, outcome);
    const queue = this.#queueFor(key);
    const settlement: Settlement = { lease: info?.lease ?? "", probe: info?.probe ?? false, outcome };
    if (!keepsHold(queue, outcome)) queue.hold = undefined;
    if (settlement.probe) queue.probeWait?.release();
    // While Redis is away its leases expire by themselves: nothing to queue for it.
    if (this.fallback.mode === "local" && queue.running === undefined) return;
    queue.settlements.push(settlement);
    this.#schedule(key, queue, urgent(settlement) ? "now" : "soon");
  }

  flush(): Promise<void> {
    return flushQueues(this.#queues, (key, queue) => this.#schedule(key, queue, "now"));
  }

  async close(): Promise<void> {
    await this.flush();
    await this.#link.close();
  }

  #queueFor(key: string): KeyQueue {
    let queue = this.#queues.get(key);
    if (queue === undefined) {
      queue = new KeyQueue();
      this.#queues.set(key, queue);
    }
    return queue;
  }

  #acquireLocally(key: string, at: number): RateLimitTicket | Promise<RateLimitTicket> {
    const answer = (ticket: RateLimitTicket): RateLimitTicket => {
      if (ticket.action !== "send") return ticket;
      const own: SendTicket = { action: "send", probe: ticket.probe };
      this.#leases.set(own, { local: ticket });
      return own;
    };
    const ticket = this.#local.acquire(key, at);
    return ticket instanceof Promise ? ticket.then(answer) : answer(ticket);
  }

  #answerLocally(key: string, waiters: readonly Waiter[]): void {
    for (const waiter of waiters) {
      Promise.resolve(this.#acquireLocally(key, waiter.at)).then(waiter.resolve, waiter.reject);
    }
  }

  #schedule(key: string, queue: KeyQueue, when: "now" | "soon"): void {
    if (queue.running !== undefined || queue.scheduled === "now" || queue.scheduled === when) return;
    queue.scheduled = when;
    const start = () => {
      if (queue.scheduled === when) queue.scheduled = undefined;
      if (queue.running === undefined) queue.running = this.#run(key, queue);
    };
    if (when === "now") queueMicrotask(start);
    else setImmediate(start);
  }

  async #run(key: string, queue: KeyQueue): Promise<void> {
    // Bounded: each round takes everything queued; callers keep arriving only while others wait.
    for (let round = 0; round < 1000; round++) {
      if (queue.waiters.length === 0 && queue.settlements.length === 0) break;
      await this.#call(key, queue);
    }
    queue.running = undefined;
    if (queue.waiters.length > 0 || queue.settlements.length > 0) this.#schedule(key, queue, "now");
  }

  async #call(key: string, queue: KeyQueue): Promise<void> {
    const waiters = queue.waiters.splice(0);
    const settlements = queue.settlements.splice(0);
    // The callers' own clock decides (leases and resets are on it); a settle-only call estimates it.
    const at =
      waiters.length > 0
        ? waiters.reduce((latest, waiter) => Math.max(latest, waiter.at), Number.NEGATIVE_INFINITY)
        : Date.now() + this.#clockOffset;
    // Redis failed a moment ago (another key's call): not worth a timeout per key.
    if (this.fallback.isLocal(at)) return this.#answerLocally(key, waiters);
    const leaseBase = `${this.#instance}:${++this.#calls}`;
    const args = [String(Math.round(at)), String(this.leaseMs), String(waiters.length), leaseBase];
    args.push(String(settlements.length), ...settlements.flatMap(settlementArgs));
    let reply: BudgetReply;
    try {
      const keys = budgetKeys(this.connection.keyPrefix, key);
      reply = parseBudgetReply(await this.runner.evalScript(budgetScript, keys, args));
    } catch (error) {
      return this.#failed(key, waiters, at, error);
    }
    this.fallback.succeeded();
    queue.answer(waiters, reply, (index) => {
      const ticket: SendTicket = { action: "send", probe: reply.probe && index === 0 };
      this.#leases.set(ticket, { lease: `${leaseBase}:${index + 1}`, probe: ticket.probe });
      return ticket;
    });
  }

  #failed(key: string, waiters: readonly Waiter[], at: number, error: unknown): void {
    if (this.connection.onRedisError === "fail" || isConfigurationError(error)) {
      const reported = redisUnavailableError(error, this.connection, key);
      for (const waiter of waiters) waiter.reject(reported);
      return;
    }
    this.fallback.failed(at, error);
    this.#answerLocally(key, waiters);
  }
}

/** Waits until no key has queued work or a call in flight (bounded rounds). */
async function flushQueues(
  queues: ReadonlyMap<string, KeyQueue>,
  start: (key: string, queue: KeyQueue) => void,
): Promise<void> {
  for (let round = 0; round < 100; round++) {
    const busy = [...queues].filter(
      ([, queue]) => queue.running !== undefined || queue.settlements.length > 0,
    );
    if (busy.length === 0) return;
    for (const [key, queue] of busy) if (queue.running === undefined) start(key, queue);
    await new Promise((done) => setImmediate(done));
    await Promise.all(busy.map(([, queue]) => queue.running));
  }
}
