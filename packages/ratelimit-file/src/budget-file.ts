import type { RateLimitWaitReason } from "@twauth/core";
import { leaseOwnerGone } from "./lease-owner.js";

/** X's figures for one window: how many requests it allows, how many are left, when it resets. */
export interface StoredWindow {
  limit: number;
  remaining: number;
  reset: number;
}

/**
 * One key's budget (a token hash and an endpoint template) as the file keeps it: what the memory
 * state keeps per key, with in-flight requests as leases that expire on their own.
 */
export interface StoredBudget {
  /** A response has told this endpoint's figures (or that it has none) since the last block. */
  known: boolean;
  window?: StoredWindow;
  appDaily?: StoredWindow;
  userDaily?: StoredWindow;
  blocked?: number;
  reason?: RateLimitWaitReason;
  /** The lease id of the probe in flight, if any. */
  probe?: string;
  /** Lease id -> when it expires (epoch ms on X's clock): a process that dies gives its budget back. */
  leases: Record<string, number>;
  /** The last time a process wrote this key: an unmetered endpoint is forgotten a while after it. */
  touched: number;
}

export interface BudgetFile {
  readonly version: 1;
  budgets: Record<string, StoredBudget>;
}

/** Keys kept at most; past it, the ones touched longest ago go first (they only cost a probe). */
export const maxStoredBudgets = 2000;
// Hosts' clocks and X's differ a little: keep every key a while past the time it is about.
const keepMarginMs = 60_000;
// An endpoint that answered without rate-limit headers is remembered this long after its last use.
const unmeteredKeepMs = 900_000;

const reasons = new Set<string>(["exhausted", "daily-limit", "too-many-requests", "backoff"]);

export function emptyBudgetFile(): BudgetFile {
  return { version: 1, budgets: {} };
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === "number" && Number.isFinite(value);
}

function parseWindow(value: unknown): StoredWindow | undefined {
  const window = value as Partial<StoredWindow> | null | undefined;
  if (typeof window !== "object" || window === null) return undefined;
  const { limit, remaining, reset } = window;
  if (!isFiniteNumber(limit) || !isFiniteNumber(remaining) || !isFiniteNumber(reset)) return undefined;
  return { limit, remaining, reset };
}

function parseLeases(value: unknown): Record<string, number> {
  const leases: Record<string, number> = {};
  if (typeof value !== "object" || value === null) return leases;
  for (const [id, expiry] of Object.entries(value)) if (isFiniteNumber(expiry)) leases[id] = expiry;
  return leases;
}

function parseBudget(value: unknown): StoredBudget | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const raw = value as Record<string, unknown>;
  const budget: StoredBudget = {
    known: raw.known === true,
    leases: parseLeases(raw.leases),
    touched: isFiniteNumber(raw.touched) ? raw.touched : 0,
  };
  const window = parseWindow(raw.window);
  const appDaily = parseWindow(raw.appDaily);
  const userDaily = parseWindow(raw.userDaily);
  if (window !== undefined) budget.window = window;
  if (appDaily !== undefined) budget.appDaily = appDaily;
  if (userDaily !== undefined) budget.userDaily = userDaily;
  if (isFiniteNumber(raw.blocked)) {
    budget.blocked = raw.blocked;
    budget.reason = reasons.has(raw.reason as string) ? (raw.reason as RateLimitWaitReason) : "backoff";
  }
  if (typeof raw.probe === "string") budget.probe = raw.probe;
  return budget;
}

/**
 * Reads the file's JSON leniently: it is a cache of X's figures, so a file another version wrote,
 * or one damaged by hand, costs one probe per endpoint instead of stopping every request. Fields
 * that are not what this version writes are dropped.
 */
export function parseBudgetFile(text: string | undefined): BudgetFile {
  if (text === undefined || text.trim() === "") return emptyBudgetFile();
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return emptyBudgetFile();
  }
  const budgets = (raw as { budgets?: unknown } | null)?.budgets;
  const file = emptyBudgetFile();
  if (typeof budgets !== "object" || budgets === null) return file;
  for (const [key, value] of Object.entries(budgets)) {
    const budget = parseBudget(value);
    if (budget !== undefined) file.budgets[key] = budget;
  }
  return file;
}

/** When a budget stops mattering: its last reset, block or lease, plus a margin. */
function keptUntil(budget: StoredBudget): number {
  const times = [budget.touched + unmeteredKeepMs, ...Object.values(budget.leases)];
  for (const window of [budget.window, budget.appDaily, budget.userDaily]) {
    if (window !== undefined) times.push(window.reset);
  }
  if (budget.blocked !== undefined) times.push(budget.blocked);
  return Math.max(...times) + keepMarginMs;
}

/**
 * Keeps the file bounded: drops expired leases (and those of processes that are gone), windows past their reset (the next request probes
 * anyway), budgets nothing refers to any more, and past `maxStoredBudgets` the ones touched longest ago.
 */
export function pruneBudgetFile(file: BudgetFile, at: number): void {
  for (const [key, budget] of Object.entries(file.budgets)) {
    for (const [id, expiry] of Object.entries(budget.leases)) {
      if (expiry <= at || leaseOwnerGone(id)) delete budget.leases[id];
    }
    if (budget.probe !== undefined && budget.leases[budget.probe] === undefined) delete budget.probe;
    for (const name of ["appDaily", "userDaily"] as const) {
      const daily = budget[name];
      if (daily !== undefined && daily.reset + keepMarginMs <= at) delete budget[name];
    }
    if (keptUntil(budget) <= at) delete file.budgets[key];
  }
  const keys = Object.keys(file.budgets);
  if (keys.length <= maxStoredBudgets) return;
  keys.sort((a, b) => (file.budgets[a]?.touched ?? 0) - (file.budgets[b]?.touched ?? 0));
  for (const key of keys.slice(0, keys.length - maxStoredBudgets)) delete file.budgets[key];
}
