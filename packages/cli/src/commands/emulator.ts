import type { Command } from "../cli/command.js";
import { stringOption } from "../cli/option-values.js";
import { UsageError } from "../cli/usage-error.js";
import type { Output } from "../output/output.js";
import { type EmulatorModule, loadEmulator, type RunningEmulator } from "./load-emulator.js";

export const emulatorCommand: Command = {
  name: "emulator",
  summary: "start the local X API emulator for trying twauth out (needs @twauth/emulator)",
  synopsis: "[--port <n>] [--host <host>]",
  description: `Starts @twauth/emulator, a local X API with a built-in app and user, on a loopback address, prints
its URL and its (fake) credentials, and runs until Ctrl+C or SIGTERM. Point twauth at it with
--base-url or baseUrl in twauth.config.yaml; its credentials are printed because they exist only
inside the emulator.

The emulator is an optional peer dependency: npm install --save-dev @twauth/emulator.`,
  options: {
    port: { type: "string", valueName: "n", description: "the port to listen on (default 0: any free port)" },
    host: { type: "string", valueName: "host", description: "127.0.0.1 (default), ::1 or localhost" },
  },
  positionals: { min: 0, max: 0 },
  examples: ["twauth emulator --port 8787 &", "twauth emulator --json"],
  async run(context) {
    const { output, io } = context;
    const portText = stringOption(context.values, "port");
    if (portText !== undefined && !(/^\d+$/.test(portText) && Number(portText) <= 65_535)) {
      throw new UsageError(`--port must be a number from 0 to 65535, got "${portText}".`, "emulator");
    }
    const host = stringOption(context.values, "host");
    const { startEmulator, emulatorKeyLines } = await loadEmulator();
    let emulator: Awaited<ReturnType<typeof startEmulator>>;
    try {
      emulator = await startEmulator({
        ...(portText === undefined ? {} : { port: Number(portText) }),
        ...(host === undefined ? {} : { host }),
      });
    } catch (error) {
      if (error instanceof RangeError) throw new UsageError(error.message, "emulator");
      throw error;
    }
    printEmulator(output, emulator, emulatorKeyLines);
    await new Promise<void>((resolve) => {
      const stopListening = io.onInterrupt(() => {
        stopListening();
        resolve();
      });
    });
    await emulator.stop();
    output.info("twauth emulator stopped.");
    return {};
  },
};

/**
 * The emulator's URL and keys: the key list is the emulator's own (`emulatorKeyLines`), so
 * `twauth emulator` and `twauth-emulator` print the same one. The keys are printed on purpose:
 * they are fake and work nowhere else.
 */
function printEmulator(
  output: Output,
  emulator: RunningEmulator,
  emulatorKeyLines: EmulatorModule["emulatorKeyLines"],
): void {
  const apps = emulator.apps();
  const users = emulator.users();
  if (output.json) {
    output.result(JSON.stringify({ ok: true, url: emulator.url, apps, users }));
    return;
  }
  const lines = [`twauth emulator listening on ${emulator.url}`, "", ...emulatorKeyLines(emulator), ""];
  const signedOut = users.find((user) => !user.accessToken);
  if (signedOut) lines.push(`Sign a user in with: twauth login --screen-name ${signedOut.username}`);
  lines.push(`Use it with: twauth verify --base-url ${emulator.url}`, "Stop with Ctrl+C.");
  output.result(lines.join("\n"));
}
