import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TwauthWarning } from "@twauth/core";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { checkFileHygiene, createHygieneCheck } from "../src/file-hygiene.js";

let dir: string;
let warnings: TwauthWarning[];
const onWarning = (warning: TwauthWarning) => warnings.push(warning);

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "twauth-hygiene-"));
  warnings = [];
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function gitInit(): void {
  execFileSync("git", ["init", "-q", dir]);
}

describe("checkFileHygiene", () => {
  it("warns about a file group and others can read, naming the chmod that fixes it", async () => {
    const file = join(dir, ".env");
    await writeFile(file, "A=secret-value\n", { mode: 0o644 });
    await checkFileHygiene(file, { onWarning });
    expect(warnings).toEqual([
      {
        code: "FILE_PERMISSIONS",
        message: `${file} holds secrets but can be read by group and others (mode 644); run: chmod 600 ${file}`,
        source: file,
      },
    ]);
  });

  it("says nothing about a 0600 file outside any git work tree", async () => {
    const file = join(dir, ".env");
    await writeFile(file, "A=1\n", { mode: 0o600 });
    await checkFileHygiene(file, { onWarning });
    expect(warnings).toEqual([]);
  });

  it("warns about a file inside a git work tree that git does not ignore", async () => {
    gitInit();
    const file = join(dir, "creds.yaml");
    await writeFile(file, "a: b\n", { mode: 0o600 });
    await checkFileHygiene(file, { onWarning });
    expect(warnings).toEqual([
      {
        code: "FILE_NOT_GIT_IGNORED",
        message: `${file} holds secrets and is inside a git work tree but not ignored; add creds.yaml to .gitignore (and "git rm --cached ${file}" if it was committed).`,
        source: file,
      },
    ]);
  });

  it("says nothing once .gitignore covers the file", async () => {
    gitInit();
    await writeFile(join(dir, ".gitignore"), "creds.yaml\n");
    const file = join(dir, "creds.yaml");
    await writeFile(file, "a: b\n", { mode: 0o600 });
    await checkFileHygiene(file, { onWarning });
    expect(warnings).toEqual([]);
  });

  it("skips the git check silently when git is not installed", async () => {
    gitInit();
    const file = join(dir, "creds.yaml");
    await writeFile(file, "a: b\n", { mode: 0o600 });
    await checkFileHygiene(file, { onWarning, gitCommand: join(dir, "no-such-git") });
    expect(warnings).toEqual([]);
  });

  it("does not run git for a file with no .git in its folder or any folder above", async () => {
    // A stand-in git that leaves a trace and answers "not ignored", which would warn if it ran.
    const git = join(dir, "recording-git");
    await writeFile(git, `#!/bin/sh\ntouch "${join(dir, "git-ran")}"\nexit 1\n`, { mode: 0o700 });
    const file = join(dir, "creds.yaml");
    await writeFile(file, "a: b\n", { mode: 0o600 });
    await checkFileHygiene(file, { onWarning, gitCommand: git });
    expect(existsSync(join(dir, "git-ran"))).toBe(false);
    expect(warnings).toEqual([]);
  });

  it("still asks git about a file in a subfolder of a work tree", async () => {
    gitInit();
    await mkdir(join(dir, "config", "secrets"), { recursive: true });
    const file = join(dir, "config", "secrets", "creds.yaml");
    await writeFile(file, "a: b\n", { mode: 0o600 });
    await checkFileHygiene(file, { onWarning });
    expect(warnings.map((warning) => warning.code)).toEqual(["FILE_NOT_GIT_IGNORED"]);
  });

  it("warns once per file for the store that owns the check", async () => {
    const file = join(dir, ".env");
    await writeFile(file, "A=1\n", { mode: 0o640 });
    const check = createHygieneCheck({ onWarning });
    await check(file);
    await check(file);
    expect(warnings.map((warning) => warning.code)).toEqual(["FILE_PERMISSIONS"]);
    expect(warnings[0]?.message).toContain("can be read by its group (mode 640)");
  });
});

describe("the git check runs no program a repository or its folder plants", () => {
  async function plantScript(name: string, marker: string): Promise<string> {
    const script = join(dir, name);
    await writeFile(script, `#!/bin/sh\ntouch '${marker}'\n`, { mode: 0o755 });
    return script;
  }

  // Regression (issue 11, item 1): git ran the core.fsmonitor command of the secret file's repository.
  it("turns off core.fsmonitor, and still finds the file not ignored", async () => {
    gitInit();
    const marker = join(dir, "fsmonitor-ran");
    execFileSync("git", ["-C", dir, "config", "core.fsmonitor", await plantScript("monitor.sh", marker)]);
    const file = join(dir, ".env");
    await writeFile(file, "A=1\n", { mode: 0o600 });
    await checkFileHygiene(file, { onWarning });
    expect(existsSync(marker)).toBe(false);
    expect(warnings.map((warning) => warning.code)).toEqual(["FILE_NOT_GIT_IGNORED"]);
  });

  it("never runs a `git` planted in the secret file's folder, even with . on PATH", async () => {
    gitInit();
    const marker = join(dir, "planted-git-ran");
    await plantScript("git", marker);
    const file = join(dir, ".env");
    await writeFile(file, "A=1\n", { mode: 0o600 });
    const path = process.env.PATH;
    process.env.PATH = `.:${path ?? ""}`;
    try {
      await checkFileHygiene(file, { onWarning });
    } finally {
      process.env.PATH = path;
    }
    expect(existsSync(marker)).toBe(false);
    expect(warnings.map((warning) => warning.code)).toEqual(["FILE_NOT_GIT_IGNORED"]);
  });

  it("asks git nothing from a store's check unless checkGitIgnore is set", async () => {
    gitInit();
    const marker = join(dir, "git-ran");
    const fakeGit = await plantScript("fake-git", marker);
    const file = join(dir, ".env");
    await writeFile(file, "A=1\n", { mode: 0o600 });
    await createHygieneCheck({ onWarning, gitCommand: fakeGit })(file);
    expect(existsSync(marker)).toBe(false);
    await createHygieneCheck({ onWarning, gitCommand: fakeGit, checkGitIgnore: true })(file);
    expect(existsSync(marker)).toBe(true);
  });
});
