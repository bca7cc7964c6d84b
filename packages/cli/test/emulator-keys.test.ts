import { spawn } from "node:child_process";
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { tempProject } from "./support/project.js";
import { spawnTwauth } from "./support/run-twauth.js";

const project = tempProject();
afterAll(() => project.remove());

const emulatorPackage = new URL("../node_modules/@twauth/emulator/", import.meta.url);
const emulatorBin = fileURLToPath(new URL("dist/bin/twauth-emulator.js", emulatorPackage));

/** The key list: the lines after the first blank line, up to the next blank line. */
function keyBlock(stdout: string): string {
  const [, block] = stdout.split("\n\n");
  if (block === undefined) throw new Error(`no key list in:\n${stdout}`);
  return block;
}

/** Runs the emulator's own bin until it has printed its keys, then stops it with SIGTERM. */
async function twauthEmulatorOutput(): Promise<string> {
  const child = spawn(process.execPath, [emulatorBin, "--port", "0"], {
    env: { PATH: process.env.PATH ?? "" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
  let stdout = "";
  child.stdout.setEncoding("utf8");
  const printed = new Promise<string>((resolve, reject) => {
    child.stdout.on("data", (chunk: string) => {
      stdout += chunk;
      if (stdout.includes("Stop with Ctrl+C.")) resolve(stdout);
    });
    child.once("close", () => reject(new Error(`twauth-emulator ended early:\n${stdout}`)));
  });
  try {
    return await printed;
  } finally {
    child.kill("SIGTERM");
    clearTimeout(timer);
  }
}

describe("the emulator's keys", () => {
  it("are one list, printed the same way by twauth-emulator and twauth emulator, and shown in the emulator's README", async () => {
    const cli = spawnTwauth(["emulator", "--port", "0"], { cwd: project.dir });
    const [cliOutput] = await cli.waitFor("stdout", /^twauth emulator listening[\s\S]*Stop with Ctrl\+C\.\n/);
    cli.kill("SIGTERM");
    await cli.done;
    const fromCli = keyBlock(cliOutput ?? "");
    const fromBin = keyBlock(await twauthEmulatorOutput());

    expect(fromCli).toBe(fromBin);
    expect(fromCli.split("\n")[0]).toBe('app "twauth emulator app" (read-write)');
    expect(fromCli).toContain("  CONSUMER_KEY=EmuLat0rC0nsumerKey000001");
    expect(fromCli).toContain("  (no tokens yet: sign in through the PIN flow as @twauth_second)");
    const readme = await readFile(new URL("README.md", emulatorPackage), "utf8");
    expect(readme).toContain(`\n${fromCli}\n`);
  });
});
