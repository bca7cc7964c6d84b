import { execFileSync } from "node:child_process";
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Emulator } from "@twauth/emulator";
import { defaultApp, defaultUser, startEmulator } from "@twauth/emulator";
import { afterAll, beforeAll, expect } from "vitest";
import type { TwauthRun } from "./run-twauth.js";

export interface TempProject {
  readonly dir: string;
  path(name: string): string;
  write(name: string, text: string, mode?: number): string;
  remove(): void;
}

/**
 * A temp folder with a package.json (so the config search stops here) and the given files; secret
 * files are written 0600 unless a mode is given.
 */
export function tempProject(
  files: Readonly<Record<string, string>> = {},
  options: { git?: boolean } = {},
): TempProject {
  const dir = mkdtempSync(join(tmpdir(), "twauth-cli-"));
  const project: TempProject = {
    dir,
    path: (name) => join(dir, name),
    write(name, text, mode = 0o600) {
      const file = join(dir, name);
      writeFileSync(file, text);
      chmodSync(file, mode);
      return file;
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
  project.write("package.json", '{ "private": true }\n', 0o644);
  for (const [name, text] of Object.entries(files)) project.write(name, text);
  if (options.git === true) execFileSync("git", ["init", "-q"], { cwd: dir });
  return project;
}

/** A twauth.config.yaml for a dotenv store, pointed at the emulator. */
export function dotenvConfig(baseUrl: string, extra = ""): string {
  return `store:\n  type: dotenv\n  path: .env\nbaseUrl: ${baseUrl}\n${extra}`;
}

export interface TestCredentials {
  consumerKey: string;
  consumerSecret: string;
  accessToken?: string | undefined;
  accessTokenSecret?: string | undefined;
}

export const emulatorUserCredentials: TestCredentials = {
  consumerKey: defaultApp.consumerKey,
  consumerSecret: defaultApp.consumerSecret,
  accessToken: defaultUser.accessToken,
  accessTokenSecret: defaultUser.accessTokenSecret,
};

/** A .env in the seed tutorial's style. */
export function dotenvText(credentials: TestCredentials): string {
  const lines = [
    "# X API credentials (the emulator's)",
    `CONSUMER_KEY=${credentials.consumerKey}`,
    `CONSUMER_SECRET=${credentials.consumerSecret}`,
  ];
  if (credentials.accessToken !== undefined) lines.push(`ACCESS_TOKEN=${credentials.accessToken}`);
  if (credentials.accessTokenSecret !== undefined)
    lines.push(`ACCESS_TOKEN_SECRET=${credentials.accessTokenSecret}`);
  return `${lines.join("\n")}\n`;
}

/** Asserts that none of `secrets` appears anywhere in a run's stdout or stderr, raw or percent-encoded. */
export function expectNoSecrets(run: TwauthRun, secrets: readonly (string | undefined)[]): void {
  const output = `${run.stdout}\n${run.stderr}`;
  for (const secret of secrets) {
    if (secret === undefined) continue;
    expect(output.includes(secret), `a secret (${secret.slice(0, 4)}…) was printed`).toBe(false);
    expect(output.includes(encodeURIComponent(secret))).toBe(false);
  }
}

/** The one JSON document a `--json` run printed on stdout. */
export function jsonOutput(run: TwauthRun): Record<string, unknown> {
  return JSON.parse(run.stdout) as Record<string, unknown>;
}

export interface EmulatorFixture {
  /** The emulator, started before the file's tests and stopped after them. */
  readonly emulator: Emulator;
  /** A project with a dotenv store holding the emulator's user credentials, pointed at the emulator. */
  readonly project: TempProject;
}

/** Starts one emulator and one project for a test file (its beforeAll/afterAll). */
export function useEmulatorProject(): EmulatorFixture {
  const fixture: { emulator?: Emulator; project?: TempProject } = {};
  beforeAll(async () => {
    fixture.emulator = await startEmulator();
    fixture.project = tempProject({
      "twauth.config.yaml": dotenvConfig(fixture.emulator.url),
      ".env": dotenvText(emulatorUserCredentials),
    });
  });
  afterAll(async () => {
    await fixture.emulator?.stop();
    fixture.project?.remove();
  });
  return {
    get emulator() {
      return fixture.emulator!;
    },
    get project() {
      return fixture.project!;
    },
  };
}
