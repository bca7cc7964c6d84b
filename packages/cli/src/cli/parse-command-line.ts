import { parseArgs } from "node:util";
import { closestName } from "@twauth/config";
import { apiBaseUrlOrigin, apiBaseUrlRule } from "@twauth/core";
import type { CliOptions, GlobalOptions, OptionValues } from "./command.js";
import { globalOptions, globalOptionsWithValue } from "./global-options.js";
import { booleanOption, stringOption } from "./option-values.js";
import { UsageError } from "./usage-error.js";

/**
 * The command name: the first argument that is neither an option nor the value of a global option
 * (`twauth --profile bot2 verify` and `twauth verify --profile bot2` both name `verify`).
 */
export function splitCommandName(argv: readonly string[]): { name: string | undefined; rest: string[] } {
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index]!;
    if (argument === "--") break;
    if (argument.startsWith("-")) {
      if (globalOptionsWithValue.has(argument)) index++;
      continue;
    }
    return { name: argument, rest: [...argv.slice(0, index), ...argv.slice(index + 1)] };
  }
  return { name: undefined, rest: [...argv] };
}

export interface ParsedCommandLine {
  readonly globals: GlobalOptions;
  readonly values: OptionValues;
  readonly positionals: string[];
  readonly help: boolean;
}

/** Parses the arguments after the command name with the global options and the command's own. */
export function parseCommandLine(
  args: readonly string[],
  commandOptions: CliOptions,
  command: string | undefined,
  extraTopLevel: CliOptions = {},
): ParsedCommandLine {
  const options = { ...globalOptions, ...extraTopLevel, ...commandOptions };
  let parsed: { values: OptionValues; positionals: string[] };
  try {
    parsed = parseArgs({
      args: [...args],
      options: Object.fromEntries(
        Object.entries(options).map(([name, option]) => [
          name,
          {
            type: option.type,
            ...("short" in option && option.short !== undefined ? { short: option.short } : {}),
            ...("multiple" in option && option.multiple === true ? { multiple: true } : {}),
          },
        ]),
      ),
      allowPositionals: true,
      strict: true,
    }) as { values: OptionValues; positionals: string[] };
  } catch (error) {
    throw new UsageError(describeParseError(error, command, Object.keys(options)), command);
  }
  const { values } = parsed;
  const baseUrl = stringOption(values, "base-url");
  if (baseUrl !== undefined) checkBaseUrl(baseUrl, command);
  return {
    globals: {
      profile: stringOption(values, "profile"),
      configPath: stringOption(values, "config"),
      allowExecutableConfig: booleanOption(values, "allow-executable-config"),
      baseUrl,
      json: booleanOption(values, "json"),
      verbose: booleanOption(values, "verbose"),
    },
    values,
    positionals: parsed.positionals,
    help: booleanOption(values, "help"),
  };
}

/** Core's one baseUrl rule (https, or http only on a loopback host), in the CLI's words. */
function checkBaseUrl(baseUrl: string, command: string | undefined): void {
  if (apiBaseUrlOrigin(baseUrl) === undefined) {
    throw new UsageError(`--base-url must be ${apiBaseUrlRule}, got "${baseUrl}".`, command);
  }
}

/** parseArgs' messages, shortened to what a person needs, with the option they probably meant. */
function describeParseError(error: unknown, command: string | undefined, known: readonly string[]): string {
  const code = (error as { code?: unknown }).code;
  const message = error instanceof Error ? error.message : String(error);
  const option = /'([^' ]+)/.exec(message)?.[1];
  if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") {
    const guess = option?.startsWith("--") ? closestName(option.slice(2), known) : undefined;
    const hint = guess === undefined ? "." : `; did you mean --${guess}?`;
    return `unknown option ${option ?? message}${command === undefined ? "" : ` for ${command}`}${hint}`;
  }
  if (
    code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE" &&
    option !== undefined &&
    /argument missing/.test(message)
  ) {
    return `${option} needs a value, e.g. ${option} ${option === "--profile" ? "bot2" : "<value>"}.`;
  }
  return message;
}
