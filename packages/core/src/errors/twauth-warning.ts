/**
 * Something a person should fix that does not stop the program: a secret file others can read, a
 * value pasted with whitespace around it. Warnings, like errors, never contain a secret value.
 *
 * @example
 * const onWarning: WarningHandler = (warning) => {
 *   if (warning.code !== "FILE_NOT_GIT_IGNORED") console.warn(warning.message);
 * };
 */
export type TwauthWarningCode =
  | "VALUE_TRIMMED"
  | "FILE_PERMISSIONS"
  | "FILE_NOT_GIT_IGNORED"
  | "STORE_WARNING";

/**
 * One warning handed to a `WarningHandler`: a stable code, a message for a person, and the store
 * location and key names it is about (never values).
 *
 * @example
 * const warning: TwauthWarning = {
 *   code: "FILE_PERMISSIONS",
 *   message: ".env holds secrets but can be read by group and others (mode 644); run: chmod 600 .env",
 *   source: ".env",
 * };
 */
export interface TwauthWarning {
  /** What kind of problem it is; stable, for programs. */
  code: TwauthWarningCode;
  /** What is wrong, where, and how to fix it; for a person. */
  message: string;
  /** The store's printable location, when the warning is about one. */
  source?: string;
  /** Key names involved (never their values). */
  keys?: readonly string[];
}

/**
 * Receives twauth's warnings instead of Node's warning channel: pass one as `onWarning` to a store,
 * `resolveCredentials` or a connection to log, collect or silence them.
 *
 * @example
 * const seen: TwauthWarning[] = [];
 * const store = dotenvStore({ path: ".env", onWarning: (warning) => seen.push(warning) });
 */
export type WarningHandler = (warning: TwauthWarning) => void;

/**
 * The default handler: Node's own warning channel (type `TwauthWarning`, code `TWAUTH_<code>`), so
 * `--no-warnings` silences it as usual.
 *
 * @example
 * const onWarning: WarningHandler = (warning) => {
 *   if (warning.code !== "FILE_NOT_GIT_IGNORED") emitProcessWarning(warning);
 * };
 */
export const emitProcessWarning: WarningHandler = (warning) => {
  process.emitWarning(warning.message, { type: "TwauthWarning", code: `TWAUTH_${warning.code}` });
};
