import { describe, expect, test } from 'vitest';
// @ts-expect-error plain JavaScript module of the test runner, without types
import { summarizeVitest } from './summarize-vitest.mjs';

const file = (status: string, tests: string[]) => ({ status, assertionResults: tests.map((s) => ({ status: s })) });

describe('the summary line of npm test counts tests', () => {
  test.each([
    {
      name: 'two failed tests in one file are 2 failed, not 3 (the file is not counted again)',
      report: { numPassedTests: 5, numFailedTests: 2, numFailedTestSuites: 1, numPendingTests: 1, testResults: [file('failed', ['passed', 'failed', 'failed']), file('passed', ['passed'])] },
      expected: { passed: 5, failed: 2, skipped: 1, brokenFiles: 0 },
    },
    {
      name: 'a file that does not load is 1 failed, as none of its tests ran',
      report: { numPassedTests: 3, numFailedTests: 0, numFailedTestSuites: 1, numPendingTests: 0, testResults: [file('failed', []), file('passed', ['passed'])] },
      expected: { passed: 3, failed: 1, skipped: 0, brokenFiles: 1 },
    },
    {
      name: 'todo tests are skipped',
      report: { numPassedTests: 1, numFailedTests: 0, numPendingTests: 2, numTodoTests: 1, testResults: [file('passed', ['passed'])] },
      expected: { passed: 1, failed: 0, skipped: 3, brokenFiles: 0 },
    },
  ])('$name', ({ report, expected }) => {
    expect(summarizeVitest(report)).toEqual(expected);
  });
});
