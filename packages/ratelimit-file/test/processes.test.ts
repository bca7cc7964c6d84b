import { spawn } from "node:child_process";
import { writeFile } from "node:fs/promises";
import { hostname } from "node:os";
import { join } from "node:path";
import { startEmulator } from "@twauth/emulator";
import { describe, expect, it } from "vitest";
import { fileRateLimitState } from "../src/index.js";
import { busiestWindow, runWorker, startLeaseHolder } from "./support/processes.js";
import { useTempDirs } from "./support/temp-dir.js";

const route = "GET /2/users/me";
const leaseKey = "token GET /2/users/me";
const tempDir = useTempDirs();

describe("processes on one host sharing one budget through the file", () => {
  it("4 processes send 60 requests at L=10 per 1 s with no 429, no error and no window above L", {
    timeout: 90_000,
  }, async () => {
    const limit = 10;
    const windowMs = 1000;
    const emulator = await startEmulator({ rateLimits: { [route]: { limit, windowMs } } });
    try {
      const statePath = join(await tempDir(), "limits.json");
      const run = { emulatorUrl: emulator.url, statePath, count: 15, concurrency: 2 };
      const results = await Promise.all(Array.from({ length: 4 }, () => runWorker(run)));
      expect(results.flatMap((result) => result.errors)).toEqual([]);
      expect(results.reduce((sum, result) => sum + result.answered, 0)).toBe(60);
      expect(emulator.stats.count({ route, status: 429 })).toBe(0);
      expect(emulator.stats.count({ route, status: 200 })).toBe(60);
      expect(busiestWindow(emulator.stats, route, windowMs)).toBeLessThanOrEqual(limit);
      // One locked read-modify-write per request at most (a settle rides with the next acquire).
      const transactions = results.reduce((sum, result) => sum + result.transactions, 0);
      expect(transactions / 60).toBeLessThanOrEqual(2);
    } finally {
      await emulator.stop();
    }
  });

  async function budgetOfTwo(path: string, at: number) {
    const state = fileRateLimitState({ path });
    const probe = await state.acquire(leaseKey, at);
    if (probe.action !== "send") throw new Error("expected the probe");
    state.settle(leaseKey, probe, {
      answered: true,
      figures: { limit: 5, remaining: 2, resetAt: at + 60_000 },
    });
    await state.flush();
  }

  it("gives back the leases of a process that hangs without settling when they expire", {
    timeout: 30_000,
  }, async () => {
    const path = join(await tempDir(), "limits.json");
    const at = Date.now();
    await budgetOfTwo(path, at);
    const holder = await startLeaseHolder({ STATE_PATH: path, KEY: leaseKey, AT: String(at), COUNT: "2" });
    try {
      const other = fileRateLimitState({ path });
      expect(await other.acquire(leaseKey, at + 499)).toMatchObject({ action: "wait", reason: "exhausted" });
      expect(await other.acquire(leaseKey, at + 500)).toEqual({ action: "send", probe: false });
    } finally {
      holder.kill("SIGKILL");
    }
  });

  it("gives back a killed process's leases at once: its pid is gone on this host", {
    timeout: 30_000,
  }, async () => {
    const path = join(await tempDir(), "limits.json");
    const at = Date.now();
    await budgetOfTwo(path, at);
    const holder = await startLeaseHolder({ STATE_PATH: path, KEY: leaseKey, AT: String(at), COUNT: "2" });
    const other = fileRateLimitState({ path });
    expect(await other.acquire(leaseKey, at + 1)).toMatchObject({ action: "wait", reason: "exhausted" });
    holder.kill("SIGKILL");
    await new Promise((done) => holder.once("exit", done));
    // A fresh state: the first one holds the wait it was told (until the first lease expires).
    expect(await fileRateLimitState({ path }).acquire(leaseKey, at + 2)).toEqual({
      action: "send",
      probe: false,
    });
  });
});

describe("a process killed while it held the file's lock", () => {
  it("does not stop the next one: its lock is taken over since its pid is gone", {
    timeout: 30_000,
  }, async () => {
    const path = join(await tempDir(), "limits.json");
    const child = spawn(process.execPath, ["-e", ""], { stdio: "ignore" });
    const pid = child.pid!;
    await new Promise((done) => child.once("exit", done));
    await writeFile(`${path}.lock`, JSON.stringify({ pid, host: hostname(), token: "killed" }), {
      mode: 0o600,
    });
    const state = fileRateLimitState({ path, lockTimeout: "5s" });
    expect(await state.acquire("token GET /2/users/me", Date.now())).toEqual({ action: "send", probe: true });
  });
});

describe("successive runs on one host (the CLI's case)", () => {
  // The window must not roll over between the two runs by chance: the emulator and both runs share
  // a clock set to the start of a window when the test begins, and the window is long.
  async function twoRuns(statePath: (dir: string) => string) {
    const limit = 2;
    const windowMs = 5000;
    const clockOffset = -(Date.now() % windowMs);
    const emulator = await startEmulator({
      rateLimits: { [route]: { limit, windowMs } },
      now: () => Date.now() + clockOffset,
    });
    try {
      const run = {
        emulatorUrl: emulator.url,
        statePath: statePath(await tempDir()),
        concurrency: 1,
        clockOffset,
      };
      const first = await runWorker({ ...run, count: limit });
      const second = await runWorker({ ...run, count: 1 });
      const served = emulator.stats.requests.filter((request) => request.route === route);
      return { first, second, served, windowMs };
    } finally {
      await emulator.stop();
    }
  }

  it("the second run waits for the window the first emptied instead of spending a request on a 429", {
    timeout: 60_000,
  }, async () => {
    const { first, second, served, windowMs } = await twoRuns((dir) => join(dir, "limits.json"));
    expect([first.answered, second.answered, [...first.errors, ...second.errors]]).toEqual([2, 1, []]);
    expect(served.map((request) => request.status)).toEqual([200, 200, 200]);
    const windows = served.map((request) => Math.floor(request.at / windowMs));
    expect(windows[2]).toBeGreaterThan(windows[1]!);
  });

  it("without the file, the second run does spend a request on a 429 (what the file prevents)", {
    timeout: 60_000,
  }, async () => {
    const { second, served } = await twoRuns(() => "memory");
    expect(second.answered).toBe(1);
    expect(served.map((request) => request.status)).toEqual([200, 200, 429, 200]);
  });
});
