import { readdir, unlink } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { isProcessAlive } from "./process-alive.js";

const maxEntries = 10_000;

/**
 * The temp file name `writeFileAtomic` uses for `file`: `.<name>.<pid>.<12 hex>.tmp`, in its directory.
 *
 * @example
 * tempFileName("/srv/bot/.env", 4242, "a1b2c3d4e5f6"); // "/srv/bot/..env.4242.a1b2c3d4e5f6.tmp"
 */
export function tempFileName(file: string, pid: number, random: string): string {
  return join(dirname(file), `.${basename(file)}.${pid}.${random}.tmp`);
}

/**
 * Removes the temp files a save of `file` left when its process died mid-write (they hold secrets).
 * Only names of `writeFileAtomic`'s own pattern whose pid is not alive; call it under the file's
 * lock. Looks at no more than 10 000 directory entries.
 *
 * @example
 * await withFileLock(file, async () => { await removeStaleTempFiles(file); … });
 */
export async function removeStaleTempFiles(file: string): Promise<void> {
  const prefix = `.${basename(file)}.`;
  let names: string[];
  try {
    names = await readdir(dirname(file));
  } catch {
    return; // no directory yet, or not listable: the write reports what matters
  }
  for (const name of names.slice(0, maxEntries)) {
    if (!name.startsWith(prefix)) continue;
    const match = /^(\d+)\.[0-9a-f]{12}\.tmp$/.exec(name.slice(prefix.length));
    if (match === null) continue;
    const pid = Number(match[1]);
    if (pid === process.pid || isProcessAlive(pid)) continue;
    await unlink(join(dirname(file), name)).catch(() => {});
  }
}
