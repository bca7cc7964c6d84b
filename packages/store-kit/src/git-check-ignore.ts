import { access, constants, stat } from "node:fs/promises";
import { basename, delimiter, dirname, isAbsolute, join } from "node:path";

// Every setting through which a repository's own config (or one it includes) makes git run a
// program or write elsewhere, turned off for this one command. `-c` outranks every config file.
// An empty core.fsmonitor is "off" for every git version (old ones read a value as a hook path).
const safeConfig = [
  "core.fsmonitor=",
  "core.useBuiltinFSMonitor=false",
  "core.hooksPath=/dev/null",
  "core.pager=cat",
  "core.sshCommand=",
  "core.askPass=",
  "credential.helper=",
  "diff.external=",
  "trace2.eventTarget=",
  "trace2.normalTarget=",
  "trace2.perfTarget=",
];

/**
 * `true` ignored, `false` in a work tree and not ignored, `undefined` when git cannot tell (git
 * missing, slow, not a repository). Runs `git check-ignore` with the commands a repository can
 * configure disabled, git found only in PATH's absolute folders (never a `git` planted in the
 * secret file's folder), no terminal prompt and no optional locks.
 *
 * @example
 * const ignored = await isIgnoredByGit("/srv/bot/.env", "git", 2000);
 */
export async function isIgnoredByGit(
  file: string,
  git: string,
  timeout: number,
): Promise<boolean | undefined> {
  const executable = await findExecutable(git);
  if (executable === undefined) return undefined;
  // Imported here: node:child_process costs ~1.7 ms to load, and most runs never get this far.
  const { execFile } = await import("node:child_process");
  const args = [
    ...safeConfig.flatMap((setting) => ["-c", setting]),
    "check-ignore",
    "-q",
    "--",
    basename(file),
  ];
  const env = {
    ...process.env,
    GIT_TERMINAL_PROMPT: "0",
    GIT_OPTIONAL_LOCKS: "0",
    GIT_PAGER: "cat",
    GIT_EXTERNAL_DIFF: "",
    GIT_TRACE2: "",
    GIT_TRACE2_EVENT: "",
    GIT_TRACE2_PERF: "",
  };
  return new Promise((resolvePromise) => {
    execFile(executable, args, { cwd: dirname(file), timeout, windowsHide: true, env }, (error) => {
      if (error === null) return resolvePromise(true);
      // Exit 1: inside a work tree and not ignored. 128: not a repository. Anything else
      // (git missing, killed by the timeout) means we cannot tell.
      resolvePromise(error.code === 1 ? false : undefined);
    });
  });
}

async function findExecutable(command: string): Promise<string | undefined> {
  if (isAbsolute(command)) return (await isExecutable(command)) ? command : undefined;
  if (command.includes("/") || command.includes("\\")) return undefined;
  const names = process.platform === "win32" ? [`${command}.exe`, `${command}.cmd`, command] : [command];
  const folders = (process.env.PATH ?? "").split(delimiter).filter((folder) => isAbsolute(folder));
  for (const folder of folders.slice(0, 256)) {
    for (const name of names) {
      const candidate = join(folder, name);
      if (await isExecutable(candidate)) return candidate;
    }
  }
  return undefined;
}

async function isExecutable(path: string): Promise<boolean> {
  try {
    if (!(await stat(path)).isFile()) return false;
    await access(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
