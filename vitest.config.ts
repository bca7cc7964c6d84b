import { existsSync, readdirSync, readFileSync } from "node:fs";
import { defineConfig } from "vitest/config";

// Every package and example folder is a project, named after its package. `extends: true` makes
// the timeouts below reach the projects (a plain glob project would use vitest's 5 s defaults).
const projectFolders = ["packages", "examples"]
  .flatMap((parent) => readdirSync(parent).map((name) => `${parent}/${name}`))
  .filter((folder) => existsSync(`${folder}/package.json`));

// One vitest process runs every project, so CI gets one JSON report with the counts and the two
// cores are shared by one worker pool instead of one pool per package.
export default defineConfig({
  test: {
    projects: projectFolders.map((root) => ({
      extends: true,
      test: {
        root,
        name: (JSON.parse(readFileSync(`${root}/package.json`, "utf8")) as { name: string }).name,
      },
    })),
    reporters: ["default", "json"],
    outputFile: { json: ".reports/vitest.json" },
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
});
