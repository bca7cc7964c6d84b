import {
  createMemorySpendLedger,
  type Micros,
  type ReserveResult,
  type SettleRequest,
  type SettleResult,
  type SpendLedger,
  type SpendTotals,
  TwauthError,
} from "@twauth/core";
import { connectLink } from "./connect-link.js";
import { createFallback, emitRedisNotice } from "./fallback.js";
import {
  invalidOption,
  type NormalizedConnectionOptions,
  normalizeConnectionOptions,
  type RedisConnectionOptions,
} from "./options.js";
import { isConfigurationError, redisUnavailableError } from "./redis-failure.js";
import { createScriptRunner } from "./redis-scripts.js";
import { releaseScript, reserveScript, settleScript } from "./spend-scripts.js";

/**
 * Options of `redisSpendLedger`. Unlike the budget, `onRedisError` defaults to `"fail"` here: a
 * worker counting spend on its own could let every worker spend the whole daily ceiling.
 *
 * @example
 * const options: RedisSpendLedgerOptions = { url: "redis://127.0.0.1:6379", keyPrefix: "bots:" };
 */
export type RedisSpendLedgerOptions = RedisConnectionOptions & {
  /**
   * Resource ids remembered per day. Past it, a repeated resource is charged again: the estimate
   * errs high rather than Redis memory growing without bound. @default 1000000
   */
  readonly maxResourcesPerDay?: number;
};

/**
 * A `SpendLedger` shared through Redis, with what the tests and shutdown need.
 *
 * @example
 * const ledger: RedisSpendLedger = redisSpendLedger({ url });
 * await ledger.close();
 */
export interface RedisSpendLedger extends SpendLedger {
  readonly commandsSent: number;
  /** Closes the Redis client if this ledger made it from `url`. */
  close(): Promise<void>;
}

const dayMs = 86_400_000;
const keepMarginMs = 3_600_000;
const dayPattern = /^\d{4}-\d{2}-\d{2}$/;

/** Until when a day's keys are kept: the end of the next UTC day, plus a margin for hosts' clocks. */
function keepUntil(day: string): string {
  const start = dayPattern.test(day) ? Date.parse(`${day}T00:00:00Z`) : Number.NaN;
  if (Number.isNaN(start))
    throw invalidOption("day", `expected a UTC day as YYYY-MM-DD, not ${JSON.stringify(day.slice(0, 20))}.`);
  return String(start + 2 * dayMs + keepMarginMs);
}

/** Redis counts in 64-bit integers: micros are whole numbers, and within what a double holds exactly. */
function whole(name: string, value: number): string {
  if (!Number.isSafeInteger(value) || value < 0)
    throw invalidOption(name, "expected a whole number of micros, 0 or more.");
  return String(value);
}

function maxResources(value: unknown): number {
  const max = value ?? 1_000_000;
  if (typeof max !== "number" || !Number.isSafeInteger(max) || max < 0 || max > 100_000_000) {
    throw invalidOption("maxResourcesPerDay", "expected a whole number from 0 to 100000000.");
  }
  return max;
}

function parseTotals(reply: unknown): SpendTotals {
  const fields = toPairs(reply);
  const byKind: Record<string, { units: number; micros: Micros }> = {};
  for (const [field, value] of fields) {
    const [part, kind] = [field.slice(0, field.indexOf(":")), field.slice(field.indexOf(":") + 1)];
    if (part !== "units" && part !== "micros") continue;
    const entry = byKind[kind] ?? { units: 0, micros: 0 };
    entry[part] = Number(value);
    byKind[kind] = entry;
  }
  const figures = new Map(fields);
  return {
    spentMicros: Number(figures.get("spent") ?? 0),
    reservedMicros: Number(figures.get("reserved") ?? 0),
    byKind,
  };
}

/** HGETALL's reply as pairs: node-redis gives an object or a flat list, ioredis a flat list. */
function toPairs(reply: unknown): [string, string][] {
  if (Array.isArray(reply)) {
    const pairs: [string, string][] = [];
    for (let i = 0; i + 1 < reply.length; i += 2) pairs.push([String(reply[i]), String(reply[i + 1])]);
    return pairs;
  }
  if (reply instanceof Map) return [...reply].map(([field, value]) => [String(field), String(value)]);
  if (typeof reply === "object" && reply !== null) {
    return Object.entries(reply).map(([field, value]) => [field, String(value)]);
  }
  return [];
}

function numbers(reply: unknown, count: number): number[] {
  if (!Array.isArray(reply) || reply.length < count) {
    throw new TwauthError(
      "RESPONSE_INVALID",
      "Redis answered the spend ledger's script in an unexpected shape.",
    );
  }
  return reply.slice(0, count).map(Number);
}

/**
 * The estimated spend of a fleet per UTC day in Redis: one hash per day (spent, reserved, units and
 * micros per kind) and one set of the resource ids billed that day, both expiring after the next
 * day. Each operation is one Lua script, atomic in Redis, so reservations from many processes
 * cannot together pass the ceiling, and a resource is billed once per day and kind fleet-wide.
 *
 * @example
 * const ledger = redisSpendLedger({ url: "redis://127.0.0.1:6379" });
 * const guard = createSpendGuard({ limit: { daily: 5 }, ledger });
 */
export function redisSpendLedger(options: RedisSpendLedgerOptions): RedisSpendLedger {
  const onRedisError = (options as { onRedisError?: unknown } | null)?.onRedisError ?? "fail";
  const connection = normalizeConnectionOptions({ ...options, onRedisError } as RedisConnectionOptions);
  const maxIds = maxResources(options.maxResourcesPerDay);
  const link = connectLink(connection);
  const runner = createScriptRunner(link, connection.commandTimeoutMs);
  const shared = sharedOrLocal(connection);
  const local = createMemorySpendLedger({ maxResourcesPerDay: maxIds });
  // One hash tag per day: a day's hash and set live in one cluster slot, as a script needs.
  const dayKey = (day: string) => `${connection.keyPrefix}spend:{${day}}`;

  return {
    async reserve(day, amountMicros, ceilingMicros): Promise<ReserveResult> {
      const args = [
        whole("amountMicros", amountMicros),
        whole("ceilingMicros", ceilingMicros),
        keepUntil(day),
      ];
      return shared(
        async () => {
          const reply = await runner.evalScript(reserveScript, [dayKey(day)], args);
          const [accepted, spentMicros, reservedMicros] = numbers(reply, 3);
          return { accepted: accepted === 1, spentMicros: spentMicros!, reservedMicros: reservedMicros! };
        },
        () => local.reserve(day, amountMicros, ceilingMicros),
      );
    },
    async settle(request): Promise<SettleResult> {
      const keys = [dayKey(request.reservedDay), dayKey(request.day), `${dayKey(request.day)}:billed`];
      const args = settleArgs(request, maxIds);
      return shared(
        async () => {
          const [chargedMicros, spentMicros] = numbers(await runner.evalScript(settleScript, keys, args), 2);
          return { chargedMicros: chargedMicros!, spentMicros: spentMicros! };
        },
        () => local.settle(request),
      );
    },
    async release(day, amountMicros) {
      const args = [whole("amountMicros", amountMicros)];
      keepUntil(day);
      await shared(
        async () => {
          await runner.evalScript(releaseScript, [dayKey(day)], args);
        },
        () => local.release(day, amountMicros),
      );
    },
    async totals(day) {
      keepUntil(day);
      return shared(
        async () => parseTotals(await runner.command(["HGETALL", dayKey(day)])),
        () => local.totals(day),
      );
    },
    get commandsSent() {
      return runner.commandsSent;
    },
    close: () => link.close(),
  };
}

/** The settle script's arguments (see `settleScript`), checked: whole micros and UTC days. */
function settleArgs(request: SettleRequest, maxIds: number): string[] {
  const { charge } = request;
  keepUntil(request.reservedDay);
  return [
    whole("reservedMicros", request.reservedMicros),
    charge.kind,
    whole("unitMicros", charge.unitMicros),
    String(maxIds),
    keepUntil(request.day),
    "requests" in charge ? whole("requests", charge.requests) : "",
    ...("resourceIds" in charge ? charge.resourceIds : []),
  ];
}

/**
 * Runs one operation on Redis; when Redis does not answer, fails (`onRedisError: "fail"`, the
 * ledger's default) or runs it on this process's own ledger and says so once.
 */
function sharedOrLocal(connection: NormalizedConnectionOptions) {
  const notify = connection.notify ?? emitRedisNotice;
  const fallback = createFallback(connection.location, connection.password, notify, "spend ledger");
  return async <T>(operation: () => Promise<T>, locally: () => Promise<T>): Promise<T> => {
    const at = Date.now();
    if (fallback.isLocal(at)) return locally();
    try {
      const result = await operation();
      fallback.succeeded();
      return result;
    } catch (error) {
      if (connection.onRedisError === "fail" || isConfigurationError(error)) {
        throw redisUnavailableError(error, connection, "spend ledger");
      }
      fallback.failed(at, error);
      return locally();
    }
  };
}
