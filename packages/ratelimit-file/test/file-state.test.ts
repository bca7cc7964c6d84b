import { readFile, stat, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  key,
  knownBudget,
  sendTicket,
  t0,
  window,
} from "../../ratelimit-redis/test/support/rate-limit-contract.js";
import { maxStoredBudgets } from "../src/budget-file.js";
import { fileBearerTokenCache, fileRateLimitState } from "../src/index.js";
import { useTempDirs } from "./support/temp-dir.js";

const tempDir = useTempDirs();

async function statePath(): Promise<string> {
  return join(await tempDir(), "limits.json");
}

describe("fileRateLimitState across state objects on one file", () => {
  it("shares one budget: two states sending 4 each on remaining 3 get 3 sends in total", async () => {
    const path = await statePath();
    const [a, b] = [fileRateLimitState({ path }), fileRateLimitState({ path })];
    await knownBudget(a, 3);
    const tickets = await Promise.all([a, b, a, b, a, b, a, b].map((state) => state.acquire(key, t0)));
    expect(tickets.filter((ticket) => ticket.action === "send")).toHaveLength(3);
  });

  it("holds the other state after a 429 one of them saw, until the block ends", async () => {
    const path = await statePath();
    const [a, b] = [fileRateLimitState({ path }), fileRateLimitState({ path })];
    await knownBudget(a, 10);
    a.settle(key, undefined, { answered: true, blockedUntil: t0 + 5000, blockedReason: "too-many-requests" });
    await a.flush();
    expect(await b.acquire(key, t0)).toEqual({
      action: "wait",
      until: t0 + 5000,
      reason: "too-many-requests",
    });
  });

  it("gives back a lease its holder never settled once the lease expires", async () => {
    const path = await statePath();
    const holder = fileRateLimitState({ path, leaseTime: "100ms" });
    const other = fileRateLimitState({ path });
    await knownBudget(holder, 1);
    sendTicket(await holder.acquire(key, t0));
    expect((await other.acquire(key, t0 + 99)).action).toBe("wait");
    expect(await other.acquire(key, t0 + 100)).toEqual({ action: "send", probe: false });
  });

  it("lets another state's callers poll while a probe it does not hold is out", async () => {
    const path = await statePath();
    const [a, b] = [fileRateLimitState({ path }), fileRateLimitState({ path })];
    const probe = sendTicket(await a.acquire(key, t0));
    const queued = await b.acquire(key, t0);
    expect(queued.action).toBe("await-probe");
    a.settle(key, probe, { answered: true, figures: window(5) });
    await a.flush();
    if (queued.action === "await-probe") await queued.settled;
    expect(await b.acquire(key, t0)).toEqual({ action: "send", probe: false });
  });
});

describe("fileRateLimitState's file", () => {
  it("is written with mode 0600 in a folder it makes (0700), and holds no more than the figures", async () => {
    const path = join(await tempDir(), "cache", "twauth", "limits.json");
    const state = fileRateLimitState({ path });
    await knownBudget(state, 7);
    await state.flush();
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect((await stat(dirname(path))).mode & 0o777).toBe(0o700);
    const saved = JSON.parse(await readFile(path, "utf8"));
    expect(saved.budgets[key].window).toEqual({ limit: 75, remaining: 7, reset: t0 + 60_000 });
  });

  it("answers concurrent callers with one locked read-modify-write, and a settle rides with the next acquire", async () => {
    const state = fileRateLimitState({ path: await statePath() });
    await knownBudget(state, 50);
    const before = state.fileTransactions;
    const tickets = await Promise.all(Array.from({ length: 8 }, () => state.acquire(key, t0)));
    expect(state.fileTransactions - before).toBe(1);
    state.settle(key, sendTicket(tickets[0]!), { answered: true, figures: window(41) });
    await state.acquire(key, t0);
    expect(state.fileTransactions - before).toBe(2);
  });

  it("takes one locked read-modify-write per request for a caller that settles and acquires in turn", async () => {
    const state = fileRateLimitState({ path: await statePath() });
    await knownBudget(state, 50);
    await state.flush();
    const before = state.fileTransactions;
    for (let n = 0; n < 5; n++) {
      const ticket = sendTicket(await state.acquire(key, t0));
      await state.settle(key, ticket, { answered: true, figures: window(49 - n) });
    }
    await state.flush();
    // One per acquire, each carrying the settle before it, and the last settle alone.
    expect(state.fileTransactions - before).toBe(6);
  });

  it("forgets budgets past their reset and keeps at most maxStoredBudgets keys", async () => {
    const path = await statePath();
    const state = fileRateLimitState({ path });
    const keys = Array.from({ length: maxStoredBudgets + 50 }, (_, n) => `token GET /2/endpoint/${n}`);
    const probes = await Promise.all(keys.map((each) => state.acquire(each, t0)));
    keys.forEach((each, n) => {
      state.settle(each, sendTicket(probes[n]!), { answered: true, figures: window(1, t0 + 1000) });
    });
    await state.flush();
    await state.acquire(key, t0 + 1);
    const saved = JSON.parse(await readFile(path, "utf8"));
    expect(Object.keys(saved.budgets).length).toBeLessThanOrEqual(maxStoredBudgets);
    await state.acquire(key, t0 + 15 * 60_000 + 120_000);
    const later = JSON.parse(await readFile(path, "utf8"));
    expect(Object.keys(later.budgets)).toEqual([key]);
  });

  it("starts afresh from a damaged file instead of failing every request", async () => {
    const path = await statePath();
    await writeFile(path, "{ not json", { mode: 0o600 });
    expect(await fileRateLimitState({ path }).acquire(key, t0)).toEqual({ action: "send", probe: true });
  });

  it("fails a request with STORE_WRITE_FAILED naming the lock when another process holds it too long", async () => {
    const path = await statePath();
    // A live holder (this process's pid) that never lets go.
    await writeFile(
      `${path}.lock`,
      JSON.stringify({ pid: process.pid, host: (await import("node:os")).hostname(), token: "x" }),
    );
    const state = fileRateLimitState({ path, lockTimeout: "50ms" });
    await expect(state.acquire(key, t0)).rejects.toMatchObject({
      code: "STORE_WRITE_FAILED",
      message: expect.stringContaining(`${path}.lock is held by process ${process.pid}`),
    });
  });

  it("fails with STORE_WRITE_FAILED naming the file, instead of hanging, when its folder cannot be made", async () => {
    // Under /proc, mkdir with `recursive: true` never returns (Linux, as in CI): the regression case.
    const path = "/proc/twauth-no-such-folder/limits.json";
    await expect(fileRateLimitState({ path, lockTimeout: "1s" }).acquire(key, t0)).rejects.toMatchObject({
      code: "STORE_WRITE_FAILED",
      message: `${path} cannot be written: its folder does not exist; create the folder or check the path.`,
    });
  });

  it("refuses options out of bounds, naming the option", () => {
    expect(() => fileRateLimitState({ path: "" })).toThrow(
      expect.objectContaining({
        code: "OPTIONS_INVALID",
        message: expect.stringMatching(/^path: expected the path of a file/),
      }),
    );
    expect(() => fileRateLimitState({ path: "x.json", leaseTime: "5ms" })).toThrow(
      expect.objectContaining({
        code: "OPTIONS_INVALID",
        message: expect.stringMatching(/^leaseTime: expected a duration from 10ms to 3600s/),
      }),
    );
  });
});

describe("fileBearerTokenCache", () => {
  it("keeps the token for the next run in a 0600 file and forgets it only if it is still the one given", async () => {
    const path = join(await tempDir(), "cache", "bearer.json");
    await fileBearerTokenCache({ path }).set("app-hash", "AAAA-token");
    const nextRun = fileBearerTokenCache({ path });
    expect(await nextRun.get("app-hash")).toBe("AAAA-token");
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    await nextRun.delete("app-hash", "another-token");
    expect(await nextRun.get("app-hash")).toBe("AAAA-token");
    await nextRun.delete("app-hash", "AAAA-token");
    expect(await nextRun.get("app-hash")).toBeUndefined();
  });

  it("shows no token when inspected or serialized", async () => {
    const path = join(await tempDir(), "bearer.json");
    const cache = fileBearerTokenCache({ path });
    await cache.set("app-hash", "AAAA-secret-token");
    const { inspect } = await import("node:util");
    expect(inspect(cache, { depth: 5 })).not.toContain("AAAA-secret-token");
    expect(JSON.stringify(cache)).not.toContain("AAAA-secret-token");
  });
});
