import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { expect, it } from "vitest";
import { repositoryRoot, run } from "./support/workspace.js";

// .ci/run runs the README's Quick start as written, so the README is what CI proves. The pnpm it
// fetches through npx must be the one package.json pins: the install would otherwise switch versions.
it("the README's Quick start is two commands that run the pinned pnpm through npx, as .ci/run reads them", async () => {
  const manifest = JSON.parse(await readFile(join(repositoryRoot, "package.json"), "utf8")) as {
    packageManager: string;
  };
  const { stdout } = await run(process.execPath, [join(repositoryRoot, ".ci/quick-start-commands.mjs")], {
    cwd: repositoryRoot,
    timeout: 10_000,
  });
  const pnpm = `npx --yes ${manifest.packageManager}`;
  expect(stdout).toBe(`${pnpm} install && ${pnpm} demo\n${pnpm} test\n`);
});
