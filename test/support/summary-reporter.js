// Ends the run with one plain line that any CI can read: "tests: N passed, N failed, N skipped".
// A suite that failed to run (a throw at import, a failed beforeAll, a missing tool in CI) has no
// failed tests of its own, so it is counted as one failure and named: otherwise a run in which
// whole suites never started would read "0 failed".
export default class SummaryReporter {
  onRunComplete(_contexts, results) {
    const skipped = results.numPendingTests + results.numTodoTests;
    const broken = results.testResults.filter((suite) => suite.testExecError || (suite.failureMessage && suite.numFailingTests === 0));
    const failed = results.numFailedTests + broken.length;
    const note = broken.length === 0 ? '' : ` (${broken.length} of them suites that failed to run: ${broken.map((s) => relative(s.testFilePath)).join(', ')})`;
    process.stdout.write(`tests: ${results.numPassedTests} passed, ${failed} failed, ${skipped} skipped${note}\n`);
  }
}

function relative(path) {
  const at = path.lastIndexOf('/test/');
  return at === -1 ? path : path.slice(at + 1);
}
