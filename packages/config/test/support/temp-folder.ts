import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach } from "vitest";

/** A fresh temp folder per test, removed after it; `write` puts a file in it (folders made as needed). */
export function useTempFolder(prefix: string): {
  readonly root: string;
  write(relativePath: string, text: string): string;
} {
  let root = "";
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), prefix));
  });
  afterEach(() => {
    rmSync(root, { recursive: true, force: true });
  });
  return {
    get root() {
      return root;
    },
    write(relativePath, text) {
      const path = join(root, relativePath);
      mkdirSync(join(path, ".."), { recursive: true });
      writeFileSync(path, text);
      return path;
    },
  };
}

/** What a promise rejects with: its code, message and the error itself; fails when it resolves. */
export async function failure(
  promise: Promise<unknown>,
): Promise<{ code: string; message: string; error: unknown }> {
  try {
    await promise;
  } catch (error) {
    const { code, message } = error as { code: string; message: string };
    return { code, message, error };
  }
  throw new Error("expected the call to fail");
}
