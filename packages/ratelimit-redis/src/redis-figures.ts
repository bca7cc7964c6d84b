import type { RateLimitInfo, RateLimitWindow } from "@twauth/core";
import { luaScript, type ScriptRunner } from "./redis-scripts.js";

/**
 * What Redis holds for one key (a token hash and an endpoint template): X's last figures, a block a
 * 429 set, and how many requests are in flight across the fleet. No secret: keys hold token hashes only.
 *
 * @example
 * { limit: 75, remaining: 74, resetAt: 1735732800000, inFlight: 2 }
 */
export interface StoredRateLimitFigures extends RateLimitInfo {
  /** Set while a 429 (or a backoff) holds every worker until then, epoch ms. */
  readonly blockedUntil?: number;
  /** Requests sent and not yet settled (their leases), across every worker. */
  readonly inFlight: number;
}

/** Which keys `figures()` lists: the ones of one token hash (`secretHash` of core), or every key. */
export interface FiguresFilter {
  /** The token hash the keys start with (`${tokenKey} ${endpoint}`). */
  readonly tokenKey?: string;
  /** Epoch ms on X's clock: windows that reset before it say nothing any more. @default Date.now() */
  readonly at?: number;
}

/** The listed windows per key, and whether that is every window Redis holds under the prefix. */
export interface StoredFiguresList {
  readonly figures: Record<string, StoredRateLimitFigures>;
  readonly complete: boolean;
}

/** Keys listed at most, and SCAN rounds at most (each looks at about `scanCount` keys). */
export const maxFigures = 500;
const maxScanRounds = 200;
const scanCount = 1000;

/** Reads one key's window, lease count and 24-hour hashes in one read-only call. */
const figuresScript = luaScript(
  "figures",
  `
local at = ARGV[1]
local window = redis.call('HMGET', KEYS[1], 'limit', 'remaining', 'reset', 'blocked')
local inFlight = redis.call('ZCOUNT', KEYS[2], '(' .. at, '+inf')
local app = redis.call('HMGET', KEYS[3], 'limit', 'remaining', 'reset')
local user = redis.call('HMGET', KEYS[4], 'limit', 'remaining', 'reset')
local reply = {}
for _, value in ipairs({ window[1], window[2], window[3], window[4], inFlight, app[1], app[2], app[3], user[1], user[2], user[3] }) do
  reply[#reply + 1] = value and tostring(value) or ''
end
return reply
`,
);

// SCAN's MATCH is a glob: a prefix may hold its special characters.
function globEscape(text: string): string {
  return text.replace(/[\\*?[\]]/g, "\\$&");
}

/**
 * The windows a fleet's Redis holds, found by a bounded SCAN over the prefix's window keys: no
 * index to keep up, so the budget's own calls stay at one command each. SCAN walks the whole
 * keyspace in rounds, so it is bounded in rounds and in keys listed; `complete` says whether it
 * finished. Windows past their reset are left out.
 */
export async function readRedisFigures(
  runner: ScriptRunner,
  keyPrefix: string,
  filter: FiguresFilter = {},
): Promise<StoredFiguresList> {
  const at = Math.round(filter.at ?? Date.now());
  const start = `${keyPrefix}rl:{`;
  const match = `${globEscape(start)}${filter.tokenKey === undefined ? "" : `${globEscape(filter.tokenKey)} `}*}`;
  const windowKeys = new Set<string>();
  let cursor = "0";
  let rounds = 0;
  let dropped = false;
  do {
    const reply = await runner.command(["SCAN", cursor, "MATCH", match, "COUNT", String(scanCount)]);
    if (!Array.isArray(reply) || !Array.isArray(reply[1])) throw new Error("unexpected reply to SCAN");
    cursor = String(reply[0]);
    for (const key of reply[1]) {
      if (windowKeys.size < maxFigures) windowKeys.add(String(key));
      else dropped = true;
    }
  } while (cursor !== "0" && ++rounds < maxScanRounds && windowKeys.size < maxFigures);
  const figures: Record<string, StoredRateLimitFigures> = {};
  for (const windowKey of windowKeys) {
    const keys = [windowKey, `${windowKey}:leases`, `${windowKey}:app24`, `${windowKey}:user24`];
    const found = parseFigures(await runner.evalScript(figuresScript, keys, [String(at)]), at);
    if (found !== undefined) figures[windowKey.slice(start.length, -1)] = found;
  }
  return { figures, complete: cursor === "0" && !dropped };
}

function windowOf(values: readonly string[], at: number): RateLimitWindow | undefined {
  const [limit, remaining, resetAt] = values.map((value) => (value === "" ? Number.NaN : Number(value)));
  if (!Number.isFinite(limit) || !Number.isFinite(remaining) || !Number.isFinite(resetAt)) return undefined;
  if ((resetAt as number) <= at) return undefined;
  return { limit: limit as number, remaining: remaining as number, resetAt: resetAt as number };
}

function parseFigures(reply: unknown, at: number): StoredRateLimitFigures | undefined {
  if (!Array.isArray(reply) || reply.length !== 11)
    throw new Error("unexpected reply from the figures script");
  const values = reply.map(String);
  const window = windowOf(values.slice(0, 3), at);
  if (window === undefined) return undefined;
  const blocked = Number(values[3]);
  const appDaily = windowOf(values.slice(5, 8), at);
  const userDaily = windowOf(values.slice(8, 11), at);
  return {
    ...window,
    ...(appDaily === undefined ? {} : { appDaily }),
    ...(userDaily === undefined ? {} : { userDaily }),
    ...(values[3] !== "" && blocked > at ? { blockedUntil: blocked } : {}),
    inFlight: Number(values[4]) || 0,
  };
}
