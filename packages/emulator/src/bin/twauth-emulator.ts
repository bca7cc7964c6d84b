#!/usr/bin/env node
import { runEmulatorCli } from "../cli/run-emulator-cli.js";

const result = await runEmulatorCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
});
if (typeof result === "number") {
  process.exitCode = result;
} else {
  const shutdown = () => {
    result.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once("SIGINT", shutdown);
  process.once("SIGTERM", shutdown);
}
