import type { Tweet } from "../state/model.js";

/**
 * What became of a request.
 *
 * @example
 * expect(emulator.stats.count({ outcome: "rate-limited" satisfies RequestOutcome })).toBe(0);
 */
export type RequestOutcome =
  | "ok"
  | "auth-failed"
  | "forbidden"
  | "not-found"
  | "rate-limited"
  | "client-error"
  | "server-error"
  | "fault"
  | "aborted";

/**
 * How an injected fault showed: an injected status, a reset socket, or only a delay.
 *
 * @example
 * expect(emulator.stats.count({ fault: "socket-reset" satisfies FaultKind })).toBe(1);
 */
export type FaultKind = "status" | "socket-reset" | "delay";

/**
 * One request the emulator received, as `stats.requests` lists it.
 *
 * @example
 * const last: RequestRecord | undefined = emulator.stats.requests.at(-1);
 * expect(last?.route).toBe("POST /2/tweets");
 */
export interface RequestRecord {
  /** 1, 2, 3... in arrival order of completion. */
  readonly seq: number;
  /** Epoch ms on the emulator's clock when the request arrived. */
  readonly at: number;
  readonly method: string;
  /** The path as sent, without the query. */
  readonly path: string;
  /** "METHOD /path/template" of the matched route, or "METHOD /path" when none matched. */
  readonly route: string;
  /** null when no response was sent (socket reset, stopped during a delay). */
  readonly status: number | null;
  readonly outcome: RequestOutcome;
  /** Who was authenticated (see README: token keys), null when nobody was. */
  readonly token: string | null;
  /** How an injected fault showed, null when none was injected. */
  readonly fault: FaultKind | null;
  /** The request body as received. */
  readonly body: string;
}

/**
 * Which requests `stats.count()` counts: those equal to every field given; a field left out matches
 * any request (give `null` to match "none").
 *
 * @example
 * const filter: StatsFilter = { route: "POST /2/tweets", status: 201 };
 * expect(emulator.stats.count(filter)).toBe(1);
 */
export interface StatsFilter {
  /** A route key, e.g. "GET /2/tweets/:id". @default any route */
  route?: string;
  /** @default any method */
  method?: string;
  /** null matches requests that got no response. @default any status */
  status?: number | null;
  /** @default any outcome */
  outcome?: RequestOutcome;
  /** A token key; null matches unauthenticated requests. @default any token */
  token?: string | null;
  /** null matches requests without a fault. @default any */
  fault?: FaultKind | null;
}

/**
 * Counts of every request the emulator received, so a test can prove nothing was lost or sent twice.
 *
 * @example
 * emulator.stats.reset();
 * await api.post("/2/tweets", { json: { text: "once" } });
 * expect(emulator.stats.createdTweets).toHaveLength(1);
 * expect(emulator.stats.byRoute["POST /2/tweets"]).toBe(1);
 */
export interface EmulatorStats {
  readonly total: number;
  readonly byRoute: Readonly<Record<string, number>>;
  readonly byMethod: Readonly<Record<string, number>>;
  /** Keyed by token key; "none" for requests nobody was authenticated for. */
  readonly byToken: Readonly<Record<string, number>>;
  readonly byOutcome: Readonly<Record<string, number>>;
  /** Keyed by status as a string; "none" when no response was sent. */
  readonly byStatus: Readonly<Record<string, number>>;
  /** The most recent requests (up to maxRecordedRequests), oldest first. */
  readonly requests: readonly RequestRecord[];
  /** Every tweet created through POST /2/tweets since the last reset, in order. */
  readonly createdTweets: readonly Tweet[];
  /** Requests matching every given field (all requests, not only the recorded ones). */
  count(filter?: StatsFilter): number;
  /** Sets every count to zero and forgets the records and created tweets. */
  reset(): void;
}

type Tuple = Pick<RequestRecord, "route" | "method" | "status" | "outcome" | "token" | "fault">;

export class RequestStats implements EmulatorStats {
  #total = 0;
  #byRoute: Record<string, number> = {};
  #byMethod: Record<string, number> = {};
  #byToken: Record<string, number> = {};
  #byOutcome: Record<string, number> = {};
  #byStatus: Record<string, number> = {};
  #tuples = new Map<string, { tuple: Tuple; count: number }>();
  #requests: RequestRecord[] = [];
  #createdTweets: Tweet[] = [];

  constructor(private readonly maxRecordedRequests: number) {}

  get total(): number {
    return this.#total;
  }
  get byRoute(): Readonly<Record<string, number>> {
    return { ...this.#byRoute };
  }
  get byMethod(): Readonly<Record<string, number>> {
    return { ...this.#byMethod };
  }
  get byToken(): Readonly<Record<string, number>> {
    return { ...this.#byToken };
  }
  get byOutcome(): Readonly<Record<string, number>> {
    return { ...this.#byOutcome };
  }
  get byStatus(): Readonly<Record<string, number>> {
    return { ...this.#byStatus };
  }
  get requests(): readonly RequestRecord[] {
    return [...this.#requests];
  }
  get createdTweets(): readonly Tweet[] {
    return [...this.#createdTweets];
  }

  record(entry: Omit<RequestRecord, "seq">): RequestRecord {
    this.#total++;
    const record: RequestRecord = { seq: this.#total, ...entry };
    increment(this.#byRoute, record.route);
    increment(this.#byMethod, record.method);
    increment(this.#byToken, record.token ?? "none");
    increment(this.#byOutcome, record.outcome);
    increment(this.#byStatus, record.status === null ? "none" : String(record.status));
    const tuple: Tuple = {
      route: record.route,
      method: record.method,
      status: record.status,
      outcome: record.outcome,
      token: record.token,
      fault: record.fault,
    };
    const key = JSON.stringify(tuple);
    const counter = this.#tuples.get(key);
    if (counter) counter.count++;
    else this.#tuples.set(key, { tuple, count: 1 });
    this.#requests.push(record);
    if (this.#requests.length > this.maxRecordedRequests) this.#requests.shift();
    return record;
  }

  recordTweet(tweet: Tweet): void {
    this.#createdTweets.push(tweet);
  }

  count(filter: StatsFilter = {}): number {
    const fields = Object.entries(filter).filter(([, value]) => value !== undefined) as [
      keyof Tuple,
      unknown,
    ][];
    let count = 0;
    for (const { tuple, count: tupleCount } of this.#tuples.values()) {
      if (fields.every(([field, value]) => tuple[field] === value)) count += tupleCount;
    }
    return count;
  }

  reset(): void {
    this.#total = 0;
    this.#byRoute = {};
    this.#byMethod = {};
    this.#byToken = {};
    this.#byOutcome = {};
    this.#byStatus = {};
    this.#tuples = new Map();
    this.#requests = [];
    this.#createdTweets = [];
  }
}

function increment(counts: Record<string, number>, key: string): void {
  counts[key] = (counts[key] ?? 0) + 1;
}

/** The outcome a normally handled response stands for. */
export function outcomeOfStatus(status: number): RequestOutcome {
  if (status < 400) return "ok";
  if (status === 401) return "auth-failed";
  if (status === 403) return "forbidden";
  if (status === 404) return "not-found";
  if (status === 429) return "rate-limited";
  if (status < 500) return "client-error";
  return "server-error";
}
