/**
 * Somewhere the CLI writes: the process's stdout or stderr, or a test's recorder.
 *
 * @example
 * const lines: string[] = [];
 * const stdout: OutputStream = { write: (text) => lines.push(text), isTTY: false };
 */
export interface OutputStream {
  write(text: string): unknown;
  /**
   * Whether a person is watching: stderr as a terminal gets live countdowns, stdout as a terminal
   * lets `twauth login` open a browser. @default undefined (treated as not a terminal)
   */
  readonly isTTY?: boolean;
}

/**
 * Everything a command touches outside itself, so the same code runs as a process and in tests.
 *
 * @example
 * const written: string[] = [];
 * const io: CliIo = {
 *   ...processIo(),
 *   stdout: { write: (text) => written.push(text) },
 *   env: { TWAUTH_CONFIG: "twauth.config.yaml" },
 * };
 * const exitCode = await runCli(["verify", "--json"], io);
 */
export interface CliIo {
  /** Results: the text or JSON a command prints. */
  readonly stdout: OutputStream;
  /** Errors, warnings, `--verbose` lines, prompts and countdowns. */
  readonly stderr: OutputStream;
  /** Where `twauth login` reads the PIN: a terminal or a pipe. */
  readonly stdin: NodeJS.ReadableStream & { readonly isTTY?: boolean };
  /** The environment the config reads `TWAUTH_*` and the env store's variables from. */
  readonly env: NodeJS.ProcessEnv;
  /** Where the config search starts and relative paths are resolved. */
  readonly cwd: string;
  /** Decides how `twauth login` opens the browser (`open`, `xdg-open`, `start`). */
  readonly platform: NodeJS.Platform;
  /** Calls `handler` on Ctrl+C or SIGTERM; returns the function that stops listening. */
  onInterrupt(handler: () => void): () => void;
}

/**
 * The real process's streams, environment, working directory and signals, for the `twauth` bin.
 *
 * @example
 * process.exitCode = await runCli(process.argv.slice(2), processIo());
 */
export function processIo(): CliIo {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    env: process.env,
    cwd: process.cwd(),
    platform: process.platform,
    onInterrupt(handler) {
      process.once("SIGINT", handler);
      process.once("SIGTERM", handler);
      return () => {
        process.off("SIGINT", handler);
        process.off("SIGTERM", handler);
      };
    },
  };
}
