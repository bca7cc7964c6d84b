import type { TwauthWarning } from "@twauth/core";
import type { CliIo, OutputStream } from "../cli/cli-io.js";
import type { Redactor } from "./redactor.js";

/**
 * Where a command writes. stdout carries the result only (text, or one JSON document with
 * `--json`); prompts, progress, warnings and `--verbose` notes go to stderr, so a script that
 * reads stdout gets nothing else. Everything passes through the redactor.
 */
export interface Output {
  readonly json: boolean;
  readonly verbose: boolean;
  /** The streams themselves, for a TTY check or a countdown line. */
  readonly stderrStream: OutputStream;
  /** Result text on stdout; `reveal` lists the values the user explicitly asked to see (`token --show`). */
  result(text: string, reveal?: readonly string[]): void;
  /** A line for the person at the terminal, on stderr; `reveal` lets public values through (a client id in a URL). */
  info(text: string, reveal?: readonly string[]): void;
  /** A line on stderr only with `--verbose`. */
  detail(text: string): void;
  warning(warning: TwauthWarning | string): void;
  /** Writes text to stderr as is (redacted), without a newline: prompts and countdowns. */
  stderrRaw(text: string): void;
}

export function createOutput(
  io: Pick<CliIo, "stdout" | "stderr">,
  redactor: Redactor,
  mode: { json: boolean; verbose: boolean },
): Output {
  const line = (text: string) => (text.endsWith("\n") ? text : `${text}\n`);
  return {
    json: mode.json,
    verbose: mode.verbose,
    stderrStream: io.stderr,
    result(text, reveal) {
      io.stdout.write(redactor.redact(line(text), reveal === undefined ? {} : { reveal }));
    },
    info(text, reveal) {
      io.stderr.write(redactor.redact(line(text), reveal === undefined ? {} : { reveal }));
    },
    detail(text) {
      if (mode.verbose) io.stderr.write(redactor.redact(line(`twauth: ${text}`)));
    },
    warning(warning) {
      const message = typeof warning === "string" ? warning : warning.message;
      io.stderr.write(redactor.redact(line(`twauth: warning: ${message}`)));
    },
    stderrRaw(text) {
      io.stderr.write(redactor.redact(text));
    },
  };
}
