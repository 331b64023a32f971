// Prints the plain closing line CI reads ("tests: N passed, N failed, N skipped") from vitest's
// JSON report. Exits non-zero when the report is missing or ran nothing.
import { readFileSync } from 'node:fs';

let report;
try {
  report = JSON.parse(readFileSync('.tmp/vitest-report.json', 'utf8'));
} catch (error) {
  console.log(`tests: no vitest report (${error.message})`);
  process.exit(1);
}
const passed = report.numPassedTests ?? 0;
const failed = report.numFailedTests ?? 0;
const skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed === 0 && passed > 0 && skipped === 0 ? 0 : 1);
