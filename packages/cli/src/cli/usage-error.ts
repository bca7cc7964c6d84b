/** A mistake on the command line: exit code 1, and a pointer to the command's `--help`. */
export class UsageError extends Error {
  override readonly name = "UsageError";
  /** The command whose help to point at; none for the top level. */
  readonly command: string | undefined;

  constructor(message: string, command?: string) {
    super(message);
    this.command = command;
  }
}
