import { randomBytes } from "node:crypto";
import { link, open, readFile, rename, stat, unlink, utimes } from "node:fs/promises";
import { hostname } from "node:os";
import { resolve } from "node:path";
import { TwauthError } from "@twauth/core";
import { isProcessAlive } from "./process-alive.js";

/**
 * How long `withFileLock` waits for another holder, when it takes over a dead holder's lock, and
 * the clock and sleep it uses (injected in tests).
 *
 * @example
 * await withFileLock(".env", save, { timeoutMs: 2_000 });
 */
export interface FileLockOptions {
  /** How long to wait for a lock another process holds before failing. @default 10_000 */
  timeoutMs?: number;
  /**
   * A lock untouched this long is taken over even when its holder's pid seems alive (the pid may
   * have been reused, or the holder is on another host). A live holder touches its lock every
   * `staleMs / 3`, so a long task keeps it. @default 30_000
   */
  staleMs?: number;
  /** The pause between two attempts to take the lock. @default 20 */
  retryDelayMs?: number;
  /** @default Date.now */
  now?: () => number;
  /** @default a setTimeout promise */
  sleep?: (ms: number) => Promise<void>;
}

interface LockHolder {
  readonly pid: number;
  readonly host: string;
  readonly token: string;
}

// Module-wide on purpose: two store objects on one file in one process take turns here first,
// so the lock file is only ever contended between processes.
const queues = new Map<string, Promise<void>>();

const maxAttempts = 100_000;

/**
 * Runs `task` while holding the lock of `file`, across processes: a lock file `<file>.lock` beside it,
 * created exclusively (`O_EXCL`) and removed afterwards. In this process, tasks on one file run in call
 * order. A lock whose holder is dead (its pid, on this host) or untouched for `staleMs` is taken
 * over; waiting for a live one is bounded by `timeoutMs`, then `STORE_WRITE_FAILED` names the lock
 * file and its holder. Read, merge and write inside `task` are then one step for every process.
 *
 * @example
 * await withFileLock("/srv/bot/.env", async () => {
 *   const current = await readSecretFileIfPresent("/srv/bot/.env");
 *   await writeFileAtomic("/srv/bot/.env", `${current?.text ?? ""}EXTRA=1\n`);
 * });
 */
export async function withFileLock<T>(
  file: string,
  task: () => Promise<T>,
  options: FileLockOptions = {},
): Promise<T> {
  const key = resolve(file);
  const previous = queues.get(key) ?? Promise.resolve();
  const result = previous.then(() => holdingLockFile(key, task, options));
  const settled = result.then(
    () => {},
    () => {},
  );
  queues.set(key, settled);
  try {
    return await result;
  } finally {
    if (queues.get(key) === settled) queues.delete(key);
  }
}

async function holdingLockFile<T>(
  file: string,
  task: () => Promise<T>,
  options: FileLockOptions,
): Promise<T> {
  const lockFile = `${file}.lock`;
  const staleMs = options.staleMs ?? 30_000;
  const holder: LockHolder = { pid: process.pid, host: hostname(), token: randomBytes(8).toString("hex") };
  await acquire(lockFile, holder, options, staleMs);
  // Touching the lock tells other processes its holder is alive, however long `task` takes.
  const keepAlive = setInterval(() => {
    const now = new Date();
    utimes(lockFile, now, now).catch(() => {});
  }, staleMs / 3);
  keepAlive.unref();
  try {
    return await task();
  } finally {
    clearInterval(keepAlive);
    await release(lockFile, holder);
  }
}

async function acquire(lockFile: string, holder: LockHolder, options: FileLockOptions, staleMs: number) {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((done) => setTimeout(done, ms)));
  const deadline = now() + (options.timeoutMs ?? 10_000);
  for (let attempt = 0; attempt < maxAttempts; attempt += 1) {
    if (await tryCreate(lockFile, holder)) return;
    const current = await inspectLock(lockFile);
    if (current === undefined) continue; // released meanwhile: try again at once
    if (isStale(current, staleMs, now())) {
      await takeOver(lockFile, current.ino);
      continue;
    }
    if (now() >= deadline) throw lockTimeout(lockFile, current.holder, options.timeoutMs ?? 10_000);
    await sleep(options.retryDelayMs ?? 20);
  }
  throw lockTimeout(lockFile, undefined, options.timeoutMs ?? 10_000);
}

async function tryCreate(lockFile: string, holder: LockHolder): Promise<boolean> {
  try {
    const handle = await open(lockFile, "wx", 0o600);
    try {
      await handle.writeFile(`${JSON.stringify(holder)}\n`, "utf8");
    } finally {
      await handle.close();
    }
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw lockError(lockFile, error);
  }
}

interface LockState {
  readonly holder: LockHolder | undefined;
  readonly ino: number;
  readonly touchedAt: number;
}

async function inspectLock(lockFile: string): Promise<LockState | undefined> {
  try {
    const info = await stat(lockFile);
    // A holder writes its lock right after creating it: an empty or half-written one is read as
    // "no holder known", and goes stale by age only.
    const text = info.size <= 4096 ? await readFile(lockFile, "utf8") : "";
    return { holder: parseHolder(text), ino: info.ino, touchedAt: info.mtimeMs };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw lockError(lockFile, error);
  }
}

function parseHolder(text: string): LockHolder | undefined {
  try {
    const value = JSON.parse(text) as Partial<LockHolder>;
    if (typeof value.pid !== "number" || typeof value.host !== "string" || typeof value.token !== "string") {
      return undefined;
    }
    return { pid: value.pid, host: value.host, token: value.token };
  } catch {
    return undefined;
  }
}

function isStale(state: LockState, staleMs: number, now: number): boolean {
  if (now - state.touchedAt >= staleMs) return true;
  const holder = state.holder;
  return holder !== undefined && holder.host === hostname() && !isProcessAlive(holder.pid);
}

/**
 * Removes a stale lock without removing a fresh one taken meanwhile: the lock is moved aside
 * (atomic, so one process wins) and, when what was moved is not the file found stale, put back.
 */
async function takeOver(lockFile: string, staleIno: number): Promise<void> {
  const aside = `${lockFile}.${process.pid}.${randomBytes(4).toString("hex")}.stale`;
  try {
    await rename(lockFile, aside);
  } catch {
    return; // another process moved it first
  }
  try {
    const moved = await stat(aside);
    if (moved.ino !== staleIno) await link(aside, lockFile).catch(() => {});
  } finally {
    await unlink(aside).catch(() => {});
  }
}

async function release(lockFile: string, holder: LockHolder): Promise<void> {
  const current = await inspectLock(lockFile).catch(() => undefined);
  // Only our own lock: if it was taken over (we looked dead or stale), it is someone else's now.
  if (current?.holder?.token !== holder.token) return;
  await unlink(lockFile).catch(() => {});
}

function lockTimeout(lockFile: string, holder: LockHolder | undefined, timeoutMs: number): TwauthError {
  const who = holder === undefined ? "another process" : `process ${holder.pid} on ${holder.host}`;
  return new TwauthError(
    "STORE_WRITE_FAILED",
    `${lockFile} is held by ${who} for over ${timeoutMs} ms; wait for it to finish, or delete the lock file if no twauth process is running.`,
    { source: lockFile, file: lockFile },
  );
}

function lockError(lockFile: string, error: unknown): TwauthError {
  const file = lockFile.slice(0, -".lock".length);
  const code = (error as NodeJS.ErrnoException).code ?? "unexpected error";
  const message =
    code === "ENOENT"
      ? `${file} cannot be written: its folder does not exist; create the folder or check the path.`
      : `${file} cannot be written: its lock file ${lockFile} cannot be created (${code}); check the permissions of its folder.`;
  return new TwauthError("STORE_WRITE_FAILED", message, { source: file, file, cause: error });
}
