import { existsSync, mkdirSync } from "node:fs";
import type { Emulator } from "@twauth/emulator";
import { startEmulator } from "@twauth/emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tempProject } from "./support/project.js";
import { runTwauth } from "./support/run-twauth.js";

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(() => emulator.stop());

const secret = "CSsecretValue9Qx";

describe("twauth with a config it cannot use", () => {
  it("reports a broken package.json in the working folder as a config error (exit 2) without a code frame", async () => {
    const project = tempProject();
    try {
      const file = project.write(
        "package.json",
        `{\n  "name": "bot",\n  "secret": "${secret}"\n  "twauth": {}\n}\n`,
        0o644,
      );
      const run = await runTwauth(["verify"], { cwd: project.dir });
      expect(run.exitCode).toBe(2);
      expect(run.stderr).toBe(
        `twauth: Cannot parse the twauth config:\n  ${file}:4:3: a comma is missing between two entries\n`,
      );
      expect(run.stdout + run.stderr).not.toContain(secret);
    } finally {
      project.remove();
    }
  });

  it("refuses --config evil.cjs without running it, and runs it with --allow-executable-config", async () => {
    const project = tempProject();
    try {
      const marker = project.path("ran.txt");
      const evil = project.write(
        "evil.cjs",
        `require("node:fs").writeFileSync(${JSON.stringify(marker)}, "ran"); module.exports = { store: { type: "env" } };\n`,
      );
      const refused = await runTwauth(["verify", "--config", "evil.cjs"], { cwd: project.dir });
      expect(refused.exitCode).toBe(2);
      expect(refused.stderr).toBe(
        `twauth: The twauth config ${evil} (--config) is JavaScript, and was not run: executable configs run code, so twauth runs one only when asked: pass allowExecutable: true to loadConfig() or connect() (twauth CLI: --allow-executable-config), or write the settings as twauth.config.yaml.\n`,
      );
      expect(existsSync(marker)).toBe(false);
      const allowed = await runTwauth(["verify", "--config", "evil.cjs", "--allow-executable-config"], {
        cwd: project.dir,
      });
      expect(existsSync(marker)).toBe(true);
      // It ran; the env store it names then has no credentials in the test's bare environment.
      expect(allowed.stderr).toMatch(
        /^twauth: environment variables \(profile "default"\): no X credentials found/,
      );
    } finally {
      project.remove();
    }
  });

  it("reports a folder named twauth.config.yaml as a folder", async () => {
    const project = tempProject();
    try {
      mkdirSync(project.path("twauth.config.yaml"));
      const run = await runTwauth(["verify"], { cwd: project.dir });
      expect(run.exitCode).toBe(2);
      expect(run.stderr).toBe(
        `twauth: ${project.path("twauth.config.yaml")} (found while searching) is a folder, not a twauth config file; remove or rename the folder and write the config as a file of that name.\n`,
      );
    } finally {
      project.remove();
    }
  });

  it("names a bad TWAUTH_BASE_URL as the variable", async () => {
    const project = tempProject({ "twauth.config.yaml": "store: { type: env }\n" });
    try {
      const run = await runTwauth(["verify"], {
        cwd: project.dir,
        env: { TWAUTH_BASE_URL: "ftp://127.0.0.1" },
      });
      expect(run.exitCode).toBe(2);
      expect(run.stderr).toBe(
        'twauth: TWAUTH_BASE_URL: expected an https:// origin such as "https://api.x.com" (http:// only for localhost, 127.0.0.1 or [::1]); fix or unset the variable.\n',
      );
    } finally {
      project.remove();
    }
  });
});

describe("twauth doctor honours TWAUTH_BASE_URL when the config cannot be used", () => {
  for (const [situation, files] of [
    ["missing", {}],
    ["broken", { "twauth.config.yaml": "store:\n  type: dotnev\n" }],
  ] as const) {
    it(`checks the clock against TWAUTH_BASE_URL with a ${situation} config`, async () => {
      const project = tempProject(files);
      try {
        const run = await runTwauth(["doctor"], { cwd: project.dir, env: { TWAUTH_BASE_URL: emulator.url } });
        expect(run.exitCode).toBe(2);
        const host = new URL(emulator.url).host;
        expect(run.stdout).toMatch(
          new RegExp(
            `\\nok {4}clock: (within a second of|this machine is 1s (behind|ahead of)) ${host.replace(".", "\\.")}'s date header\\n`,
          ),
        );
      } finally {
        project.remove();
      }
    });
  }
});
