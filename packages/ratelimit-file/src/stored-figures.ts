import type { RateLimitInfo } from "@twauth/core";
import { readSecretFileIfPresent } from "@twauth/store-kit";
import { type BudgetFile, maxStoredBudgets, parseBudgetFile, pruneBudgetFile } from "./budget-file.js";
import { maxStateFileBytes } from "./budget-transaction.js";

/**
 * What the state holds for one key (a token hash and an endpoint template): X's last figures, a
 * block a 429 set, and how many requests are in flight. No secret: keys hold token hashes only.
 *
 * @example
 * { limit: 75, remaining: 74, resetAt: 1735732800000, inFlight: 0 }
 */
export interface StoredRateLimitFigures extends RateLimitInfo {
  /** Set while a 429 (or a backoff) holds every process until then, epoch ms. */
  readonly blockedUntil?: number;
  /** Requests sent and not yet settled (their leases), across every process. */
  readonly inFlight: number;
}

/** Which keys `figures()` lists: the ones of one token hash (`secretHash` of core), or every key. */
export interface FiguresFilter {
  /** The token hash the keys start with (`${tokenKey} ${endpoint}`). */
  readonly tokenKey?: string;
  /** Epoch ms on X's clock: windows that reset before it say nothing any more. @default Date.now() */
  readonly at?: number;
}

/** The listed windows per key, and whether that is every window the state holds (Redis's may stop early). */
export interface StoredFiguresList {
  readonly figures: Record<string, StoredRateLimitFigures>;
  readonly complete: boolean;
}

/**
 * The windows a budget file holds, read without its lock (writes replace the file atomically, so a
 * read sees one whole version) and without writing anything. Bounded by the file's own bound
 * (`maxStoredBudgets` keys, `maxStateFileBytes`); windows past their reset are left out.
 */
export async function readStoredFigures(
  path: string,
  filter: FiguresFilter = {},
): Promise<StoredFiguresList> {
  const at = filter.at ?? Date.now();
  const current = await readSecretFileIfPresent(path, { maxBytes: maxStateFileBytes });
  const file = parseBudgetFile(current?.text);
  pruneBudgetFile(file, at);
  // The file never holds more keys than the list may: pruning keeps it to `maxStoredBudgets`.
  return {
    figures: figuresOf(file, at, filter.tokenKey === undefined ? "" : `${filter.tokenKey} `),
    complete: true,
  };
}

function figuresOf(file: BudgetFile, at: number, keyStart: string): Record<string, StoredRateLimitFigures> {
  const figures: Record<string, StoredRateLimitFigures> = {};
  let count = 0;
  for (const [key, budget] of Object.entries(file.budgets)) {
    const window = budget.window;
    if (!key.startsWith(keyStart) || window === undefined || window.reset <= at) continue;
    if (++count > maxStoredBudgets) break;
    const live = (daily: typeof window | undefined) =>
      daily !== undefined && daily.reset > at
        ? { limit: daily.limit, remaining: daily.remaining, resetAt: daily.reset }
        : undefined;
    const appDaily = live(budget.appDaily);
    const userDaily = live(budget.userDaily);
    figures[key] = {
      limit: window.limit,
      remaining: window.remaining,
      resetAt: window.reset,
      ...(appDaily === undefined ? {} : { appDaily }),
      ...(userDaily === undefined ? {} : { userDaily }),
      ...(budget.blocked !== undefined && budget.blocked > at ? { blockedUntil: budget.blocked } : {}),
      inFlight: Object.values(budget.leases).filter((expiry) => expiry > at).length,
    };
  }
  return figures;
}
