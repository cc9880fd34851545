import { beforeAll, describe, expect, test } from 'vitest';
import { buildChartData } from '../../src/report/html/chart-data.js';
import { chartSeries, selectSeries, type SeriesMode } from '../../src/report/series-selection.js';
import type { ComparisonResult } from '../../src/report/comparison.js';
import { smallCompare } from './small-compare.js';

describe('series kept by --series', () => {
  let r: ComparisonResult;
  beforeAll(async () => {
    r = await smallCompare({ seeds: 1 });
  });
  const charted = (mode: SeriesMode) => buildChartData({ ...r, runs: { before: chartSeries(r.runs.before, mode), after: chartSeries(r.runs.after, mode) } });

  test('workloads: the run is passed through unchanged', () => {
    expect(selectSeries(r.runs.before, 'workloads')).toBe(r.runs.before);
    expect(charted('workloads')).toEqual(buildChartData(r));
  });

  test('pools: the HTML draws the cluster group only, on the full time axis', () => {
    const c = charted('pools');
    expect(c.groups.map((g) => g.title)).toEqual(['Cluster']);
    expect(c.hours).toHaveLength(r.runs.before.series.timeMs.length);
  });

  test('none: no chart at all, and the JSON run has no series key', () => {
    expect(charted('none').groups).toEqual([]);
    expect('series' in selectSeries(r.runs.after, 'none')).toBe(false);
  });
});
