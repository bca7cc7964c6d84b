#!/usr/bin/env node
import { processIo } from "../cli/cli-io.js";
import { runCli } from "../cli/run-cli.js";

// The exit code is set, not forced: stdout is flushed and open handles end on their own.
process.exitCode = await runCli(process.argv.slice(2), processIo());
