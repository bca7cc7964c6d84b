import type { ExitCode } from "../cli/exit-codes.js";

/** `skip`: the check could not run because an earlier one failed, or does not apply. */
export type CheckStatus = "ok" | "warn" | "fail" | "skip";

/** One line of `twauth doctor`: what was checked, what was found, and how to fix it. */
export interface DoctorCheck {
  readonly status: CheckStatus;
  readonly check: string;
  readonly detail: string;
  readonly fix?: string;
  /** For a failure: the exit code it stands for (2 config, 3 auth, 4 network/API). */
  readonly exitCode?: ExitCode;
}

/** `fail  clock: 7 min behind api.x.com — sync the clock (NTP)`. */
export function formatCheck(check: DoctorCheck): string {
  const fix = check.fix === undefined ? "" : ` — ${check.fix}`;
  return `${check.status.padEnd(4)}  ${check.check}: ${check.detail}${fix}`;
}

/** The exit code of the first failed check (the root cause: later ones depend on earlier ones); 0 if none. */
export function doctorExitCode(checks: readonly DoctorCheck[]): ExitCode {
  return checks.find((check) => check.status === "fail")?.exitCode ?? 0;
}
