import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { pnpmCommand, repositoryRoot, run, workspacePackages } from "./support/workspace.js";

// The README's first step on a clean clone: `pnpm install` before anything is built. Bins that
// pointed into dist/ made it print "Failed to create bin ... ENOENT" once per dependent (34 times).
// The clone is of the committed HEAD, which is what a user (and CI) gets.

const isGitCheckout = existsSync(join(repositoryRoot, ".git"));
let scratch: string | undefined;
afterAll(async () => {
  if (scratch !== undefined) await rm(scratch, { recursive: true, force: true });
});

it("a fresh pnpm install of a clean clone links every bin without a warning", async (context) => {
  context.skip(!isGitCheckout, "not a git checkout: there is no clean clone to make");
  scratch = await mkdtemp(join(tmpdir(), "twauth-fresh-install-"));
  const clone = join(scratch, "repo");
  await run("git", ["clone", "--quiet", "--no-hardlinks", repositoryRoot, clone], { timeout: 20_000 });
  const pnpm = pnpmCommand();
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !/^(npm_|pnpm_)/i.test(name)),
  );
  const { stdout, stderr } = await run(
    pnpm.file,
    [...pnpm.prefix, "install", "--frozen-lockfile", "--prefer-offline", "--ignore-scripts"],
    { cwd: clone, env, timeout: 40_000, maxBuffer: 16 * 1024 * 1024 },
  );
  expect(`${stdout}${stderr}`).not.toMatch(/Failed to create bin|ENOENT/);
  // Every bin a workspace package declares is a committed file, there before the build.
  const cloned = (await workspacePackages()).map((entry) =>
    join(clone, entry.path.slice(repositoryRoot.length)),
  );
  for (const folder of cloned) {
    const manifest = JSON.parse(await readFile(join(folder, "package.json"), "utf8")) as {
      bin?: string | Record<string, string>;
    };
    const targets = typeof manifest.bin === "string" ? [manifest.bin] : Object.values(manifest.bin ?? {});
    for (const target of targets) expect(existsSync(join(folder, target)), `${folder}: ${target}`).toBe(true);
  }
}, 60_000);
