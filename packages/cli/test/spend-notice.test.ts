import { describe, expect, it } from "vitest";
import type { CommandContext } from "../src/cli/command.js";
import { createOutput } from "../src/output/output.js";
import { createRedactor } from "../src/output/redactor.js";
import { cliWaitNotice } from "../src/setup/open-connection.js";

function recordedContext(isTTY: boolean) {
  const stderr: string[] = [];
  const stdout: string[] = [];
  const redactor = createRedactor();
  const output = createOutput(
    { stdout: { write: (text) => stdout.push(text) }, stderr: { isTTY, write: (text) => stderr.push(text) } },
    redactor,
    { json: false, verbose: false },
  );
  return { context: { output, redactor } as unknown as CommandContext, stderr, stdout, redactor };
}

describe("the CLI's spend notices", () => {
  it.each([false, true])("prints one stderr line per threshold reached, on a terminal too (%s)", (isTTY) => {
    const { context, stderr, stdout } = recordedContext(isTTY);
    const notify = cliWaitNotice(context);
    const done = notify({
      reason: "spend-limit",
      day: "2026-12-01",
      percent: 80,
      estimatedUsd: 4.01,
      limitUsd: 5,
    });
    done();
    expect(stderr).toEqual([
      "twauth: estimated spend on 2026-12-01 (UTC) reached 80% of the daily limit: $4.01 of $5.00\n",
    ]);
    expect(stdout).toEqual([]);
  });
});
