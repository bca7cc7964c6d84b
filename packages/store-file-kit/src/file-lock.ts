import { resolve } from "node:path";

// Module-wide on purpose: two store objects on one file (or two packages sharing this module)
// must still take turns, or the second save would overwrite the first one's changes.
const queues = new Map<string, Promise<void>>();

/**
 * Runs `task` after every earlier task on the same file (by absolute path) in this process has
 * settled, so concurrent read-modify-write cycles never lose each other's changes. It does not
 * lock against other processes; `updateSecretFile` uses it with an atomic write.
 *
 * @example
 * await withFileLock(path, async () => {
 *   const current = await readSecretFileIfPresent(path);
 *   await writeFileAtomic(path, `${current?.text ?? ""}EXTRA=1\n`);
 * });
 */
export async function withFileLock<T>(file: string, task: () => Promise<T>): Promise<T> {
  const key = resolve(file);
  const previous = queues.get(key) ?? Promise.resolve();
  const result = previous.then(task);
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
