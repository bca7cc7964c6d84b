import { stat } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import type { WarningHandler } from "@twauth/core";
import { emitProcessWarning } from "@twauth/core";
import { isIgnoredByGit } from "./git-check-ignore.js";

/**
 * Where hygiene warnings go, and whether and how the git check runs.
 *
 * @example
 * const options: FileHygieneOptions = { onWarning: (warning) => logger.warn(warning.message), checkGitIgnore: true };
 */
export interface FileHygieneOptions {
  /** Receives each warning (`FILE_PERMISSIONS`, `FILE_NOT_GIT_IGNORED`). @default process.emitWarning */
  onWarning?: WarningHandler;
  /**
   * Ask git whether the file is ignored. That starts a `git check-ignore` process (with every
   * command a repository can configure turned off), so stores run it only when asked.
   * @default true for `checkFileHygiene` (`twauth doctor`), false for `createHygieneCheck` (a store's load)
   */
  checkGitIgnore?: boolean;
  /** How long `git check-ignore` may take before the check is skipped. @default 2000 */
  gitTimeoutMs?: number;
  /** The git executable: an absolute path, or a name looked up in PATH's absolute folders. @default "git" */
  gitCommand?: string;
}

/**
 * Warns (never throws) when a secret file is readable by group or others, or lies inside a git
 * work tree without being ignored, so its secrets would be committed. Each warning names the file
 * and the fix. When git is missing, slow or the file is outside any repository, the git check is
 * silently skipped.
 *
 * @example
 * await checkFileHygiene("/srv/bot/.env", { onWarning: (warning) => console.warn(warning.message) });
 */
export async function checkFileHygiene(file: string, options: FileHygieneOptions = {}): Promise<void> {
  const onWarning = options.onWarning ?? emitProcessWarning;
  const askGit = options.checkGitIgnore ?? true;
  const [permissions, ignored] = await Promise.all([
    groupOrOtherAccess(file),
    askGit && (await hasGitFolderAbove(dirname(file)))
      ? isIgnoredByGit(file, options.gitCommand ?? "git", options.gitTimeoutMs ?? 2000)
      : undefined,
  ]);
  if (permissions !== undefined) {
    onWarning({
      code: "FILE_PERMISSIONS",
      message: `${file} holds secrets but can be read by ${permissions.who} (mode ${permissions.mode}); run: chmod 600 ${file}`,
      source: file,
    });
  }
  if (ignored === false) {
    onWarning({
      code: "FILE_NOT_GIT_IGNORED",
      message: `${file} holds secrets and is inside a git work tree but not ignored; add ${basename(file)} to .gitignore (and "git rm --cached ${file}" if it was committed).`,
      source: file,
    });
  }
}

async function groupOrOtherAccess(file: string): Promise<{ who: string; mode: string } | undefined> {
  if (process.platform === "win32") return undefined;
  let mode: number;
  try {
    mode = (await stat(file)).mode;
  } catch {
    // The caller reports unreadable files; hygiene has nothing to add.
    return undefined;
  }
  const group = (mode & 0o070) !== 0;
  const others = (mode & 0o007) !== 0;
  if (!group && !others) return undefined;
  const who = group && others ? "group and others" : group ? "its group" : "others";
  return { who, mode: (mode & 0o777).toString(8) };
}

/**
 * Whether `folder` or a folder above it holds `.git` (a folder, or a file in a linked worktree or
 * submodule): a few stat calls that spare starting git for a file outside any repository. GIT_DIR
 * points git elsewhere, so then only git can tell.
 */
async function hasGitFolderAbove(folder: string): Promise<boolean> {
  if (process.env.GIT_DIR !== undefined) return true;
  let current = folder;
  for (let depth = 0; depth < 256; depth += 1) {
    try {
      await stat(join(current, ".git"));
      return true;
    } catch {
      // Not here (or not readable here): keep climbing, as git does.
    }
    const parent = dirname(current);
    if (parent === current) return false;
    current = parent;
  }
  return true;
}

/**
 * A hygiene check that runs at most once per file for the store that owns it, so a store loaded
 * again (a refresh after a 401) does not repeat the same warnings. Make one per store. It checks
 * permissions only, and starts no process, unless `checkGitIgnore` is `true`.
 *
 * @example
 * const checkHygiene = createHygieneCheck(options.onWarning === undefined ? {} : { onWarning: options.onWarning });
 * await checkHygiene(path); // warns at most once for this path
 */
export function createHygieneCheck(options: FileHygieneOptions = {}): (file: string) => Promise<void> {
  const checked = new Set<string>();
  const storeOptions = { ...options, checkGitIgnore: options.checkGitIgnore === true };
  return async (file) => {
    if (checked.has(file)) return;
    checked.add(file);
    await checkFileHygiene(file, storeOptions);
  };
}
