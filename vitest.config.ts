import { defineConfig } from "vitest/config";

// One vitest process runs every package's tests, so CI gets one JSON report with the counts and
// the two cores are shared by one worker pool instead of one pool per package.
export default defineConfig({
  test: {
    projects: ["packages/*", "examples/*"],
    reporters: ["default", "json"],
    outputFile: { json: ".reports/vitest.json" },
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
});
