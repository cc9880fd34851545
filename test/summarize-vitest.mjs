// Counts of one vitest JSON report for the summary line of `npm test`: tests, not files. A file
// that failed without a failing test (it did not load, or a hook threw) is one failure of its own,
// since none of its tests ran.

/** @param {any} report vitest's --reporter=json output */
export function summarizeVitest(report) {
  const files = report.testResults ?? [];
  const brokenFiles = files.filter((f) => f.status === 'failed' && !(f.assertionResults ?? []).some((a) => a.status === 'failed')).length;
  return {
    passed: report.numPassedTests ?? 0,
    failed: (report.numFailedTests ?? 0) + brokenFiles,
    skipped: (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0),
    brokenFiles,
  };
}
