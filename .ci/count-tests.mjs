// Prints the one closing line CI reads, `N passed, N failed, N skipped`, from vitest's JSON report.
import { existsSync, readFileSync } from 'node:fs';

const file = process.argv[2];
if (!file || !existsSync(file)) {
  console.log('0 passed, 1 failed');
  console.error(`no test report at ${file}: the test run did not finish`);
  process.exit(1);
}
const report = JSON.parse(readFileSync(file, 'utf8'));
const skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
const failedSuites = (report.testResults ?? []).filter(
  (suite) => suite.status === 'failed' && suite.assertionResults.length === 0,
);
const failed = report.numFailedTests + failedSuites.length;
for (const suite of failedSuites) console.error(`suite failed to run: ${suite.name}: ${suite.message}`);
for (const suite of report.testResults ?? []) {
  for (const test of suite.assertionResults ?? []) {
    if (test.status === 'skipped' || test.status === 'pending' || test.status === 'todo')
      console.log(`skipped: ${test.fullName}`);
  }
}
console.log(`${report.numPassedTests} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 || report.numPassedTests === 0 ? 1 : 0);
