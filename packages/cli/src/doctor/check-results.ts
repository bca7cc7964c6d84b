import type { TwauthWarning } from "@twauth/core";
import { exitCodeForError } from "../cli/exit-codes.js";
import type { DoctorCheck } from "./doctor-check.js";

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** A failed check, with the exit code its error stands for. */
export function failed(check: string, error: unknown, fix?: string): DoctorCheck {
  return {
    status: "fail",
    check,
    detail: errorMessage(error),
    ...(fix === undefined ? {} : { fix }),
    exitCode: exitCodeForError(error),
  };
}

export function skipped(check: string, detail: string): DoctorCheck {
  return { status: "skip", check, detail };
}

/** A warning's message split into what was found and what to do (the kit writes "found; fix"). */
export function fromWarning(check: string, warning: TwauthWarning): DoctorCheck {
  const split = warning.message.indexOf("; ");
  return split === -1
    ? { status: "warn", check, detail: warning.message }
    : {
        status: "warn",
        check,
        detail: warning.message.slice(0, split),
        fix: warning.message.slice(split + 2),
      };
}
