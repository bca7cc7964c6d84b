import type { Output } from "../output/output.js";
import type { Redactor } from "../output/redactor.js";
import type { CliIo } from "./cli-io.js";
import type { ExitCode } from "./exit-codes.js";

/** One option as `--help` shows it and `node:util.parseArgs` reads it. */
export interface CliOption {
  readonly type: "string" | "boolean";
  readonly short?: string;
  readonly multiple?: boolean;
  /** The placeholder in help, e.g. `url` in `--base-url <url>`. */
  readonly valueName?: string;
  readonly description: string;
}

export type CliOptions = Readonly<Record<string, CliOption>>;

/** The values `parseArgs` read, by option name. */
export type OptionValues = Readonly<Record<string, string | boolean | (string | boolean)[] | undefined>>;

/** The options every command takes. */
export interface GlobalOptions {
  readonly profile: string | undefined;
  readonly configPath: string | undefined;
  /** `--allow-executable-config`: a .js/.mjs/.cjs config may run. */
  readonly allowExecutableConfig: boolean;
  readonly baseUrl: string | undefined;
  readonly json: boolean;
  readonly verbose: boolean;
}

export interface CommandContext {
  readonly io: CliIo;
  readonly output: Output;
  readonly redactor: Redactor;
  readonly globals: GlobalOptions;
  readonly values: OptionValues;
  readonly positionals: readonly string[];
}

/**
 * What a command prints when it is done: `data` with `--json` (one document), else `text`. A
 * command that fails throws; a command whose checks failed (doctor) returns its exit code.
 */
export interface CommandResult {
  readonly exitCode?: ExitCode;
  readonly data?: unknown;
  readonly text?: string;
  /** Values the user explicitly asked to see, let through the redactor (`twauth token --show`). */
  readonly reveal?: readonly string[];
}

export interface Command {
  readonly name: string;
  /** One line for `twauth --help`. */
  readonly summary: string;
  /** What follows `twauth <name>` in the usage line. */
  readonly synopsis: string;
  /** Paragraphs for `twauth <name> --help`. */
  readonly description: string;
  readonly options: CliOptions;
  readonly positionals: { readonly min: number; readonly max: number };
  readonly examples: readonly string[];
  run(context: CommandContext): Promise<CommandResult>;
}
