/**
 * Every error twauth throws. The `code` is stable and meant for programs; the message is meant for
 * a person and says what failed, where, and what to do. Neither ever contains a secret value.
 *
 * @example
 * function exitStatusFor(code: TwauthErrorCode): number {
 *   return code === "CREDENTIALS_MISSING" || code === "CONFIG_INVALID" ? 2 : 1;
 * }
 */
export type TwauthErrorCode =
  | "CONFIG_NOT_FOUND"
  | "CONFIG_INVALID"
  | "STORE_NOT_FOUND"
  | "STORE_UNREADABLE"
  | "STORE_WRITE_FAILED"
  | "PROFILE_NOT_FOUND"
  | "CREDENTIALS_MISSING"
  | "CREDENTIALS_CONFLICT"
  | "CREDENTIALS_INVALID"
  | "OPTIONS_INVALID"
  | "DEPENDENCY_MISSING"
  | "AUTH_FAILED"
  | "RATE_LIMITED"
  | "USAGE_CAP_EXCEEDED"
  | "CREDITS_DEPLETED"
  | "CLIENT_NOT_ENROLLED"
  | "AUTH_TYPE_UNSUPPORTED"
  | "SCOPE_MISSING"
  | "REFRESH_TOKEN_INVALID"
  | "API_ERROR"
  | "RESPONSE_INVALID"
  | "RESPONSE_TOO_LARGE"
  | "NETWORK_ERROR"
  | "TIMEOUT"
  | "ABORTED"
  | "SPEND_LIMIT_REACHED";

/**
 * Where an error happened and what it was about: every field is safe to print. A field is present
 * only when it applies to the error; none has a default.
 *
 * @example
 * const context: TwauthErrorContext = { source: ".env", line: 3, keys: ["CONSUMER_SECRET"] };
 */
export interface TwauthErrorContext {
  /** A store's printable location: a path, a secret's name or ARN. */
  source?: string;
  /** The file the error is about, when a config or secret file is involved. */
  file?: string;
  /** 1-based line in `file` (or in `source`) where the problem is. */
  line?: number;
  /** 1-based column on `line`, where the parser gives one. */
  column?: number;
  /** The profile that was being read. */
  profile?: string;
  /** Key or option names involved (never their values). */
  keys?: readonly string[];
  /** HTTP status of the response that caused the error. */
  status?: number;
  /** X's numeric error codes (v1.1 `errors[].code`). */
  apiCodes?: readonly number[];
  /** X's problem `type` URI (v2 problem JSON). */
  problemType?: string;
  /** `METHOD /path/template` of the request that failed. */
  endpoint?: string;
  /** When the rate limit resets, epoch milliseconds. */
  resetAt?: number;
  /** The rate-limit window's request allowance (`x-rate-limit-limit`). */
  limit?: number;
  /** Requests left in the window (`x-rate-limit-remaining`). */
  remaining?: number;
  /** X's `x-transaction-id` of the response: quote it to X support. */
  transactionId?: string;
  /** The response's `api-version` header, when X sent one. */
  apiVersion?: string;
}

/**
 * The third argument of `new TwauthError(...)`: the context fields plus an optional `cause`.
 *
 * @example
 * const options: TwauthErrorOptions = { source: "twauth.config.yaml", line: 4, column: 3, cause: parseError };
 */
export interface TwauthErrorOptions extends TwauthErrorContext {
  /** The underlying error. Only errors that carry no secret may be passed here. */
  cause?: unknown;
}

const contextKeys = [
  "source",
  "file",
  "line",
  "column",
  "profile",
  "keys",
  "status",
  "apiCodes",
  "problemType",
  "endpoint",
  "resetAt",
  "limit",
  "remaining",
  "transactionId",
  "apiVersion",
] as const satisfies readonly (keyof TwauthErrorContext)[];

/**
 * The one error class of twauth: a stable `code` for programs, a message for people, and the
 * context fields that apply (file, line, keys, status, ...), copied only when defined.
 *
 * @example
 * throw new TwauthError("CREDENTIALS_MISSING", ".env: missing access token (ACCESS_TOKEN).", {
 *   source: ".env",
 *   keys: ["ACCESS_TOKEN"],
 * });
 */
export class TwauthError extends Error implements TwauthErrorContext {
  override readonly name = "TwauthError";
  readonly code: TwauthErrorCode;
  declare readonly source?: string;
  declare readonly file?: string;
  declare readonly line?: number;
  declare readonly column?: number;
  declare readonly profile?: string;
  declare readonly keys?: readonly string[];
  declare readonly status?: number;
  declare readonly apiCodes?: readonly number[];
  declare readonly problemType?: string;
  declare readonly endpoint?: string;
  declare readonly resetAt?: number;
  declare readonly limit?: number;
  declare readonly remaining?: number;
  declare readonly transactionId?: string;
  declare readonly apiVersion?: string;

  constructor(code: TwauthErrorCode, message: string, options: TwauthErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    // Only defined fields become properties, so util.inspect and JSON show no empty noise.
    const target = this as Record<string, unknown>;
    for (const key of contextKeys) {
      if (options[key] !== undefined) target[key] = options[key];
    }
  }

  /** The fields a log line needs; `cause` is summarised by its name and code only. */
  toJSON(): Record<string, unknown> {
    const json: Record<string, unknown> = { name: this.name, code: this.code, message: this.message };
    for (const key of contextKeys) {
      if (this[key] !== undefined) json[key] = this[key];
    }
    if (this.cause !== undefined) json.cause = describeCause(this.cause);
    return json;
  }
}

function describeCause(cause: unknown): unknown {
  if (cause instanceof TwauthError) return cause.toJSON();
  if (cause instanceof Error) {
    const code = (cause as { code?: unknown }).code;
    return typeof code === "string" ? { name: cause.name, code } : { name: cause.name };
  }
  return typeof cause;
}

/**
 * Tells a twauth error apart from any other, by name rather than `instanceof`, so it also works
 * when two copies of `@twauth/core` are installed. With `code`, it also checks the code.
 *
 * @example
 * try {
 *   await api.get("/2/users/me");
 * } catch (error) {
 *   if (isTwauthError(error, "RATE_LIMITED")) console.log(`limit resets at ${error.resetAt}`);
 *   else throw error;
 * }
 */
export function isTwauthError(value: unknown, code?: TwauthErrorCode): value is TwauthError {
  if (!(value instanceof Error) || value.name !== "TwauthError") return false;
  return code === undefined || (value as TwauthError).code === code;
}
