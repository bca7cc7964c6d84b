import { randomBytes } from "node:crypto";
import { open, rename, unlink } from "node:fs/promises";
import { dirname } from "node:path";
import { fileSystemError } from "./read-secret-file.js";
import { tempFileName } from "./stale-temp-files.js";

/**
 * The mode a file written by `writeFileAtomic` gets.
 *
 * @example
 * const options: WriteFileAtomicOptions = { mode: 0o640 };
 */
export interface WriteFileAtomicOptions {
  /**
   * The file's permission bits, set exactly (not narrowed by the umask), also when it replaces a file
   * that had others. @default 0o600: only the owner may read a file that holds secrets.
   */
  mode?: number;
}

/**
 * Replaces `file` so that a reader (or a crash) sees the old contents or the new ones, never half:
 * writes a temp file in the same directory with `mode`, fsyncs it, renames it over `file`, then
 * fsyncs the directory so the rename itself survives a power loss. Throws `STORE_WRITE_FAILED`.
 *
 * @example
 * await writeFileAtomic("/srv/bot/.env", "CONSUMER_KEY=…\n");
 */
export async function writeFileAtomic(
  file: string,
  contents: string,
  options: WriteFileAtomicOptions = {},
): Promise<void> {
  const mode = options.mode ?? 0o600;
  const directory = dirname(file);
  const temp = tempFileName(file, process.pid, randomBytes(6).toString("hex"));
  try {
    const handle = await open(temp, "wx", mode);
    try {
      // The umask may have narrowed the mode on open; secrets files get exactly `mode`.
      await handle.chmod(mode);
      await handle.writeFile(contents, "utf8");
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, file);
  } catch (error) {
    await unlink(temp).catch(() => {});
    throw fileSystemError(file, error, "write");
  }
  await syncDirectory(directory);
}

async function syncDirectory(directory: string): Promise<void> {
  try {
    const handle = await open(directory, "r");
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Some platforms and file systems cannot fsync a directory; the rename has still happened.
  }
}
