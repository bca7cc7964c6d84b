import { withFileLock } from "./file-lock.js";
import type { ReadSecretFileOptions, SecretFileText } from "./read-secret-file.js";
import { readSecretFileIfPresent } from "./read-secret-file.js";
import { writeFileAtomic } from "./write-file-atomic.js";

/**
 * Read-modify-write of a secret file, serialized per file in this process and written atomically
 * with mode 0600. `edit` receives the current text (LF line ends, no byte order mark) or
 * `undefined` when the file does not exist yet, and returns the new text with LF line ends; the
 * file's own line ends and byte order mark are restored on write.
 *
 * @example
 * await updateSecretFile(".env", (current) => `${current?.text ?? ""}ACCESS_TOKEN=…\n`);
 */
export async function updateSecretFile(
  file: string,
  edit: (current: SecretFileText | undefined) => string | Promise<string>,
  options: ReadSecretFileOptions = {},
): Promise<void> {
  await withFileLock(file, async () => {
    const current = await readSecretFileIfPresent(file, options);
    const next = await edit(current);
    const withLineEnds = current?.eol === "\r\n" ? next.replace(/\n/g, "\r\n") : next;
    await writeFileAtomic(file, current?.bom === true ? `\uFEFF${withLineEnds}` : withLineEnds);
  });
}
