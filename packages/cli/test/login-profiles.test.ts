import { readFileSync } from "node:fs";
import { PassThrough } from "node:stream";
import type { Emulator } from "@twauth/emulator";
import { defaultApp, defaultUser, startEmulator } from "@twauth/emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CliIo } from "../src/cli/cli-io.js";
import { runCli } from "../src/cli/run-cli.js";
import { authorizeUrlPattern, pinFromAuthorizePage } from "./support/authorize-page.js";
import type { TempProject } from "./support/project.js";
import {
  dotenvConfig,
  dotenvText,
  emulatorUserCredentials,
  expectNoSecrets,
  tempProject,
} from "./support/project.js";
import { runTwauth, spawnTwauth } from "./support/run-twauth.js";

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(() => emulator.stop());

/** A project whose default profile holds the emulator's first user (@twauth_emulator). */
function signedInProject(): TempProject {
  return tempProject({
    "twauth.config.yaml": dotenvConfig(emulator.url),
    ".env": dotenvText(emulatorUserCredentials),
  });
}

/** `twauth login` through the real bin, signing in as `screenName` with the PIN written to its stdin pipe. */
async function login(project: TempProject, screenName: string, extra: string[] = []) {
  const run = spawnTwauth(["login", "--no-browser", "--screen-name", screenName, ...extra], {
    cwd: project.dir,
  });
  const [, url] = await run.waitFor("stderr", authorizeUrlPattern);
  run.write(`${await pinFromAuthorizePage(url!)}\n`);
  return run.done;
}

describe("twauth login never replaces another user's tokens silently", () => {
  it("refuses to save a different user over the profile's without --force, and saves nothing", async () => {
    const project = signedInProject();
    try {
      const before = readFileSync(project.path(".env"), "utf8");
      const run = await login(project, "twauth_second");
      expect(run.exitCode).toBe(1);
      expect(run.stderr).toContain(
        `twauth: profile "default" of ${project.path(".env")} holds the access token of user id 1460000000000000001, and @twauth_second (id 1460000000000000002) signed in; nothing was saved. Run twauth login --force to replace that user's tokens, or --profile <name> to save @twauth_second as another profile.\n`,
      );
      expect(readFileSync(project.path(".env"), "utf8")).toBe(before);
      expectNoSecrets(run, [defaultApp.consumerSecret, defaultUser.accessTokenSecret]);
    } finally {
      project.remove();
    }
  });

  it("replaces them with --force", async () => {
    const project = signedInProject();
    try {
      const run = await login(project, "twauth_second", ["--force"]);
      expect(run.exitCode).toBe(0);
      const second = emulator.user("twauth_second");
      expect(readFileSync(project.path(".env"), "utf8")).toContain(`ACCESS_TOKEN=${second?.accessToken}\n`);
    } finally {
      project.remove();
    }
  });

  it("refreshes the same user's tokens without asking", async () => {
    const project = signedInProject();
    try {
      const run = await login(project, "twauth_emulator");
      expect(run.exitCode).toBe(0);
      expect(run.stdout).toBe(
        `Signed in as @twauth_emulator (id 1460000000000000001).\nSaved the access token and secret to ${project.path(".env")} (profile "default").\n`,
      );
    } finally {
      project.remove();
    }
  });

  it("creates a new --profile with the app's key and secret beside the new tokens, and it verifies", async () => {
    const project = signedInProject();
    try {
      const run = await login(project, "twauth_second", ["--profile", "bot2"]);
      expect(run.exitCode).toBe(0);
      expect(run.stderr).toContain(
        `Profile "bot2" is new in ${project.path(".env")}: signing in with the app of profile "default", and creating "bot2" with its key and secret and the new tokens.`,
      );
      const verify = await runTwauth(["verify", "--profile", "bot2"], { cwd: project.dir });
      expect(verify.exitCode).toBe(0);
      expect(verify.stdout).toContain("@twauth_second");
      const first = await runTwauth(["verify"], { cwd: project.dir });
      expect(first.stdout).toContain("@twauth_emulator");
    } finally {
      project.remove();
    }
  });
});

// A real terminal cannot run in the test; stdin is a stream that says it is one (isTTY), and the
// CLI runs in this process so the test can answer the question it asks.
describe("twauth login on a terminal asks before replacing another user", () => {
  async function loginOnTerminal(project: TempProject, answer: string) {
    const stdin = Object.assign(new PassThrough(), { isTTY: true });
    let stdout = "";
    let stderr = "";
    let answered = false;
    const io: CliIo = {
      stdout: { write: (text: string) => (stdout += text) },
      stderr: {
        write(text: string) {
          stderr += text;
          const url = authorizeUrlPattern.exec(text)?.[1];
          if (url !== undefined) void pinFromAuthorizePage(url).then((pin) => stdin.write(`${pin}\n`));
          if (!answered && stderr.includes("? [y/N] ")) {
            answered = true;
            stdin.write(`${answer}\n`);
          }
          return true;
        },
      },
      stdin,
      env: { PATH: process.env.PATH ?? "" },
      cwd: project.dir,
      platform: process.platform,
      onInterrupt: () => () => {},
    };
    const exitCode = await runCli(["login", "--no-browser", "--screen-name", "twauth_second"], io);
    return { exitCode, stdout, stderr };
  }

  it("keeps the first user's tokens when the answer is no", async () => {
    const project = signedInProject();
    try {
      const before = readFileSync(project.path(".env"), "utf8");
      const run = await loginOnTerminal(project, "n");
      expect(run.stderr).toContain(
        `profile "default" of ${project.path(".env")} holds the access token of user id 1460000000000000001. Replace it with @twauth_second's (id 1460000000000000002)? [y/N] `,
      );
      expect(run.exitCode).toBe(1);
      expect(readFileSync(project.path(".env"), "utf8")).toBe(before);
    } finally {
      project.remove();
    }
  });

  it("replaces them when the answer is yes", async () => {
    const project = signedInProject();
    try {
      const run = await loginOnTerminal(project, "y");
      expect(run.exitCode).toBe(0);
      expect(readFileSync(project.path(".env"), "utf8")).toContain(
        `ACCESS_TOKEN=${emulator.user("twauth_second")?.accessToken}\n`,
      );
    } finally {
      project.remove();
    }
  });
});
