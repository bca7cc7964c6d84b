import type { TwauthErrorCode } from "@twauth/core";
import { isTwauthError } from "@twauth/core";
import { UsageError } from "./usage-error.js";

/**
 * The exit codes of every `twauth` command; the README and `twauth --help` list the same table.
 *
 * @example
 * const code = await runCli(["verify"], processIo());
 * if (code === ExitCode.auth) console.error("X refused the credentials: regenerate them in the portal.");
 */
export const ExitCode = {
  ok: 0,
  /** A mistake on the command line (unknown command or option, bad value), or an unexpected failure. */
  usage: 1,
  /** The config file, the store or the credentials in it: fix a file. */
  config: 2,
  /** X refused the credentials: a wrong secret, a revoked token, a clock X does not accept. */
  auth: 3,
  /** The network or the API: unreachable, timed out, rate limited, an unexpected answer. */
  network: 4,
} as const;

/**
 * One of the exit codes: 0 to 4 (exported from the package as `ExitCodeValue`).
 *
 * @example
 * const code: ExitCode = ExitCode.config;
 */
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** Every error code core knows, mapped once; a new code fails the typecheck until it is placed here. */
const exitCodeByErrorCode: Readonly<Record<TwauthErrorCode, ExitCode>> = {
  CONFIG_NOT_FOUND: ExitCode.config,
  CONFIG_INVALID: ExitCode.config,
  STORE_NOT_FOUND: ExitCode.config,
  STORE_UNREADABLE: ExitCode.config,
  STORE_WRITE_FAILED: ExitCode.config,
  PROFILE_NOT_FOUND: ExitCode.config,
  CREDENTIALS_MISSING: ExitCode.config,
  CREDENTIALS_CONFLICT: ExitCode.config,
  CREDENTIALS_INVALID: ExitCode.config,
  OPTIONS_INVALID: ExitCode.config,
  DEPENDENCY_MISSING: ExitCode.config,
  AUTH_FAILED: ExitCode.auth,
  RATE_LIMITED: ExitCode.network,
  // Usage caps, credits and enrollment are fixed in the developer console, not by retrying.
  USAGE_CAP_EXCEEDED: ExitCode.network,
  CREDITS_DEPLETED: ExitCode.network,
  CLIENT_NOT_ENROLLED: ExitCode.auth,
  AUTH_TYPE_UNSUPPORTED: ExitCode.auth,
  SCOPE_MISSING: ExitCode.auth,
  REFRESH_TOKEN_INVALID: ExitCode.auth,
  API_ERROR: ExitCode.network,
  RESPONSE_INVALID: ExitCode.network,
  RESPONSE_TOO_LARGE: ExitCode.network,
  NETWORK_ERROR: ExitCode.network,
  TIMEOUT: ExitCode.network,
  ABORTED: ExitCode.network,
  SPEND_LIMIT_REACHED: ExitCode.network,
};

/**
 * The exit code for an error a command threw: by the `TwauthError`'s code, `usage` for a command-line
 * mistake, and `usage` for anything unexpected.
 *
 * @example
 * try {
 *   await connect();
 * } catch (error) {
 *   process.exitCode = exitCodeForError(error); // 2 for CONFIG_NOT_FOUND
 * }
 */
export function exitCodeForError(error: unknown): ExitCode {
  if (error instanceof UsageError) return ExitCode.usage;
  if (isTwauthError(error)) return exitCodeByErrorCode[error.code] ?? ExitCode.usage;
  return ExitCode.usage;
}

/** The table for `--help` and the README. */
export const exitCodeHelp = `Exit codes:
  0  ok
  1  usage: unknown command or option, bad value (also an unexpected internal error)
  2  config: the config file, the store or the credentials in it
  3  auth: X refused the credentials (wrong secret, revoked token, clock skew)
  4  network/API: unreachable, timed out, rate limited, an unexpected answer`;
