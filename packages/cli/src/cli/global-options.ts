import type { CliOptions } from "./command.js";

/** Options every command accepts, before or after the command name. */
export const globalOptions = {
  profile: {
    type: "string",
    valueName: "name",
    description: "the store profile to use (overrides TWAUTH_PROFILE and the config's profile)",
  },
  config: {
    type: "string",
    valueName: "path",
    description: "the config file to use instead of searching (overrides TWAUTH_CONFIG)",
  },
  "allow-executable-config": {
    type: "boolean",
    description: "let a .js/.mjs/.cjs config file run (it runs code; data formats need no flag)",
  },
  "base-url": {
    type: "string",
    valueName: "url",
    description: "the X API origin, e.g. the emulator's http://127.0.0.1:8787 (overrides TWAUTH_BASE_URL)",
  },
  json: { type: "boolean", description: "print one JSON document on stdout instead of text" },
  verbose: {
    type: "boolean",
    short: "v",
    description: "say on stderr what twauth loads and calls (never a secret)",
  },
  help: { type: "boolean", short: "h", description: "show help" },
} as const satisfies CliOptions;

/** Global options that take a value: needed to find the command name among the arguments. */
export const globalOptionsWithValue: ReadonlySet<string> = new Set(
  Object.entries(globalOptions)
    .filter(([, option]) => option.type === "string")
    .flatMap(([name, option]) => [
      `--${name}`,
      ...("short" in option && typeof option.short === "string" ? [`-${option.short}`] : []),
    ]),
);
