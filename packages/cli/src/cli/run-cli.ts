import { closestName } from "@twauth/config";
import { doctorCommand } from "../commands/doctor.js";
import { emulatorCommand } from "../commands/emulator.js";
import { limitsCommand } from "../commands/limits.js";
import { loginCommand } from "../commands/login.js";
import { logoutCommand } from "../commands/logout.js";
import { requestCommand } from "../commands/request.js";
import { tokenCommand } from "../commands/token.js";
import { usageCommand } from "../commands/usage.js";
import { verifyCommand } from "../commands/verify.js";
import type { Output } from "../output/output.js";
import { createOutput } from "../output/output.js";
import { createRedactor } from "../output/redactor.js";
import type { CliIo } from "./cli-io.js";
import type { CliOptions, Command } from "./command.js";
import type { ExitCode } from "./exit-codes.js";
import { ExitCode as Exit } from "./exit-codes.js";
import { commandHelp, topLevelHelp } from "./help.js";
import { booleanOption } from "./option-values.js";
import { parseCommandLine, splitCommandName } from "./parse-command-line.js";
import { reportError } from "./report-error.js";
import { UsageError } from "./usage-error.js";
import { cliVersion } from "./version.js";

/** Every command, in the order `twauth --help` lists them. */
export const commands: readonly Command[] = [
  verifyCommand,
  loginCommand,
  logoutCommand,
  tokenCommand,
  doctorCommand,
  requestCommand,
  limitsCommand,
  usageCommand,
  emulatorCommand,
];

const topLevelOptions = {
  version: { type: "boolean", description: "print the version" },
} as const satisfies CliOptions;

/**
 * Runs one `twauth` command line and resolves to its exit code. Never throws and never exits the
 * process: the bin sets `process.exitCode`, tests call it directly.
 *
 * @example process.exitCode = await runCli(process.argv.slice(2), processIo());
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  const redactor = createRedactor();
  // Until the arguments are parsed, a failure is reported in the mode the arguments seem to ask for.
  let output: Output = createOutput(io, redactor, {
    json: argv.includes("--json"),
    verbose: argv.includes("--verbose") || argv.includes("-v"),
  });
  try {
    const { name, rest } = splitCommandName(argv);
    if (name === "help") return showHelp(rest, output);
    const command = name === undefined ? undefined : commands.find((candidate) => candidate.name === name);
    if (name !== undefined && command === undefined) {
      throw unknownCommand(name);
    }
    const parsed = parseCommandLine(
      rest,
      command?.options ?? {},
      command?.name,
      command ? {} : topLevelOptions,
    );
    output = createOutput(io, redactor, parsed.globals);
    if (command === undefined) {
      if (booleanOption(parsed.values, "version")) {
        output.result(cliVersion());
        return Exit.ok;
      }
      if (parsed.help) {
        output.result(topLevelHelp(commands, topLevelOptions));
        return Exit.ok;
      }
      throw new UsageError("no command given.");
    }
    if (parsed.help) {
      output.result(commandHelp(command));
      return Exit.ok;
    }
    const { min, max } = command.positionals;
    if (parsed.positionals.length < min || parsed.positionals.length > max) {
      const extra = parsed.positionals.slice(max).map((value) => `"${value}"`);
      throw new UsageError(
        parsed.positionals.length > max
          ? `twauth ${command.name} does not take ${extra.join(" ")}; usage: twauth ${command.name} ${command.synopsis}`
          : `twauth ${command.name} needs more arguments; usage: twauth ${command.name} ${command.synopsis}`,
        command.name,
      );
    }
    const result = await command.run({
      io,
      output,
      redactor,
      globals: parsed.globals,
      values: parsed.values,
      positionals: parsed.positionals,
    });
    if (output.json && result.data !== undefined) {
      output.result(JSON.stringify(result.data, null, 2), result.reveal);
    } else if (!output.json && result.text !== undefined) {
      output.result(result.text, result.reveal);
    }
    return result.exitCode ?? Exit.ok;
  } catch (error) {
    return reportError(error, output);
  }
}

function showHelp(rest: readonly string[], output: Output): ExitCode {
  const topic = rest.find((argument) => !argument.startsWith("-"));
  if (topic === undefined) {
    output.result(topLevelHelp(commands, topLevelOptions));
    return Exit.ok;
  }
  const command = commands.find((candidate) => candidate.name === topic);
  if (command === undefined) {
    throw unknownCommand(topic);
  }
  output.result(commandHelp(command));
  return Exit.ok;
}

/** `twauth verfy`: the commands, and the one closest to what was typed. */
function unknownCommand(name: string): UsageError {
  const names = commands.map((command) => command.name);
  const guess = closestName(name, names);
  const hint = guess === undefined ? "" : `did you mean ${guess}? `;
  return new UsageError(`unknown command "${name}"; ${hint}the commands are ${names.join(", ")}.`);
}
