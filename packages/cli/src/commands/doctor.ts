import type { Command } from "../cli/command.js";
import { doctorExitCode, formatCheck } from "../doctor/doctor-check.js";
import { runDoctor } from "../doctor/run-doctor.js";
import { authFromOptions, authOption } from "./auth-option.js";

export const doctorCommand: Command = {
  name: "doctor",
  summary: "check everything auth depends on, each with ok/warn/fail and the fix",
  synopsis: "[options]",
  description: `Runs every check a user needs when auth fails, one line each:
  ok|warn|fail|skip  <check>: <what was found> — <the fix>
config found and valid, store readable, keys present (names only), the store's file permissions,
whether the secret files are ignored by git, clock skew against the API's date header (warn over
30 s, fail over 5 min: X refuses timestamps beyond that), the credentials verified by X, and the
app's permission (read vs read-write) where X reveals it (OAuth 1.0a user tokens).

A check that cannot run because an earlier one failed is "skip". Warnings keep exit code 0; the
exit code of the first failure is the command's (2 config, 3 auth, 4 network/API).`,
  options: { auth: authOption },
  positionals: { min: 0, max: 0 },
  examples: ["twauth doctor", "twauth doctor --json | jq '.checks[] | select(.status != \"ok\")'"],
  async run(context) {
    const checks = await runDoctor(context, authFromOptions(context.values, "doctor"));
    const exitCode = doctorExitCode(checks);
    return {
      exitCode,
      text: checks.map(formatCheck).join("\n"),
      data: {
        ok: exitCode === 0,
        exitCode,
        checks: checks.map(({ exitCode: code, ...check }) => ({
          ...check,
          ...(code === undefined ? {} : { exitCode: code }),
        })),
      },
    };
  },
};
