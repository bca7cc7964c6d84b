import type { LoadConfigOptions } from "@twauth/config";
import type { CommandContext } from "../cli/command.js";

/** What every command hands `loadConfig`: the folder, the environment and the global flags, named as the user typed them. */
export function configOptions(context: CommandContext): LoadConfigOptions {
  const { io, globals } = context;
  return {
    cwd: io.cwd,
    env: io.env,
    allowExecutable: globals.allowExecutableConfig,
    ...(globals.configPath === undefined
      ? {}
      : { configPath: globals.configPath, configPathSource: "--config" }),
    ...(globals.profile === undefined ? {} : { profile: globals.profile }),
  };
}
