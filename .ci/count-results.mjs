// Prints the closing line CI reads ("N passed, N failed") from vitest's JSON reports, summed over
// the runs given (one per Node version, and the release check's report in the same shape). A missing report (lint or typecheck failed before vitest
// ran) counts as one failure, and so does a test file that failed to load (it has no results).
import { existsSync, readFileSync } from "node:fs";

const totals = { passed: 0, failed: 0, skipped: 0 };
for (const reportPath of process.argv.slice(2)) {
  if (!existsSync(reportPath)) {
    totals.failed += 1;
    continue;
  }
  const report = JSON.parse(readFileSync(reportPath, "utf8"));
  const filesThatDidNotLoad = report.testResults.filter(
    (file) => file.status === "failed" && file.assertionResults.length === 0,
  ).length;
  totals.passed += report.numPassedTests;
  totals.failed += report.numFailedTests + filesThatDidNotLoad;
  totals.skipped += report.numPendingTests + report.numTodoTests;
}
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
