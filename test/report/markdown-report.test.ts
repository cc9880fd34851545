import { beforeAll, describe, expect, test } from 'vitest';
import { renderMarkdown, MARKDOWN_REPORT_MARKER, MARKDOWN_MAX_EVENT_ROWS } from '../../src/report/markdown-report.js';
import type { ComparisonResult } from '../../src/report/comparison.js';
import type { HpaDecisionRecord } from '../../src/simulation/run-result.js';
import { smallCompare } from './small-compare.js';

// Outcomes known without running: see junit-report.test.ts (maxNodes 6 bounds nodes.peak; the
// after configuration needs a second node, so cost rises).
const ASSERTIONS = ['nodes.peak <= 20', 'cost.monthly.delta <= 0%', 'nodes.peak >= 7'];

/** Unescaped pipes on a line: the cell separators of a GFM table row. */
function cellSeparators(line: string): number {
  return (line.match(/(?<!\\)\|/g) ?? []).length;
}

/** Every GFM table in the text (a block of lines starting with '|'). */
function tables(md: string): string[][] {
  const out: string[][] = [];
  let current: string[] = [];
  for (const line of md.split('\n')) {
    if (line.startsWith('|')) current.push(line);
    else if (current.length) out.push(current), (current = []);
  }
  return out;
}

describe('renderMarkdown', () => {
  let r: ComparisonResult;
  let md: string;
  beforeAll(async () => {
    r = await smallCompare({ seeds: 2, assertions: ASSERTIONS });
    md = renderMarkdown(r);
  });

  test('snapshot of the small compare (2 seeds)', async () => {
    await expect(md).toMatchFileSnapshot('__snapshots__/small-change.md');
  });

  test('starts with the marker a CI job uses to find its earlier comment, then the verdict', () => {
    const [marker, heading] = md.split('\n');
    expect(marker).toBe(MARKDOWN_REPORT_MARKER);
    expect(heading).toBe('### ❌ kube-whatif: small-change: FAIL: 2 of 3 assertions violated');
  });

  test('summary first: change, cost, blast radius and failed assertions come before any folded block', () => {
    const firstFold = md.indexOf('<details>');
    for (const part of ['**Change:**', '| cost per month |', '| nodes at peak |', '**Blast radius', '**Failed assertions:**']) {
      expect(md.indexOf(part), part).toBeGreaterThan(0);
      expect(md.indexOf(part), part).toBeLessThan(firstFold);
    }
    // Only the violated ones are listed in the summary; all three are in the folded list.
    const summary = md.slice(0, firstFold);
    expect(summary).toContain('`cost.monthly.delta <= 0%`');
    expect(summary).toContain('`nodes.peak >= 7`');
    expect(summary).not.toContain('`nodes.peak <= 20`');
  });

  test('with two seeds the cost delta carries its 95% interval', () => {
    expect(md).toMatch(/\| cost per month \| \$[\d.]+ \| \$[\d.]+ \| \+\$[\d.]+ \(\+[\d.]+%\) \[[+-]\$[\d.]+, [+-]\$[\d.]+\] \|/);
  });

  test('the details are folded blocks with the blank line GitHub and GitLab need to render Markdown inside', () => {
    const opens = md.match(/<details>/g)?.length ?? 0;
    expect(opens).toBe(md.match(/<\/details>/g)?.length);
    // All workloads, scaling of api, HPA decisions, node scale events, assertions.
    expect(opens).toBe(5);
    expect(md.match(/<summary>[^\n]*<\/summary>\n\n/g)?.length).toBe(opens);
    for (const title of ['All workloads (2)', 'Scaling of api (changed)', 'HPA decisions of api', 'Node scale events', 'Assertions (3)']) {
      expect(md).toContain(`<summary>${title}`);
    }
  });

  test('every table row has as many cells as its header', () => {
    const all = tables(md);
    expect(all.length).toBeGreaterThanOrEqual(4);
    for (const t of all) for (const row of t) expect(cellSeparators(row), row).toBe(cellSeparators(t[0]!));
  });

  test('pipes and HTML in messages cannot break a table or inject markup', () => {
    const decision: HpaDecisionRecord = { timeMs: 60_000, from: 2, to: 3, reason: 'SuccessfulRescale', limitedReason: 'DesiredWithinRange', message: 'a | b <img src=x onerror=alert(1)>' };
    const hostile: ComparisonResult = { ...r, runs: { ...r.runs, after: { ...r.runs.after, hpaDecisions: { api: [decision] } } } };
    const out = renderMarkdown(hostile);
    expect(out).not.toContain('<img');
    const row = out.split('\n').find((l) => l.includes('onerror'))!;
    expect(row).toBe('| 00:01 | api | 2 → 3 | SuccessfulRescale | DesiredWithinRange | a \\| b &lt;img src=x onerror=alert(1)> |');
    const header = out.split('\n').find((l) => l.startsWith('| time | workload |'))!;
    expect(cellSeparators(row)).toBe(cellSeparators(header));
  });

  test(`long event lists are cut at ${MARKDOWN_MAX_EVENT_ROWS} rows per run with a count of the rest`, () => {
    // 45 decisions: 40 shown, "and 5 more".
    const many: HpaDecisionRecord[] = Array.from({ length: 45 }, (_, i) => ({ timeMs: i * 60_000, from: i + 1, to: i + 2, reason: 'SuccessfulRescale', limitedReason: 'DesiredWithinRange', message: `step ${i}` }));
    const out = renderMarkdown({ ...r, runs: { ...r.runs, after: { ...r.runs.after, hpaDecisions: { api: many } } } });
    expect(out).toContain('| step 39 |');
    expect(out).not.toContain('| step 40 |');
    expect(out).toContain('… and 5 more (all of them are in the --json output).');
  });

  test('a passing compare without blast radius says so in one line each', () => {
    const out = renderMarkdown({ ...r, verdict: 'pass', blastRadius: [], assertions: [r.assertions[0]!] });
    expect(out.split('\n')[1]).toBe('### ✅ kube-whatif: small-change: PASS: 1 assertion holds');
    expect(out).toContain('**Blast radius:** none: no unrelated workload got significantly worse.');
    expect(out).not.toContain('**Failed assertions:**');
  });
});
