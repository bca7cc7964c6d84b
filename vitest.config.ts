import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// Folders are read from this file's place, not the working directory: a package's own `vitest run`
// (`pnpm --filter <package> test`, `turbo run test`) finds this config from inside the package.
const repositoryRoot = fileURLToPath(new URL(".", import.meta.url));

// Every package and example folder is a project, named after its package. `extends: true` makes
// the timeouts below reach the projects (a plain glob project would use vitest's 5 s defaults).
const projectFolders = ["packages", "examples"]
  .flatMap((parent) =>
    readdirSync(join(repositoryRoot, parent)).map((name) => join(repositoryRoot, parent, name)),
  )
  .filter((folder) => existsSync(join(folder, "package.json")));

// Run from inside a package folder, vitest runs that package's project only; from the root, all.
const workingFolder = process.cwd();
const ownFolder = projectFolders.find(
  (folder) => workingFolder === folder || workingFolder.startsWith(folder + sep),
);

// From the root, one vitest process runs every project, so CI gets one JSON report with the counts
// and the two cores are shared by one worker pool instead of one pool per package.
export default defineConfig({
  test: {
    projects: (ownFolder === undefined ? projectFolders : [ownFolder]).map((root) => ({
      extends: true,
      test: {
        root,
        name: (JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { name: string }).name,
      },
    })),
    ...(ownFolder === undefined
      ? { reporters: ["default", "json"], outputFile: { json: join(repositoryRoot, ".reports/vitest.json") } }
      : {}),
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
});
