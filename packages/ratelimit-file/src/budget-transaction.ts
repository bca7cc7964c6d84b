import { mkdir } from "node:fs/promises";
import { dirname } from "node:path";
import { readSecretFileIfPresent, withFileLock, writeFileAtomic } from "@twauth/store-kit";
import { type BudgetFile, parseBudgetFile, pruneBudgetFile } from "./budget-file.js";

/** The largest state file read: pruning keeps it far below (2000 keys of a few hundred bytes). */
export const maxStateFileBytes = 4 * 1024 * 1024;

/**
 * Makes the state file's folder (0700) if it is missing: the CLI's default lives in a cache folder
 * that may not exist yet. Once per state, not per request (it is a file-system call each time).
 */
export async function ensureFolder(path: string): Promise<void> {
  await makeFolder(dirname(path), 32).catch(() => {
    // An unusable folder is reported by the lock, with the file's name.
  });
}

// Level by level rather than `recursive: true`, which never returns on some paths (under /proc).
async function makeFolder(folder: string, levelsLeft: number): Promise<void> {
  try {
    await mkdir(folder, { mode: 0o700 });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== "ENOENT" || levelsLeft === 0 || dirname(folder) === folder) return;
    await makeFolder(dirname(folder), levelsLeft - 1);
    await mkdir(folder, { mode: 0o700 });
  }
}

/**
 * One locked read-modify-write of the state file: every process on the host takes turns through
 * the store kit's lock, reads the whole file, lets `change` decide, and writes it back atomically
 * (mode 0600).
 */
export async function changeBudgetFile<T>(
  path: string,
  at: number,
  lockTimeoutMs: number,
  change: (file: BudgetFile) => T,
): Promise<T> {
  return withFileLock(
    path,
    async () => {
      const current = await readSecretFileIfPresent(path, { maxBytes: maxStateFileBytes });
      const file = parseBudgetFile(current?.text);
      pruneBudgetFile(file, at);
      const result = change(file);
      // Again after the change: the keys it added count against the bound too.
      pruneBudgetFile(file, at);
      await writeFileAtomic(path, `${JSON.stringify(file)}\n`, { mode: 0o600 });
      return result;
    },
    { timeoutMs: lockTimeoutMs },
  );
}
