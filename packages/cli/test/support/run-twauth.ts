import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

/** The real bin, as built by `turbo run build` before the tests. */
export const twauthBin = fileURLToPath(new URL("../../dist/bin/twauth.js", import.meta.url));

export interface TwauthRun {
  readonly exitCode: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface SpawnOptions {
  cwd: string;
  /** Added to a minimal environment (PATH only), so no TWAUTH_* of the machine leaks in. */
  env?: Record<string, string>;
  /** Written to stdin, which is then closed; omit to keep stdin open for `write`. */
  stdin?: string;
  /** The child is killed after this long (a hung CLI fails the test instead of the suite). */
  timeoutMs?: number;
}

export interface RunningTwauth {
  readonly done: Promise<TwauthRun>;
  write(text: string): void;
  kill(signal?: NodeJS.Signals): void;
  /** Resolves with the first match of `pattern` in the stream's output so far or later. */
  waitFor(stream: "stdout" | "stderr", pattern: RegExp): Promise<RegExpMatchArray>;
}

export function spawnTwauth(args: readonly string[], options: SpawnOptions): RunningTwauth {
  const child = spawn(process.execPath, [twauthBin, ...args], {
    cwd: options.cwd,
    env: { PATH: process.env.PATH ?? "", ...options.env },
    stdio: ["pipe", "pipe", "pipe"],
  });
  const output = { stdout: "", stderr: "" };
  interface Watcher {
    stream: "stdout" | "stderr";
    pattern: RegExp;
    resolve: (match: RegExpMatchArray) => void;
    reject: (error: Error) => void;
  }
  const watchers: Watcher[] = [];
  let closed = false;
  const check = () => {
    for (const watcher of [...watchers]) {
      const match = output[watcher.stream].match(watcher.pattern);
      if (match === null) continue;
      watchers.splice(watchers.indexOf(watcher), 1);
      watcher.resolve(match);
    }
  };
  for (const stream of ["stdout", "stderr"] as const) {
    child[stream].setEncoding("utf8");
    child[stream].on("data", (chunk: string) => {
      output[stream] += chunk;
      check();
    });
  }
  const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs ?? 15_000);
  const done = new Promise<TwauthRun>((resolve, reject) => {
    child.once("error", reject);
    child.once("close", (exitCode, signal) => {
      clearTimeout(timer);
      closed = true;
      for (const watcher of watchers.splice(0)) {
        watcher.reject(
          new Error(
            `twauth ended before ${watcher.stream} matched ${watcher.pattern}:\n${output.stdout}\n${output.stderr}`,
          ),
        );
      }
      resolve({ exitCode, signal, stdout: output.stdout, stderr: output.stderr });
    });
  });
  if (options.stdin !== undefined) child.stdin.end(options.stdin);
  return {
    done,
    write: (text) => child.stdin.write(text),
    kill: (signal = "SIGTERM") => child.kill(signal),
    waitFor(stream, pattern) {
      return new Promise((resolve, reject) => {
        const match = output[stream].match(pattern);
        if (match !== null) resolve(match);
        else if (closed) reject(new Error(`twauth ended before ${stream} matched ${pattern}`));
        else watchers.push({ stream, pattern, resolve, reject });
      });
    },
  };
}

/** Runs `twauth args` to the end. */
export function runTwauth(args: readonly string[], options: SpawnOptions): Promise<TwauthRun> {
  return spawnTwauth(args, { stdin: "", ...options }).done;
}
