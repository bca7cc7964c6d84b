import { isTwauthError } from "@twauth/core";
import type { Output } from "../output/output.js";
import type { ExitCode } from "./exit-codes.js";
import { exitCodeForError } from "./exit-codes.js";
import { UsageError } from "./usage-error.js";

/** What `--json` prints for a failure: the error's safe fields (a TwauthError's own `toJSON`). */
export function errorJson(error: unknown): Record<string, unknown> {
  if (isTwauthError(error)) return error.toJSON();
  if (error instanceof UsageError) return { name: error.name, code: "USAGE", message: error.message };
  if (error instanceof Error) return { name: error.name, code: "UNEXPECTED", message: error.message };
  return { name: "Error", code: "UNEXPECTED", message: String(error) };
}

/**
 * The one place a failure becomes output and an exit code: the message on stderr, with `--json` also
 * one document `{ ok: false, exitCode, error }` on stdout, and with `--verbose` the error's fields.
 */
export function reportError(error: unknown, output: Output): ExitCode {
  const exitCode = exitCodeForError(error);
  if (error instanceof UsageError) {
    const help = error.command === undefined ? "twauth --help" : `twauth ${error.command} --help`;
    output.info(`twauth: ${error.message}\nRun "${help}" for usage.`);
  } else if (isTwauthError(error) || error instanceof Error) {
    const unexpected = isTwauthError(error) ? "" : "unexpected error: ";
    output.info(`twauth: ${unexpected}${error.message}`);
    if (isTwauthError(error)) output.detail(`error: ${JSON.stringify(error.toJSON())}`);
    else if (error.stack !== undefined) output.detail(error.stack);
  } else {
    output.info(`twauth: unexpected error: ${String(error)}`);
  }
  if (output.json) output.result(JSON.stringify({ ok: false, exitCode, error: errorJson(error) }, null, 2));
  return exitCode;
}
