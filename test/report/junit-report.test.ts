import { beforeAll, describe, expect, test } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validateXML } from 'xmllint-wasm';
import { renderJunit } from '../../src/report/junit-report.js';
import type { ComparisonResult } from '../../src/report/comparison.js';
import { main } from '../../src/cli/main.js';
import type { CommandIo } from '../../src/cli/io.js';
import { smallCompare, SMALL_CHANGE } from './small-compare.js';

const XSD = readFileSync('test/fixtures/junit/junit.xsd', 'utf8');

async function validate(xml: string): Promise<{ valid: boolean; errors: string[] }> {
  const result = await validateXML({ xml: [{ fileName: 'report.xml', contents: xml }], schema: [{ fileName: 'junit.xsd', contents: XSD }] });
  return { valid: result.valid, errors: result.errors.map((e) => e.rawMessage) };
}

/** Attributes of every element with this tag, in document order (the output is flat and regular). */
function elements(xml: string, tag: string): Record<string, string>[] {
  return [...xml.matchAll(new RegExp(`<${tag}((?:\\s+[\\w.-]+="[^"]*")*)\\s*/?>`, 'g'))].map((m) =>
    Object.fromEntries([...m[1]!.matchAll(/([\w.-]+)="([^"]*)"/g)].map((a) => [a[1]!, a[2]!])),
  );
}

// Outcomes known without running anything:
// - nodes.peak <= 20 holds: the only pool has maxNodes 6, so no run can bill more than 6 nodes.
// - nodes.peak >= 7 is violated for the same reason.
// - cost.monthly.delta <= 0% is violated: after, the HPA aims at 80 % of 800m = 640m per pod on
//   200 rps x 20 ms = 4 cores, ceil(4000 / 640) = 7 pods x 800m = 5.6 cores requested, more than
//   one e2-standard-4 (3.92 allocatable) holds, so the after run bills a second node for a while.
const ASSERTIONS = ['nodes.peak <= 20', 'cost.monthly.delta <= 0%', 'nodes.peak >= 7'];

describe('renderJunit', () => {
  let r: ComparisonResult;
  let xml: string;
  beforeAll(async () => {
    r = await smallCompare({ assertions: ASSERTIONS });
    xml = renderJunit(r, { timeSeconds: 1.25 });
  });

  test('is valid against the Ant/Jenkins JUnit schema', async () => {
    expect(await validate(xml)).toEqual({ valid: true, errors: [] });
  });

  test('the schema check rejects a suite without its failure count and a time with a unit', async () => {
    const broken = xml.replace(/(<testsuite [^>]*?) failures="\d+"/, '$1').replace('time="1.250">', 'time="1.25s">');
    const result = await validate(broken);
    expect(result.valid).toBe(false);
    expect(result.errors.join('\n')).toMatch(/failures/);
    expect(result.errors.join('\n')).toMatch(/1\.25s/);
  });

  test('one test case per assertion, named by its text, classname = the scenario name', () => {
    const cases = elements(xml, 'testcase');
    expect(cases.map((c) => c.name)).toEqual(['nodes.peak &lt;= 20', 'cost.monthly.delta &lt;= 0%', 'nodes.peak &gt;= 7']);
    expect(new Set(cases.map((c) => c.classname))).toEqual(new Set(['small-change']));
  });

  test('the suite counts 3 tests and 2 failures, with the time given', () => {
    const [suite] = elements(xml, 'testsuite');
    expect(suite).toMatchObject({ name: 'whatif compare: small-change', tests: '3', failures: '2', errors: '0', skipped: '0', time: '1.250' });
    expect(elements(xml, 'testsuites')[0]).toMatchObject({ tests: '3', failures: '2', errors: '0' });
  });

  test('a violated assertion is a failure whose message names the measured value and the threshold', () => {
    const failures = elements(xml, 'failure');
    expect(failures).toHaveLength(2);
    expect(failures[0]!.message).toMatch(/^cost\.monthly\.delta &lt;= 0%: measured \+\d+(\.\d)?% \(one seed\) violates &lt;= \+0\.0%$/);
    // The peak is at most maxNodes 6, shown as a whole number against the threshold 7.
    expect(failures[1]!.message).toMatch(/^nodes\.peak &gt;= 7: measured [1-6] \(one seed\) violates &gt;= 7$/);
    expect(failures.map((f) => f.type)).toEqual(['AssertionViolated', 'AssertionViolated']);
    expect(xml).toContain('threshold: 7\n');
  });

  test('without a time the output is deterministic (time 0), so two renders are identical', () => {
    expect(renderJunit(r)).toBe(renderJunit(r));
    expect(elements(renderJunit(r), 'testsuite')[0]!.time).toBe('0');
  });

  test('markup and control characters in texts are escaped and the result stays valid', async () => {
    const odd: ComparisonResult = {
      ...r,
      scenario: { ...r.scenario, name: 'a "quoted" & <tagged> name' },
      assertions: [
        { text: 'x < 1 & y > 2', pass: false, measured: 3, threshold: 1, unit: 'count', relative: false, message: 'line one\nline "two"\u0007 </failure>' },
        { text: 'typo.metric <= 1', pass: false, measured: null, threshold: NaN, unit: null, relative: false, message: 'unknown metric "typo.metric"' },
      ],
    };
    const out = renderJunit(odd);
    expect(await validate(out)).toEqual({ valid: true, errors: [] });
    expect(elements(out, 'testcase')[0]).toMatchObject({ name: 'x &lt; 1 &amp; y &gt; 2', classname: 'a &quot;quoted&quot; &amp; &lt;tagged&gt; name' });
    expect(elements(out, 'failure')[0]!.message).toBe('line one&#10;line &quot;two&quot;\uFFFD &lt;/failure&gt;');
    // A text that does not parse could not be evaluated: an error, not a failure.
    expect(elements(out, 'error')[0]).toMatchObject({ type: 'InvalidAssertion' });
    expect(elements(out, 'testsuite')[0]).toMatchObject({ tests: '2', failures: '1', errors: '1' });
  });

  test('no assertions: an empty suite, still valid', async () => {
    const out = renderJunit({ ...r, assertions: [] });
    expect(await validate(out)).toEqual({ valid: true, errors: [] });
    expect(elements(out, 'testsuite')[0]).toMatchObject({ tests: '0', failures: '0' });
  });
});

describe('whatif compare --junit --markdown --html', () => {
  test('writes all three files before printing and exits 1 when an assertion fails', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'whatif-report-'));
    const scenario = join(dir, 'scenario.yaml');
    const text = readFileSync(SMALL_CHANGE, 'utf8').replace(/  assert:\n(    - .*\n)+/, '  assert:\n    - "nodes.peak >= 7"\n');
    writeFileSync(scenario, text);
    let out = '';
    const io: CommandIo = { stdout: (s) => void (out += s), stderr: () => {}, stdoutIsTty: false, stderrIsTty: false, env: {} };
    const files = { junit: join(dir, 'r.xml'), markdown: join(dir, 'r.md'), html: join(dir, 'r.html') };
    const code = await main(['compare', scenario, '--seeds', '1', '--junit', files.junit, '--markdown', files.markdown, '--html', files.html], io);
    expect(code).toBe(1);
    expect(out).toMatch(/FAIL nodes\.peak >= 7/);
    const xml = readFileSync(files.junit, 'utf8');
    expect(await validate(xml)).toEqual({ valid: true, errors: [] });
    expect(elements(xml, 'testsuite')[0]).toMatchObject({ tests: '1', failures: '1' });
    expect(Number(elements(xml, 'testsuite')[0]!.time)).toBeGreaterThan(0);
    expect(readFileSync(files.markdown, 'utf8')).toMatch(/^<!-- kube-whatif-report -->\n### ❌ /);
    expect(readFileSync(files.html, 'utf8')).toMatch(/^<!DOCTYPE html>/);
  });
});
