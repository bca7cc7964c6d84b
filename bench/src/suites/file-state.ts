/**
 * The file-backed rate-limit state against the memory state, in one process: requests per second
 * through the state alone (acquire, then settle with the response's figures; no network), one caller
 * at a time and 8 at once, and the state file's locked read-modify-writes per request. Each one is
 * about 23 file-system calls (strace, one caller: openat 5, close 5, statx 4, pread 2, write 2, fsync
 * 2, fchmod, rename, unlink: the lock, the bounded read, the atomic write with its fsyncs, the
 * unlock). Target: at most 1 read-modify-write per request one at a time, fewer when callers queue.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createMemoryRateLimitState, type RateLimitState } from "@twauth/core";
import { fileRateLimitState } from "@twauth/ratelimit-file";
import type { BenchSuite } from "../suite.js";

const requests = 400;
const key = "bench-token GET /2/users/me";

type Budget = Pick<RateLimitState, "acquire" | "settle">;

/** Sends `requests` through `state`, `callers` at a time; returns requests per second. */
async function drive(state: Budget, callers: number): Promise<number> {
  const resetAt = Date.now() + 900_000;
  let remaining = 10_000_000;
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: callers }, async () => {
      // Bounded: every round takes one of `requests`; a wait (none with this budget) would end it.
      while (next < requests) {
        next++;
        const ticket = await state.acquire(key, Date.now());
        if (ticket.action === "wait") throw new Error("the bench budget ran out");
        if (ticket.action === "await-probe") {
          await ticket.settled;
          continue;
        }
        remaining--;
        await state.settle(key, ticket, {
          answered: true,
          figures: { limit: 10_000_000, remaining, resetAt },
        });
      }
    }),
  );
  return requests / ((performance.now() - started) / 1000);
}

export const suite: BenchSuite = {
  name: "file-state",
  async run() {
    const folder = await mkdtemp(join(tmpdir(), "twauth-bench-file-state-"));
    const lines: string[] = [];
    try {
      for (const callers of [1, 8]) {
        const memory = await drive(createMemoryRateLimitState(), callers);
        const file = fileRateLimitState({ path: join(folder, `limits-${callers}.json`) });
        const perSecond = await drive(file, callers);
        await file.flush();
        const perRequest = file.fileTransactions / requests;
        lines.push(
          `${callers} caller(s), ${requests} requests: memory ${Math.round(memory)} req/s, file ${Math.round(perSecond)} req/s, ${perRequest.toFixed(2)} locked read-modify-writes per request (target <= 1)`,
        );
      }
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
    return lines;
  },
};
