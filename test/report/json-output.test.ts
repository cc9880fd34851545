import { beforeAll, describe, expect, test } from 'vitest';
import { toJson } from '../../src/report/to-json.js';
import type { ComparisonResult } from '../../src/report/comparison.js';
import { smallCompare } from './small-compare.js';

/**
 * The shape of a value: objects by key, arrays as their length and the shape of their first item.
 * Keeps the time series out of the snapshot while pinning every key the JSON documents.
 */
function shape(v: unknown): unknown {
  if (Array.isArray(v)) return v.length === 0 ? '[]' : [`${v.length} x`, shape(v.find((x) => x !== null) ?? null)];
  if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, shape(x)]));
  return v === null ? 'null' : typeof v;
}

describe('--json output of the small compare', () => {
  let r: ComparisonResult;
  let json: Record<string, unknown>;
  beforeAll(async () => {
    r = await smallCompare({ seeds: 1 });
    json = JSON.parse(toJson(r));
  });

  test('snapshot of everything but the runs (summary, metrics, blast radius, assertions)', async () => {
    const { runs: _runs, ...summary } = json;
    await expect(toJson(summary)).toMatchFileSnapshot('__snapshots__/small-change.summary.json');
  });

  test('snapshot of the shape of runs (keys, series lengths)', async () => {
    await expect(toJson(shape(json.runs))).toMatchFileSnapshot('__snapshots__/small-change.runs-shape.json');
  });

  test('top-level keys in their documented order, schema version 1', () => {
    expect(Object.keys(json)).toEqual(['schemaVersion', 'scenario', 'change', 'verdict', 'cluster', 'workloads', 'containers', 'blastRadius', 'minorChanges', 'assertions', 'warnings', 'configuration', 'runs']);
    expect(json.schemaVersion).toBe(1);
  });

  test('2 h sampled every minute: 121 instants, and every series has one value per instant', () => {
    // duration 2h in the fixture; the recorder samples at 0, 60 s, ..., 7200 s: 7200 / 60 + 1 = 121.
    for (const run of [r.runs.before, r.runs.after]) {
      expect(run.series.timeMs).toHaveLength(121);
      expect(run.series.timeMs[120]).toBe(7_200_000);
      for (const w of Object.values(run.series.workloads)) for (const s of Object.values(w)) expect(s).toHaveLength(121);
      for (const p of Object.values(run.series.pools)) for (const s of Object.values(p)) expect(s).toHaveLength(121);
    }
  });
});
