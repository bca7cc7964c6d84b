import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { expect, it } from "vitest";

const run = promisify(execFile);
const demo = fileURLToPath(new URL("../demo.js", import.meta.url));

it("the demo verifies the default user against the emulator and prints the rate-limit figures", async () => {
  const { stdout, stderr } = await run(process.execPath, [demo], { timeout: 15_000 });
  expect(stderr).toBe("");
  expect(stdout).toMatch(/GET \/2\/users\/me -> 200: @\w+ \(.+, id \d+\)/);
  expect(stdout).toMatch(/rate limit: \d+ of \d+ left, window resets at \d{4}-/);
});
