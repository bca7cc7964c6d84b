import type { RateLimitOutcome, RateLimitTicket } from "@twauth/core";
import type { Grant, Settlement } from "./budget-rules.js";

export type SendTicket = Extract<RateLimitTicket, { action: "send" }>;
type WaitTicket = Extract<RateLimitTicket, { action: "wait" }>;

export interface Waiter {
  readonly at: number;
  resolve(ticket: RateLimitTicket): void;
  reject(error: unknown): void;
}

/**
 * How often a process reads the file again while another process's probe is out (ms). A probe
 * answers within a round trip to X; all of a process's queued callers share each read.
 */
export const probePollMs = 20;

/**
 * One key's queue in one process: callers waiting for a decision and finished requests waiting to
 * be written go to the file together. A wait the file answered is kept as a hold, so the process's
 * other callers share it instead of each reading the file.
 */
export class KeyQueue {
  waiters: Waiter[] = [];
  settlements: Settlement[] = [];
  /** Every caller before `holdUntil` gets `hold`, unless a settlement here changed the budget. */
  hold: WaitTicket | undefined;
  /** The hold's end, or sooner when a lease expires first (a dead process's budget comes back). */
  holdUntil = 0;
  /** A probe is out: callers wait on this (released on our probe's settle, or after a poll). */
  probeWait: { readonly promise: Promise<void>; release(): void } | undefined;

  /** Callers that can be answered without the file: a shared wait or a probe in flight. */
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

  /** Nothing queued or held: the queue may be dropped (a process touching many keys stays small). */
  idle(): boolean {
    return this.hold === undefined && this.probeWait === undefined;
  }

  /** A finished request may have given budget back or blocked it: the hold stays only when it cannot have. */
  settled(outcome: RateLimitOutcome): void {
    const hold = this.hold;
    if (hold === undefined) return;
    const keeps =
      outcome.answered &&
      outcome.blockedUntil === undefined &&
      outcome.figures !== undefined &&
      outcome.figures.resetAt <= hold.until;
    if (!keeps) this.hold = undefined;
  }

  /** Starts (or joins) a shared probe wait that ends at the probe's settle, or after one poll. */
  awaitProbe(pollMs: number): Promise<void> {
    if (this.probeWait === undefined) {
      let release!: () => void;
      const promise = new Promise<void>((done) => {
        release = done;
      });
      const timer = setTimeout(() => wait.release(), pollMs);
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

  /** Answers the callers of one transaction: the first `granted` go, the rest as the file said. */
  answer(waiters: readonly Waiter[], grant: Grant, send: (index: number) => SendTicket): void {
    const rest = grant.rest;
    let restTicket: ((at: number) => RateLimitTicket) | undefined;
    if (rest.kind === "wait") {
      const hold: WaitTicket = {
        action: "wait",
        until: rest.until,
        reason: rest.reason,
        ...(rest.limit === undefined ? {} : { limit: rest.limit }),
      };
      this.hold = hold;
      const leaseEnds = grant.firstLeaseExpiry > 0 ? grant.firstLeaseExpiry : rest.until;
      this.holdUntil = Math.min(rest.until, leaseEnds);
      restTicket = () => hold;
    } else if (rest.kind === "await-probe") {
      restTicket = (at) => {
        // Our own probe releases the wait when it settles; another process's is polled for.
        const settled = this.awaitProbe(Math.max(1, Math.min(probePollMs, rest.probeExpiry - at)));
        return { action: "await-probe", until: at + probePollMs * 5, settled };
      };
    }
    waiters.forEach((waiter, index) => {
      if (index < grant.granted) waiter.resolve(send(index));
      // Every caller not granted is told why; a grant that does not say is a bug in the rules.
      else if (restTicket === undefined) waiter.reject(new Error("the file budget left a caller unanswered"));
      else waiter.resolve(restTicket(waiter.at));
    });
  }
}
