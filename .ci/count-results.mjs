// Prints the closing line CI reads ("N passed, N failed") from vitest's JSON report.
// A missing report (lint or typecheck failed before vitest ran) counts as one failure, and so does
// a test file that failed to load (it has no test results of its own to count).
import { existsSync, readFileSync } from "node:fs";

const reportPath = process.argv[2] ?? ".reports/vitest.json";
if (!existsSync(reportPath)) {
  console.log("0 passed, 1 failed");
  process.exit(0);
}
const report = JSON.parse(readFileSync(reportPath, "utf8"));
const filesThatDidNotLoad = report.testResults.filter(
  (file) => file.status === "failed" && file.assertionResults.length === 0,
).length;
const failed = report.numFailedTests + filesThatDidNotLoad;
const skipped = report.numPendingTests + report.numTodoTests;
console.log(`${report.numPassedTests} passed, ${failed} failed, ${skipped} skipped`);
