import type { CliOption, CliOptions, Command } from "./command.js";
import { exitCodeHelp } from "./exit-codes.js";
import { globalOptions } from "./global-options.js";

function optionLabel(name: string, option: CliOption): string {
  const short = option.short === undefined ? "" : `-${option.short}, `;
  const value = option.type === "string" ? ` <${option.valueName ?? "value"}>` : "";
  return `${short}--${name}${value}`;
}

function optionTable(options: CliOptions): string {
  const rows = Object.entries(options).map(([name, option]) => ({
    label: optionLabel(name, option),
    description: option.multiple === true ? `${option.description} (repeatable)` : option.description,
  }));
  const width = Math.max(...rows.map((row) => row.label.length));
  return rows.map((row) => `  ${row.label.padEnd(width)}  ${row.description}`).join("\n");
}

/** `twauth --help`. */
export function topLevelHelp(commands: readonly Command[], extra: CliOptions): string {
  const width = Math.max(...commands.map((command) => command.name.length));
  return `twauth: authenticate against the X (Twitter) API from one config file, and find out why it fails.

Usage: twauth <command> [options]

Commands:
${commands.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`).join("\n")}

Global options (before or after the command):
${optionTable({ ...globalOptions, ...extra })}

Configuration: twauth.config.yaml (or .twauthrc, package.json#twauth) found from the current folder
up to the nearest package.json; TWAUTH_CONFIG, TWAUTH_PROFILE and TWAUTH_BASE_URL override it.

${exitCodeHelp}

Run "twauth <command> --help" for a command's options and examples.
`;
}

/** `twauth <command> --help`. */
export function commandHelp(command: Command): string {
  const own = Object.keys(command.options).length > 0 ? `\nOptions:\n${optionTable(command.options)}\n` : "";
  const examples =
    command.examples.length > 0
      ? `\nExamples:\n${command.examples.map((example) => `  ${example}`).join("\n")}\n`
      : "";
  return `Usage: twauth ${command.name}${command.synopsis === "" ? "" : ` ${command.synopsis}`}

${command.summary}

${command.description}
${own}
Global options:
${optionTable(globalOptions)}
${examples}
${exitCodeHelp}
`;
}
