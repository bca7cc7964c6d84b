import type { RateLimitOutcome, RateLimitWaitReason, RateLimitWindow } from "@twauth/core";
import { settlementFieldCount } from "./budget-script.js";

/** A finished request waiting to be written with the next call: its lease and how it ended. */
export interface Settlement {
  /** The lease the request held, "" when it held none. */
  readonly lease: string;
  readonly probe: boolean;
  readonly outcome: RateLimitOutcome;
}

/** What `budgetScript` answered: how many sends were granted, and the rest's wait. */
export interface BudgetReply {
  readonly granted: number;
  readonly probe: boolean;
  /** When the earliest lease in flight expires (0 with none): budget may come back then. */
  readonly firstLeaseExpiry: number;
  readonly rest:
    | { readonly kind: "none" }
    | { readonly kind: "await-probe" }
    | {
        readonly kind: "wait";
        readonly until: number;
        readonly reason: RateLimitWaitReason;
        readonly limit: number | undefined;
      };
}

/** The script's keys for one budget key; the hash tag keeps them in one cluster slot. */
export function budgetKeys(prefix: string, key: string): string[] {
  const window = `${prefix}rl:{${key}}`;
  return [window, `${window}:leases`, `${window}:app24`, `${window}:user24`];
}

function windowArgs(window: RateLimitWindow | undefined): string[] {
  if (window === undefined) return ["", "", ""];
  return [String(window.limit), String(window.remaining), String(Math.round(window.resetAt))];
}

/** One settlement as `settlementFieldCount` script arguments (see `budgetScript`). */
export function settlementArgs({ lease, probe, outcome }: Settlement): string[] {
  const figures = outcome.figures;
  const args = [
    lease,
    probe ? "1" : "0",
    outcome.answered ? "1" : "0",
    figures === undefined ? "0" : "1",
    ...windowArgs(figures),
    ...windowArgs(figures?.appDaily),
    ...windowArgs(figures?.userDaily),
    outcome.blockedUntil === undefined ? "" : String(Math.round(outcome.blockedUntil)),
    outcome.blockedUntil === undefined ? "" : (outcome.blockedReason ?? "backoff"),
  ];
  if (args.length !== settlementFieldCount)
    throw new Error("settlement arguments out of step with the script");
  return args;
}

const reasons = new Set<string>(["exhausted", "daily-limit", "too-many-requests", "backoff"]);

/** Reads the script's reply; anything unexpected is an error (a different script under our SHA). */
export function parseBudgetReply(reply: unknown): BudgetReply {
  if (!Array.isArray(reply) || reply.length !== 7) throw new Error("unexpected reply from the budget script");
  const [granted, probe, kind, until, reason, limit, firstLease] = reply.map((value) =>
    typeof value === "number" ? value : String(value),
  );
  const grantedCount = Number(granted);
  if (!Number.isInteger(grantedCount) || grantedCount < 0)
    throw new Error("unexpected grant from the budget script");
  const base = {
    granted: grantedCount,
    probe: Number(probe) === 1,
    firstLeaseExpiry: Number(firstLease) || 0,
  };
  if (kind === "await-probe") return { ...base, rest: { kind: "await-probe" } };
  if (kind !== "wait") return { ...base, rest: { kind: "none" } };
  const limitNumber = Number(limit);
  return {
    ...base,
    rest: {
      kind: "wait",
      until: Number(until),
      reason: (reasons.has(String(reason)) ? reason : "backoff") as RateLimitWaitReason,
      limit: limitNumber >= 0 ? limitNumber : undefined,
    },
  };
}
