import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

export const run = promisify(execFile);

/** The workspace root: this folder is packages/pack-test/test/support. */
export const repositoryRoot = fileURLToPath(new URL("../../../../", import.meta.url));

/**
 * How to start pnpm: the one running this test (`pnpm test` sets npm_execpath to itself, also when
 * pnpm came through npx and is on no PATH), else `pnpm` from the PATH.
 */
export function pnpmCommand(): { file: string; prefix: string[] } {
  const execPath = process.env.npm_execpath;
  if (execPath !== undefined && /pnpm(\.c?js)?$/.test(execPath)) {
    return { file: process.execPath, prefix: [execPath] };
  }
  return { file: "pnpm", prefix: [] };
}

export interface WorkspacePackage {
  name: string;
  path: string;
  private: boolean;
}

/** Every package of the workspace as pnpm sees it (the names are never listed by hand here). */
export async function workspacePackages(): Promise<WorkspacePackage[]> {
  const pnpm = pnpmCommand();
  const { stdout } = await run(pnpm.file, [...pnpm.prefix, "ls", "--recursive", "--depth", "-1", "--json"], {
    cwd: repositoryRoot,
    timeout: 20_000,
    maxBuffer: 8 * 1024 * 1024,
  });
  const listed = JSON.parse(stdout) as { name?: string; path: string; private?: boolean }[];
  return listed
    .filter((entry) => entry.path !== repositoryRoot.replace(/\/$/, ""))
    .map((entry) => ({ name: entry.name ?? "", path: entry.path, private: entry.private === true }));
}
