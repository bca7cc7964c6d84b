import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";

export interface RunExampleOptions {
  /** The X API the program talks to (`TWAUTH_BASE_URL`): the emulator's url. */
  readonly baseUrl: string;
  readonly args?: readonly string[];
  /** The working directory (where the program looks for its credentials files). */
  readonly cwd?: string;
  /** Variables on top of PATH, HOME and TWAUTH_BASE_URL (nothing else of the test's environment is passed). */
  readonly env?: Readonly<Record<string, string>>;
}

export interface ExampleRun {
  /** The exit code, or the signal that ended the program. */
  readonly exit: number | string;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `node program ...args` to its end and returns its exit and output, whatever the exit code. */
export function runExample(program: string | URL, options: RunExampleOptions): Promise<ExampleRun> {
  const file = typeof program === "string" ? program : fileURLToPath(program);
  // Only these of the test's variables: a developer's own TWAUTH_* or CONSUMER_KEY must not change
  // what the program reads.
  const env: Record<string, string> = {};
  for (const name of ["PATH", "HOME", "SYSTEMROOT"]) {
    const value = process.env[name];
    if (value !== undefined) env[name] = value;
  }
  env.TWAUTH_BASE_URL = options.baseUrl;
  Object.assign(env, options.env);
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [file, ...(options.args ?? [])],
      { cwd: options.cwd, env, timeout: 15_000 },
      (error, stdout, stderr) => {
        if (error === null) resolve({ exit: 0, stdout, stderr });
        else if (typeof error.code === "number") resolve({ exit: error.code, stdout, stderr });
        else if (error.signal != null) resolve({ exit: error.signal, stdout, stderr });
        else reject(error);
      },
    );
  });
}
