import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface TempDirectory {
  readonly path: string;
  /** The path of `name` inside the directory. */
  file(name: string): string;
  cleanup(): Promise<void>;
}

/** A fresh directory under the system's temp directory, for a file store's test. */
export async function createTempDirectory(prefix = "twauth-store-"): Promise<TempDirectory> {
  const path = await mkdtemp(join(tmpdir(), prefix));
  return {
    path,
    file: (name) => join(path, name),
    cleanup: () => rm(path, { recursive: true, force: true }),
  };
}
