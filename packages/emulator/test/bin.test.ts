import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runEmulatorCli } from "../src/cli/run-emulator-cli.js";
import { defaultApp, defaultUser } from "../src/defaults.js";
import type { Emulator } from "../src/start-emulator.js";

const binPath = fileURLToPath(new URL("../dist/bin/twauth-emulator.js", import.meta.url));

function captured() {
  const output = { stdout: "", stderr: "" };
  return {
    output,
    io: {
      stdout: (text: string) => (output.stdout += text),
      stderr: (text: string) => (output.stderr += text),
    },
  };
}

let dir: string;
let running: Emulator | undefined;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "twauth-emulator-"));
});
afterEach(async () => {
  await running?.stop();
  running = undefined;
  await rm(dir, { recursive: true, force: true });
});

describe("twauth-emulator CLI", () => {
  it("starts with the built-in credentials and prints the URL first", async () => {
    const { output, io } = captured();
    const result = await runEmulatorCli(["--port", "0"], io);
    if (typeof result === "number") throw new Error(output.stderr);
    running = result;
    expect(output.stdout.split("\n")[0]).toBe(`twauth-emulator listening on ${result.url}`);
    expect(output.stdout).toContain(defaultApp.consumerKey);
    expect(output.stdout).toContain(defaultUser.accessTokenSecret);
  });

  it("loads apps and users from --seed-file and prints them as JSON with --json", async () => {
    const seedFile = join(dir, "seed.json");
    await writeFile(
      seedFile,
      JSON.stringify({
        apps: [{ consumerKey: "SeedConsumerKey0000000001", consumerSecret: "seed-secret", name: "seeded" }],
        users: [
          {
            id: "42",
            username: "seeded_user",
            accessToken: "42-seedtoken",
            accessTokenSecret: "seed-token-secret",
          },
        ],
      }),
    );
    const { output, io } = captured();
    const result = await runEmulatorCli(["--seed-file", seedFile, "--json"], io);
    if (typeof result === "number") throw new Error(output.stderr);
    running = result;
    const printed = JSON.parse(output.stdout) as { url: string; apps: { name: string }[]; users: unknown[] };
    expect(printed.url).toBe(result.url);
    expect(printed.apps.map((app) => app.name)).toEqual(["seeded"]);
    expect(printed.users).toEqual([
      {
        id: "42",
        username: "seeded_user",
        name: "seeded_user",
        accessToken: "42-seedtoken",
        accessTokenSecret: "seed-token-secret",
        oauth2AccessToken: expect.any(String),
      },
    ]);
  });

  it("exits 1 naming the problem for a bad option, a bad port or an unreadable seed file, and 0 for --help", async () => {
    const cases: [string[], RegExp][] = [
      [["--nope"], /Unknown option '--nope'/],
      [["--port", "abc"], /--port must be a number from 0 to 65535, got abc/],
      [["--seed-file", join(dir, "missing.json")], /cannot read seed file .*missing\.json: ENOENT/],
      [["--host", "0.0.0.0"], /host must be a loopback address/],
    ];
    for (const [argv, message] of cases) {
      const { output, io } = captured();
      expect(await runEmulatorCli(argv, io)).toBe(1);
      expect(output.stderr).toMatch(message);
    }
    await writeFile(join(dir, "bad.json"), "[1]");
    const { output, io } = captured();
    expect(await runEmulatorCli(["--seed-file", join(dir, "bad.json")], io)).toBe(1);
    expect(output.stderr).toContain('must hold a JSON object with "apps" and/or "users"');
    const help = captured();
    expect(await runEmulatorCli(["--help"], help.io)).toBe(0);
    expect(help.output.stdout).toContain("Usage: twauth-emulator");
  });

  it("runs as a real process: prints the URL, serves requests, and exits 0 on SIGTERM", async () => {
    if (!existsSync(binPath)) throw new Error(`build the package first (pnpm build): ${binPath} is missing`);
    const child = spawn(process.execPath, [binPath, "--port", "0"], { stdio: ["ignore", "pipe", "pipe"] });
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let text = "";
        child.stdout.on("data", (chunk: Buffer) => {
          text += chunk.toString();
          const found = /listening on (http:\/\/\S+)/.exec(text)?.[1];
          if (found) resolve(found);
        });
        child.once("exit", (code) => reject(new Error(`exited with ${code} before printing its URL`)));
      });
      const response = await fetch(`${url}/2/users/me`, {
        headers: { authorization: `Bearer ${defaultUser.oauth2AccessToken}` },
      });
      expect(response.status).toBe(200);
      child.kill("SIGTERM");
      expect(await exited).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill("SIGKILL");
    }
  });
});
