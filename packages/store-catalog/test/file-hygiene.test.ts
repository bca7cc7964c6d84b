import { execFileSync } from "node:child_process";
import { chmod, writeFile } from "node:fs/promises";
import type { SecretStore, TwauthWarning } from "@twauth/core";
import { dotenvStore } from "@twauth/store-dotenv";
import { iniStore } from "@twauth/store-ini";
import type { TempDirectory } from "@twauth/store-testkit";
import { createTempDirectory } from "@twauth/store-testkit";
import { yamlStore } from "@twauth/store-yaml";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

type Factory = (path: string, onWarning?: (warning: TwauthWarning) => void) => SecretStore;

const stores: readonly (readonly [string, string, string, Factory])[] = [
  [
    "dotenvStore",
    ".env",
    "CONSUMER_KEY=ck\n",
    (path, onWarning) => dotenvStore({ path, ...(onWarning ? { onWarning } : {}) }),
  ],
  [
    "iniStore",
    "credentials.ini",
    "[default]\nconsumer_key = ck\n",
    (path, onWarning) => iniStore({ path, ...(onWarning ? { onWarning } : {}) }),
  ],
  [
    "yamlStore",
    "twitter.yaml",
    "default:\n  consumer_key: ck\n",
    (path, onWarning) => yamlStore({ path, ...(onWarning ? { onWarning } : {}) }),
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
  it("warns on load when the file is world-readable and not ignored by git, naming the fixes", async () => {
    const file = temp.file(fileName);
    await writeFile(file, text);
    await chmod(file, 0o644);
    const warnings: TwauthWarning[] = [];
    await create(file, (warning) => warnings.push(warning)).load();
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
    await create(file, (warning) => warnings.push(warning)).load();
    expect(warnings).toEqual([]);
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
