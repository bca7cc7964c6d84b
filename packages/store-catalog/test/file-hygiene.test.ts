import { execFileSync } from "node:child_process";
import { access, chmod, writeFile } from "node:fs/promises";
import type { SecretStore, TwauthWarning } from "@twauth/core";
import { dotenvStore } from "@twauth/store-dotenv";
import { iniStore } from "@twauth/store-ini";
import type { TempDirectory } from "@twauth/store-testkit";
import { createTempDirectory } from "@twauth/store-testkit";
import { yamlStore } from "@twauth/store-yaml";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

type Factory = (
  path: string,
  onWarning?: (warning: TwauthWarning) => void,
  checkGitIgnore?: boolean,
) => SecretStore;

function hygieneOptions(onWarning?: (warning: TwauthWarning) => void, checkGitIgnore?: boolean) {
  return { ...(onWarning ? { onWarning } : {}), ...(checkGitIgnore === undefined ? {} : { checkGitIgnore }) };
}

const stores: readonly (readonly [string, string, string, Factory])[] = [
  [
    "dotenvStore",
    ".env",
    "CONSUMER_KEY=ck\n",
    (path, onWarning, git) => dotenvStore({ path, ...hygieneOptions(onWarning, git) }),
  ],
  [
    "iniStore",
    "credentials.ini",
    "[default]\nconsumer_key = ck\n",
    (path, onWarning, git) => iniStore({ path, ...hygieneOptions(onWarning, git) }),
  ],
  [
    "yamlStore",
    "twitter.yaml",
    "default:\n  consumer_key: ck\n",
    (path, onWarning, git) => yamlStore({ path, ...hygieneOptions(onWarning, git) }),
  ],
];

let temp: TempDirectory;
beforeEach(async () => {
  temp = await createTempDirectory("twauth-hygiene-");
  execFileSync("git", ["init", "-q", temp.path]);
});
afterEach(async () => {
  await temp.cleanup();
});

describe.each(stores)("%s hygiene warnings", (_name, fileName, text, create) => {
  it("warns on load about a world-readable file, and asks git nothing unless told to", async () => {
    const file = temp.file(fileName);
    await writeFile(file, text);
    await chmod(file, 0o644);
    const warnings: TwauthWarning[] = [];
    await create(file, (warning) => warnings.push(warning)).load();
    expect(warnings.map((warning) => warning.code)).toEqual(["FILE_PERMISSIONS"]);
  });

  it("with checkGitIgnore, warns on load when the file is world-readable and not ignored by git, naming the fixes", async () => {
    const file = temp.file(fileName);
    await writeFile(file, text);
    await chmod(file, 0o644);
    const warnings: TwauthWarning[] = [];
    await create(file, (warning) => warnings.push(warning), true).load();
    expect(warnings).toEqual([
      {
        code: "FILE_PERMISSIONS",
        message: `${file} holds secrets but can be read by group and others (mode 644); run: chmod 600 ${file}`,
        source: file,
      },
      {
        code: "FILE_NOT_GIT_IGNORED",
        message: `${file} holds secrets and is inside a git work tree but not ignored; add ${fileName} to .gitignore (and "git rm --cached ${file}" if it was committed).`,
        source: file,
      },
    ]);
  });

  it("is quiet for a 0600 file that .gitignore covers", async () => {
    const file = temp.file(fileName);
    await writeFile(file, text, { mode: 0o600 });
    await writeFile(temp.file(".gitignore"), `${fileName}\n`);
    const warnings: TwauthWarning[] = [];
    await create(file, (warning) => warnings.push(warning), true).load();
    expect(warnings).toEqual([]);
  });

  // Regression: a load ran `git check-ignore`, and git ran the repository's core.fsmonitor command.
  it("runs no core.fsmonitor command a hostile repository configures, on a load or with checkGitIgnore", async () => {
    const marker = temp.file("fsmonitor-ran");
    const hook = temp.file("fsmonitor.sh");
    await writeFile(hook, `#!/bin/sh\ntouch '${marker}'\n`, { mode: 0o755 });
    execFileSync("git", ["-C", temp.path, "config", "core.fsmonitor", hook]);
    const file = temp.file(fileName);
    await writeFile(file, text, { mode: 0o600 });
    // The planted command works: plain git runs it.
    execFileSync("git", ["-C", temp.path, "status", "--short"]);
    await expect(access(marker)).resolves.toBeUndefined();
    execFileSync("rm", [marker]);
    const warnings: TwauthWarning[] = [];
    await create(file, (warning) => warnings.push(warning)).load();
    await create(file, (warning) => warnings.push(warning), true).load();
    await expect(access(marker)).rejects.toMatchObject({ code: "ENOENT" });
    expect(warnings.map((warning) => warning.code)).toEqual(["FILE_NOT_GIT_IGNORED"]);
  });

  it("sends warnings to process.emitWarning by default", async () => {
    const file = temp.file(fileName);
    await writeFile(file, text, { mode: 0o600 });
    await writeFile(temp.file(".gitignore"), `${fileName}\n`);
    await chmod(file, 0o640);
    const emitted: Error[] = [];
    const listener = (warning: Error) => emitted.push(warning);
    process.on("warning", listener);
    try {
      await create(file).load();
      // process.emitWarning delivers on the next tick.
      await new Promise((resolve) => setImmediate(resolve));
    } finally {
      process.off("warning", listener);
    }
    expect(emitted.map((warning) => [warning.name, (warning as { code?: string }).code])).toEqual([
      ["TwauthWarning", "TWAUTH_FILE_PERMISSIONS"],
    ]);
  });
});
