import { parseArgs } from "node:util";
import type { EmulatorOptions } from "../options.js";
import { type Emulator, startEmulator } from "../start-emulator.js";
import { emulatorKeyLines } from "./emulator-keys.js";
import { readSeedFile } from "./seed-file.js";

export const usage = `Usage: twauth-emulator [options]

Starts a local X API on 127.0.0.1 and prints its URL and credentials. Stops on Ctrl+C (SIGINT) or SIGTERM.

Options:
  --port <n>          port to listen on (default 0: any free port)
  --host <host>       loopback address: 127.0.0.1 (default), ::1 or localhost
  --seed-file <path>  JSON with "apps" and/or "users" (they replace the built-in ones), "rateLimits"
  --json              print one JSON line {url, apps, users} instead of text
  --log               print one line per request to stderr
  -h, --help          show this help
`;

export interface CliOutput {
  stdout(text: string): void;
  stderr(text: string): void;
}

/**
 * Parses the arguments and starts the emulator. Resolves to the running emulator, or to an exit
 * code when there is nothing to run (help: 0, a usage or seed-file error: 1).
 */
export async function runEmulatorCli(argv: readonly string[], output: CliOutput): Promise<Emulator | number> {
  let values: {
    port?: string;
    host?: string;
    "seed-file"?: string;
    json?: boolean;
    log?: boolean;
    help?: boolean;
  };
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        port: { type: "string" },
        host: { type: "string" },
        "seed-file": { type: "string" },
        json: { type: "boolean" },
        log: { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
    }));
  } catch (error) {
    output.stderr(`twauth-emulator: ${(error as Error).message}\n\n${usage}`);
    return 1;
  }
  if (values.help) {
    output.stdout(usage);
    return 0;
  }
  const options: EmulatorOptions = {};
  try {
    if (values.port !== undefined) {
      if (!/^\d+$/.test(values.port))
        throw new Error(`--port must be a number from 0 to 65535, got ${values.port}`);
      options.port = Number(values.port);
    }
    if (values.host !== undefined) options.host = values.host;
    if (values["seed-file"] !== undefined) Object.assign(options, await readSeedFile(values["seed-file"]));
    if (values.log) options.log = (line) => output.stderr(`${line}\n`);
    const emulator = await startEmulator(options);
    output.stdout(values.json ? `${describeAsJson(emulator)}\n` : describe(emulator));
    return emulator;
  } catch (error) {
    output.stderr(`twauth-emulator: ${(error as Error).message}\n`);
    return 1;
  }
}

function describeAsJson(emulator: Emulator): string {
  return JSON.stringify({ url: emulator.url, apps: emulator.apps(), users: emulator.users() });
}

/** The fake credentials are printed on purpose: they exist only inside this emulator. */
function describe(emulator: Emulator): string {
  const lines = [`twauth-emulator listening on ${emulator.url}`, "", ...emulatorKeyLines(emulator)];
  lines.push("", "Stop with Ctrl+C.", "");
  return lines.join("\n");
}
