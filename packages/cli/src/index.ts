export type { CliIo, OutputStream } from "./cli/cli-io.js";
export { processIo } from "./cli/cli-io.js";
export type { ExitCode as ExitCodeValue } from "./cli/exit-codes.js";
export { ExitCode, exitCodeForError } from "./cli/exit-codes.js";
export { runCli } from "./cli/run-cli.js";
