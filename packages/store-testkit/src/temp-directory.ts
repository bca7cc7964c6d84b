import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * A temp directory made by `createTempDirectory`: its path, a helper to name files in it, and its
 * removal.
 *
 * @example
 * const temp: TempDirectory = await createTempDirectory();
 * await writeFile(temp.file(".env"), "CONSUMER_KEY=ck-test\n", { mode: 0o600 });
 */
export interface TempDirectory {
  /** The directory's absolute path. */
  readonly path: string;
  /** The path of `name` inside the directory. */
  file(name: string): string;
  /** Removes the directory and everything in it; does not fail if it is already gone. */
  cleanup(): Promise<void>;
}

/**
 * A fresh directory under the system's temp directory, for a file store's test.
 *
 * @param prefix the start of the directory's name; `mkdtemp` appends six random characters.
 *   Defaults to `"twauth-store-"`.
 *
 * @example
 * const temp = await createTempDirectory();
 * try {
 *   await writeFile(temp.file("twauth.ini"), "[default]\nconsumer_key = ck-test\n");
 * } finally {
 *   await temp.cleanup();
 * }
 */
export async function createTempDirectory(prefix = "twauth-store-"): Promise<TempDirectory> {
  const path = await mkdtemp(join(tmpdir(), prefix));
  return {
    path,
    file: (name) => join(path, name),
    cleanup: () => rm(path, { recursive: true, force: true }),
  };
}
