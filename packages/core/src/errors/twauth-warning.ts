/**
 * Something a person should fix that does not stop the program: a secret file others can read, a
 * value pasted with whitespace around it. Warnings, like errors, never contain a secret value.
 */
export type TwauthWarningCode =
  | "VALUE_TRIMMED"
  | "FILE_PERMISSIONS"
  | "FILE_NOT_GIT_IGNORED"
  | "STORE_WARNING";

export interface TwauthWarning {
  code: TwauthWarningCode;
  message: string;
  /** The store's printable location, when the warning is about one. */
  source?: string;
  /** Key names involved (never their values). */
  keys?: readonly string[];
}

export type WarningHandler = (warning: TwauthWarning) => void;

/** The default handler: Node's own warning channel, so `--no-warnings` silences it as usual. */
export const emitProcessWarning: WarningHandler = (warning) => {
  process.emitWarning(warning.message, { type: "TwauthWarning", code: `TWAUTH_${warning.code}` });
};
