import { lstat, readlink, realpath } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { TwauthError } from "@twauth/core";
import type { FileLockOptions } from "./file-lock.js";
import { withFileLock } from "./file-lock.js";
import type { ReadSecretFileOptions, SecretFileText } from "./read-secret-file.js";
import { DEFAULT_MAX_FILE_BYTES, readSecretFileIfPresent } from "./read-secret-file.js";
import { removeStaleTempFiles } from "./stale-temp-files.js";
import { writeFileAtomic } from "./write-file-atomic.js";

/**
 * How `updateSecretFile` reads, and how long it waits for the lock.
 *
 * @example
 * const options: UpdateSecretFileOptions = { maxBytes: 64 * 1024, lock: { timeoutMs: 2_000 } };
 */
export interface UpdateSecretFileOptions extends ReadSecretFileOptions {
  lock?: FileLockOptions;
}

/**
 * Read-modify-write of a secret file under a lock that holds across processes (`withFileLock`),
 * written atomically with mode 0600. `edit` receives the current text (LF line ends, no byte order
 * mark) or `undefined` when the file does not exist yet, and returns the new text with LF line
 * ends, or `undefined` to leave the file as it is (nothing written; the lock is still released
 * only after `edit` settles, so a slow `edit` is one step with its read, for every process). The
 * file's own line ends and byte order mark are restored on write. A symlink is followed
 * (its target is written, the link kept); a file with several hard links is refused, since the
 * atomic rename would leave the other links stale. Temp files a crashed save left are removed.
 *
 * @example
 * await updateSecretFile(".env", (current) => `${current?.text ?? ""}ACCESS_TOKEN=…\n`);
 */
export async function updateSecretFile(
  file: string,
  edit: (current: SecretFileText | undefined) => string | undefined | Promise<string | undefined>,
  options: UpdateSecretFileOptions = {},
): Promise<void> {
  const resolved = await writeTarget(file);
  // Messages name the file as the caller gave it, unless a link led elsewhere.
  const target = resolved === resolve(file) ? file : resolved;
  await withFileLock(
    target,
    async () => {
      await removeStaleTempFiles(target);
      const current = await readSecretFileIfPresent(target, options);
      await refuseHardLinks(file, target);
      const next = await edit(current);
      if (next === undefined) return;
      const withLineEnds = current?.eol === "\r\n" ? next.replace(/\n/g, "\r\n") : next;
      const contents = current?.bom === true ? `\uFEFF${withLineEnds}` : withLineEnds;
      refuseUnreadableSize(file, contents, options.maxBytes ?? DEFAULT_MAX_FILE_BYTES);
      await writeFileAtomic(target, contents);
    },
    options.lock,
  );
}

/** The file a save replaces: `file` itself, or the file its symlink (chain) points to. */
async function writeTarget(file: string): Promise<string> {
  try {
    return await realpath(file);
  } catch {
    // Missing, or a link to a file not there yet: follow links one by one, within a bound.
    let current = resolve(file);
    for (let hops = 0; hops < 40; hops += 1) {
      const info = await lstat(current).catch(() => undefined);
      if (info === undefined || !info.isSymbolicLink()) return current;
      current = resolve(dirname(current), await readlink(current));
    }
    return current;
  }
}

async function refuseHardLinks(file: string, target: string): Promise<void> {
  const info = await lstat(target).catch(() => undefined);
  if (info === undefined || !info.isFile() || info.nlink <= 1) return;
  throw new TwauthError(
    "STORE_WRITE_FAILED",
    `${file} has ${info.nlink} hard links; a save replaces the file atomically, which would leave the other links with the old secrets. Keep one link (use a symlink for the others) and save again.`,
    { source: file, file },
  );
}

/** A save must not write a file the next load refuses as too large. */
function refuseUnreadableSize(file: string, contents: string, maxBytes: number): void {
  const size = Buffer.byteLength(contents, "utf8");
  if (size <= maxBytes) return;
  throw new TwauthError(
    "STORE_WRITE_FAILED",
    `${file} would be ${size} bytes after this save, over the ${maxBytes}-byte bound a load reads; the file is unchanged: save shorter values, or raise maxBytes.`,
    { source: file, file },
  );
}
