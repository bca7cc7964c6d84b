import { PassThrough } from "node:stream";
import { afterAll, describe, expect, it } from "vitest";
import type { CliIo } from "../src/cli/cli-io.js";
import { commands, runCli } from "../src/cli/run-cli.js";
import { cliVersion } from "../src/cli/version.js";
import { jsonOutput, tempProject } from "./support/project.js";
import { runTwauth } from "./support/run-twauth.js";

const project = tempProject();
afterAll(() => project.remove());

/** runCli in this process, for the cheap checks that need no process of their own. */
async function runInProcess(argv: string[]): Promise<{ exitCode: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const io: CliIo = {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    stdin: new PassThrough(),
    env: {},
    cwd: project.dir,
    platform: process.platform,
    onInterrupt: () => () => {},
  };
  const exitCode = await runCli(argv, io);
  return { exitCode, stdout, stderr };
}

describe("the twauth bin", () => {
  it("--help lists every command, the global options and the exit codes", async () => {
    const run = await runTwauth(["--help"], { cwd: project.dir });
    expect(run.exitCode).toBe(0);
    for (const command of commands) expect(run.stdout).toMatch(new RegExp(`^  ${command.name} +\\S`, "m"));
    for (const option of ["--profile", "--config", "--json", "--verbose", "--base-url"]) {
      expect(run.stdout).toContain(option);
    }
    expect(run.stdout).toContain("3  auth: X refused the credentials");
    expect(run.stderr).toBe("");
  });

  it("an unknown command exits 1, names the commands and, with --json, prints the error as one document", async () => {
    const run = await runTwauth(["--json", "whoami"], { cwd: project.dir });
    expect(run.exitCode).toBe(1);
    expect(jsonOutput(run)).toEqual({
      ok: false,
      exitCode: 1,
      error: {
        name: "UsageError",
        code: "USAGE",
        message:
          'unknown command "whoami"; the commands are verify, login, logout, token, doctor, request, limits, usage, emulator.',
      },
    });
    expect(run.stderr).toContain('Run "twauth --help" for usage.');
  });

  it("a command's --help shows its usage, options, global options and exit codes", async () => {
    const run = await runTwauth(["request", "--help"], { cwd: project.dir });
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toMatch(/^Usage: twauth request <METHOD> <path>/);
    expect(run.stdout).toContain("--query <k=v>");
    expect(run.stdout).toContain("(repeatable)");
    expect(run.stdout).toContain("Global options:");
    expect(run.stdout).toContain("4  network/API");
  });
});

describe("runCli", () => {
  it.each(commands.map((command) => command.name))(
    "twauth %s --help exits 0 with the command's usage",
    async (name) => {
      const run = await runInProcess([name, "--help"]);
      expect(run.exitCode).toBe(0);
      expect(run.stdout.startsWith(`Usage: twauth ${name}`)).toBe(true);
      expect(run.stdout).toContain("Exit codes:");
    },
  );

  it("twauth help <command> is the same as twauth <command> --help", async () => {
    expect((await runInProcess(["help", "doctor"])).stdout).toBe(
      (await runInProcess(["doctor", "--help"])).stdout,
    );
  });

  it("--version prints the package's version", async () => {
    const run = await runInProcess(["--version"]);
    expect(run).toEqual({ exitCode: 0, stdout: `${cliVersion()}\n`, stderr: "" });
  });

  it("no command exits 1 with a pointer to --help", async () => {
    const run = await runInProcess([]);
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toBe('twauth: no command given.\nRun "twauth --help" for usage.\n');
  });

  it("global options are accepted before the command name", async () => {
    const run = await runInProcess([
      "--profile",
      "bot2",
      "--base-url",
      "http://127.0.0.1:9",
      "verify",
      "--help",
    ]);
    expect(run.exitCode).toBe(0);
  });

  it.each([
    [["verify", "--nope"], "unknown option --nope for verify."],
    [["verify", "extra"], 'twauth verify does not take "extra"; usage: twauth verify [options]'],
    [
      ["verify", "--base-url", "ftp://x"],
      '--base-url must be an https:// origin such as "https://api.x.com" (http:// only for localhost, 127.0.0.1 or [::1]), got "ftp://x".',
    ],
    [
      ["verify", "--base-url", "http://api.example.invalid"],
      '--base-url must be an https:// origin such as "https://api.x.com" (http:// only for localhost, 127.0.0.1 or [::1]), got "http://api.example.invalid".',
    ],
    [["verify", "--auth", "basic"], '--auth must be one of user, app, oauth2-user, got "basic".'],
    [
      ["request", "GET"],
      "twauth request needs more arguments; usage: twauth request <METHOD> <path> [--query k=v]... [--json-body <json> | --form k=v...] [options]",
    ],
    [
      ["request", "FETCH", "/2/users/me"],
      'the method must be one of GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS, got "FETCH".',
    ],
    [["request", "GET", "2/users/me"], 'the path must start with / (e.g. /2/users/me), got "2/users/me".'],
    [["request", "GET", "/2/users/me", "--query", "novalue"], '--query takes name=value, got "novalue".'],
    [["request", "POST", "/2/tweets", "--json-body", "{text"], "--json-body is not valid JSON"],
    [
      ["request", "POST", "/x", "--json-body", "{}", "--form", "a=b"],
      "give --json-body or --form, not both: a request has one body.",
    ],
    [
      ["login", "--callback", "https://example.com/callback"],
      '--callback must be a loopback http URL such as http://127.0.0.1:3000/callback (the temporary server listens only on this machine), got "https://example.com/callback".',
    ],
    [["login", "--timeout", "soon"], '--timeout takes a number of seconds greater than 0, got "soon".'],
    [["login", "--access-type", "admin"], '--access-type must be read or write, got "admin".'],
    [["limits", "users/me"], 'each path must start with / (e.g. /2/users/me), got "users/me".'],
    [["emulator", "--port", "http"], '--port must be a number from 0 to 65535, got "http".'],
  ])("twauth %j is a usage error: %s", async (argv, message) => {
    const run = await runInProcess(argv);
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toContain(`twauth: ${message}`);
    expect(run.stdout).toBe("");
  });
});
