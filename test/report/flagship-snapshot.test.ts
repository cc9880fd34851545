import { beforeAll, describe, expect, test } from 'vitest';
import { loadScenario } from '../../src/scenario/load-scenario.js';
import { compareLoaded } from '../../src/cli/commands/compare.js';
import { validateAssertion } from '../../src/cli/validate-assertion.js';
import { renderMarkdown } from '../../src/report/markdown-report.js';
import { toJson } from '../../src/report/to-json.js';
import type { ComparisonResult } from '../../src/report/comparison.js';
import type { CommandIo } from '../../src/cli/io.js';

const quiet: CommandIo = { stdout: () => {}, stderr: () => {}, stdoutIsTty: false, stderrIsTty: false, env: {} };

/**
 * Snapshots of the flagship compare (one seed, to keep the suite quick): the Markdown posted to a
 * merge request and the JSON summary. A change in them is a change in what users read; update
 * deliberately with `npx vitest run test/report/flagship-snapshot.test.ts -u` and review the diff.
 * The numbers' correctness is checked elsewhere against independent derivations; these pin them.
 */
describe('flagship compare snapshots', () => {
  let r: ComparisonResult;
  beforeAll(async () => {
    const loaded = loadScenario('scenarios/payments-maxreplicas.yaml', { validateAssertion });
    if (!loaded.ok) throw new Error(loaded.problems.map((p) => p.message).join('\n'));
    r = await compareLoaded(loaded.value, { seeds: 1, workers: 1 }, quiet);
  }, 120_000);

  test('Markdown', async () => {
    await expect(renderMarkdown(r)).toMatchFileSnapshot('__snapshots__/payments-maxreplicas.md');
  });

  test('JSON summary (everything but the per-run series)', async () => {
    const { runs: _runs, ...summary } = JSON.parse(toJson(r)) as Record<string, unknown>;
    await expect(toJson(summary)).toMatchFileSnapshot('__snapshots__/payments-maxreplicas.summary.json');
  });

  test('what the incident showed: more nodes, higher cost, more throttling of an unrelated service', () => {
    expect(r.cluster['nodes.peak']!.after!).toBeGreaterThan(r.cluster['nodes.peak']!.before!);
    expect(r.cluster['cost.monthly']!.after!).toBeGreaterThan(r.cluster['cost.monthly']!.before!);
    expect(r.blastRadius.map((b) => b.workload)).toContain('search');
    expect(r.verdict).toBe('fail');
  });
});
