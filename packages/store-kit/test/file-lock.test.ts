import { spawnSync } from "node:child_process";
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { withFileLock } from "../src/file-lock.js";

// store-testkit depends on this package, so the temp folder is made here.
const temp = {
  path: "",
  file: (name: string) => join(temp.path, name),
};
beforeEach(async () => {
  temp.path = await mkdtemp(join(tmpdir(), "twauth-lock-"));
});
afterEach(async () => {
  await rm(temp.path, { recursive: true, force: true });
});

/** A pid that belonged to a process which has exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], {
    encoding: "utf8",
  });
  return Number(child.stdout);
}

/** A clock that only moves when the lock sleeps, and the sleeps it was asked for. */
function fakeTime(start: number) {
  let now = start;
  const sleeps: number[] = [];
  return {
    now: () => now,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      now += ms;
    },
    sleeps,
  };
}

describe("withFileLock across processes", () => {
  it("holds a lock file beside the file while the task runs, naming this process, and removes it after", async () => {
    const file = temp.file(".env");
    let during: string | undefined;
    await withFileLock(file, async () => {
      during = await readFile(`${file}.lock`, "utf8");
    });
    expect(JSON.parse(during!)).toMatchObject({ pid: process.pid, host: hostname() });
    expect(await readdir(temp.path)).toEqual([]);
  });

  it("removes its lock file when the task fails", async () => {
    const file = temp.file(".env");
    await expect(withFileLock(file, async () => Promise.reject(new Error("task failed")))).rejects.toThrow(
      "task failed",
    );
    expect(await readdir(temp.path)).toEqual([]);
  });

  it("takes over the lock of a holder whose pid is dead, without waiting", async () => {
    const file = temp.file(".env");
    await writeFile(`${file}.lock`, JSON.stringify({ pid: deadPid(), host: hostname(), token: "old" }));
    const time = fakeTime(Date.now());
    expect(await withFileLock(file, async () => "ran", time)).toBe("ran");
    expect(time.sleeps).toEqual([]);
    expect(await readdir(temp.path)).toEqual([]);
  });

  it("takes over a lock untouched for staleMs even when its pid is alive (a reused pid)", async () => {
    const file = temp.file(".env");
    await writeFile(`${file}.lock`, JSON.stringify({ pid: 1, host: hostname(), token: "old" }));
    const touched = (await stat(`${file}.lock`)).mtimeMs;
    const time = fakeTime(touched + 30_000);
    expect(await withFileLock(file, async () => "ran", time)).toBe("ran");
    expect(time.sleeps).toEqual([]);
  });

  it("waits for a live holder at most timeoutMs, then fails with STORE_WRITE_FAILED naming the lock and its holder", async () => {
    const file = temp.file(".env");
    await writeFile(`${file}.lock`, JSON.stringify({ pid: 1, host: hostname(), token: "other" }));
    const touched = (await stat(`${file}.lock`)).mtimeMs;
    const time = fakeTime(touched);
    let ran = false;
    const error = await withFileLock(
      file,
      async () => {
        ran = true;
      },
      { ...time, timeoutMs: 1_000, staleMs: 60_000, retryDelayMs: 100 },
    ).catch((caught: unknown) => caught);
    expect(ran).toBe(false);
    expect(error).toMatchObject({
      code: "STORE_WRITE_FAILED",
      message: `${file}.lock is held by process 1 on ${hostname()} for over 1000 ms; wait for it to finish, or delete the lock file if no twauth process is running.`,
    });
    expect(time.sleeps).toEqual(Array(10).fill(100));
    // Someone else's lock is left alone.
    expect(JSON.parse(await readFile(`${file}.lock`, "utf8"))).toMatchObject({ token: "other" });
  });

  it("gets the lock once a live holder releases it", async () => {
    const file = temp.file(".env");
    await writeFile(`${file}.lock`, JSON.stringify({ pid: 1, host: hostname(), token: "other" }));
    let waits = 0;
    const result = await withFileLock(file, async () => "ran", {
      sleep: async () => {
        waits += 1;
        if (waits === 3) await (await import("node:fs/promises")).unlink(`${file}.lock`);
      },
    });
    expect(result).toBe("ran");
    expect(waits).toBe(3);
  });

  it("treats an unreadable lock (empty, half-written) as held until it is staleMs old", async () => {
    const file = temp.file(".env");
    await writeFile(`${file}.lock`, "");
    const touched = (await stat(`${file}.lock`)).mtimeMs;
    const time = fakeTime(touched);
    expect(await withFileLock(file, async () => "ran", { ...time, staleMs: 1_000, retryDelayMs: 250 })).toBe(
      "ran",
    );
    expect(time.sleeps).toEqual([250, 250, 250, 250]);
  });
});

describe("withFileLock errors", () => {
  it("says the folder does not exist when the lock file cannot be created there", async () => {
    const file = temp.file("missing/.env");
    await expect(withFileLock(file, async () => "ran")).rejects.toMatchObject({
      code: "STORE_WRITE_FAILED",
      message: `${file} cannot be written: its folder does not exist; create the folder or check the path.`,
    });
  });
});
