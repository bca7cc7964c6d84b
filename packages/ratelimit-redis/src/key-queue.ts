import type { RateLimitTicket } from "@twauth/core";
import type { BudgetReply, Settlement } from "./budget-call.js";

export type SendTicket = Extract<RateLimitTicket, { action: "send" }>;
export type WaitTicket = Extract<RateLimitTicket, { action: "wait" }>;

export interface Waiter {
  readonly at: number;
  resolve(ticket: RateLimitTicket): void;
  reject(error: unknown): void;
}

/**
 * How often a process asks Redis again while another worker's probe is out (ms). A probe answers
 * within a round trip; all of a process's queued callers share each of these asks.
 */
export const probePollMs = 10;

/**
 * One key's queue in one process: callers waiting for a decision and finished requests waiting to
 * be written go to Redis together in one script call. A wait Redis answered is kept as a hold, so
 * the process's other callers share it instead of each asking Redis.
 */
export class KeyQueue {
  waiters: Waiter[] = [];
  settlements: Settlement[] = [];
  running: Promise<void> | undefined;
  scheduled: "now" | "soon" | undefined;
  /** Every caller before `holdUntil` gets `hold`, unless a settlement here changed the budget. */
  hold: WaitTicket | undefined;
  /** The hold's end, or sooner when a lease expires first (a dead worker's budget comes back). */
  holdUntil = 0;
  /** Another request is probing: callers wait on this (released on our probe's settle, or a poll). */
  probeWait: { readonly promise: Promise<void>; release(): void } | undefined;

  /** Callers that can be answered without Redis: a shared wait or a probe in flight. */
  heldTicket(at: number): RateLimitTicket | undefined {
    if (this.hold !== undefined) {
      if (at < this.holdUntil) return this.hold;
      this.hold = undefined;
    }
    if (this.probeWait !== undefined) {
      return { action: "await-probe", until: at + probePollMs * 5, settled: this.probeWait.promise };
    }
    return undefined;
  }

  /** Starts (or joins) a shared probe wait that ends after one poll interval at the latest. */
  awaitProbe(): Promise<void> {
    if (this.probeWait === undefined) {
      let release!: () => void;
      const promise = new Promise<void>((done) => {
        release = done;
      });
      const timer = setTimeout(() => wait.release(), probePollMs);
      const wait = {
        promise,
        release: () => {
          clearTimeout(timer);
          if (this.probeWait === wait) this.probeWait = undefined;
          release();
        },
      };
      this.probeWait = wait;
    }
    return this.probeWait.promise;
  }

  /** Answers the callers of one call: the first `granted` go, the rest wait as Redis said. */
  answer(waiters: readonly Waiter[], reply: BudgetReply, grant: (index: number) => SendTicket): void {
    const { rest } = reply;
    let restTicket: ((at: number) => RateLimitTicket) | undefined;
    if (rest.kind === "wait") {
      const hold: WaitTicket = {
        action: "wait",
        until: rest.until,
        reason: rest.reason,
        ...(rest.limit === undefined ? {} : { limit: rest.limit }),
      };
      this.hold = hold;
      const leaseEnds = reply.firstLeaseExpiry > 0 ? reply.firstLeaseExpiry : rest.until;
      this.holdUntil = Math.min(rest.until, leaseEnds);
      restTicket = () => hold;
    } else if (rest.kind === "await-probe") {
      const settled = this.awaitProbe();
      restTicket = (at) => ({ action: "await-probe", until: at + probePollMs * 5, settled });
    }
    waiters.forEach((waiter, index) => {
      if (index < reply.granted) waiter.resolve(grant(index));
      // Redis answers every caller it does not grant; a reply that does not is a broken script.
      else if (restTicket === undefined)
        waiter.reject(new Error("the budget script left a caller unanswered"));
      else waiter.resolve(restTicket(waiter.at));
    });
  }
}
