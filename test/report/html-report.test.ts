import { beforeAll, describe, expect, test } from 'vitest';
import { renderHtml } from '../../src/report/html-report.js';
import { readChartLibrary, type ChartLibrary } from '../../src/report/html/chart-library.js';
import { alignTimes, buildChartData, type ChartData } from '../../src/report/html/chart-data.js';
import type { ComparisonResult } from '../../src/report/comparison.js';
import { smallCompare } from './small-compare.js';

function chartData(html: string): ChartData {
  const m = /<script type="application\/json" id="whatif-chart-data">([^<]*)<\/script>/.exec(html);
  return JSON.parse(m![1]!) as ChartData;
}

describe('renderHtml', () => {
  let r: ComparisonResult;
  let lib: ChartLibrary;
  let html: string;
  beforeAll(async () => {
    r = await smallCompare({ seeds: 1 });
    lib = readChartLibrary();
    html = renderHtml(r, lib);
  });

  test('is self-contained: no external script, stylesheet, image or font', () => {
    expect(html).not.toMatch(/<link\b/i);
    expect(html).not.toMatch(/\b(src|href)\s*=/i);
    expect(html).not.toMatch(/url\(\s*['"]?(https?:)?\/\//i);
    expect(html).not.toMatch(/@import/i);
  });

  test('inlines the installed charting library (uPlot) and its stylesheet', () => {
    expect(lib.name).toBe('uPlot');
    expect(lib.script).toMatch(/^\/\*! https:\/\/github\.com\/leeoniya\/uPlot/);
    expect(html).toContain(lib.script);
    expect(html).toContain(lib.css);
  });

  test('one chart slot per chart: cluster (nodes, cost) and four per workload (replicas, throttling, latency, CPU)', () => {
    // 2 workloads in the fixture: 2 + 4 x 2 = 10.
    expect(html.match(/class="chart" data-group=/g)).toHaveLength(10);
    const data = chartData(html);
    expect(data.groups.map((g) => g.title)).toEqual(['Cluster', 'api', 'web']);
    expect(data.groups[1]!.tag).toBe('changed');
  });

  test('the charted series are the runs\' own samples, before and after on one time axis', () => {
    const data = chartData(html);
    const times = r.runs.before.series.timeMs;
    expect(data.hours).toHaveLength(times.length);
    expect(data.hours[data.hours.length - 1]).toBe(2); // the fixture runs 2h
    const nodes = data.groups[0]!.charts[0]!;
    expect(nodes.series.map((s) => s.label)).toEqual(['before', 'after']);
    expect(nodes.series[0]!.values).toEqual(r.runs.before.series.pools.shared!.nodes);
    expect(nodes.series[1]!.values).toEqual(r.runs.after.series.pools.shared!.nodes);
    // Throttling is charted in percent.
    const throttled = data.groups[1]!.charts[1]!;
    expect(throttled.unit).toBe('percent');
    const raw = r.runs.after.series.workloads.api!.throttledRatio;
    throttled.series[1]!.values.forEach((v, i) => (raw[i] === null ? expect(v).toBeNull() : expect(v).toBeCloseTo(raw[i]! * 100, 1)));
  });

  test('names cannot close the data script or inject markup', () => {
    const hostile: ComparisonResult = { ...r, scenario: { ...r.scenario, name: '</script><script>alert(1)</script>' } };
    const out = renderHtml(hostile, lib);
    expect(out).not.toContain('<script>alert(1)');
    expect(out).toContain('&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(out.match(/<script\b/g)).toHaveLength(3);
  });

  test('verdict banner and every assertion with its outcome', () => {
    expect(html).toContain('<div class="verdict pass">PASS: 1 assertion holds</div>');
    expect(html).toContain('<span class="badge pass">PASS</span><code>nodes.peak &lt;= 20</code>');
  });
});

describe('alignTimes', () => {
  test.each([
    { name: 'same instants: one axis, indices line up', before: [0, 60, 120], after: [0, 60, 120], times: [0, 60, 120], b: [0, 1, 2], a: [0, 1, 2] },
    { name: 'after ran one sample longer: gap in before', before: [0, 60], after: [0, 60, 120], times: [0, 60, 120], b: [0, 1, -1], a: [0, 1, 2] },
    { name: 'interleaved instants: the union, sorted', before: [0, 120], after: [60, 120], times: [0, 60, 120], b: [0, -1, 1], a: [-1, 0, 1] },
  ])('$name', ({ before, after, times, b, a }) => {
    const axis = alignTimes(before, after);
    expect(axis.times).toEqual(times);
    expect(axis.beforeIndex).toEqual(b);
    expect(axis.afterIndex).toEqual(a);
    expect(axis.pick(axis.beforeIndex, before.map((t) => t / 60))).toEqual(b.map((i) => (i < 0 ? null : before[i]! / 60)));
  });
});

describe('buildChartData', () => {
  test('blast-radius workloads after the changed one, the fourth and later folded', async () => {
    const r = await smallCompare({ seeds: 1 });
    const entry = (workload: string) => ({ workload, severity: 1, causes: [`${workload} got worse`], throttledRatio: { before: 0, after: 0 }, latencyP99Ms: { before: 0, after: 0 }, sloViolationMinutes: { before: 0, after: 0 } });
    const data = buildChartData({ ...r, blastRadius: ['web', 'web', 'web', 'web'].map(entry) });
    expect(data.groups.map((g) => [g.title, g.tag, g.folded])).toEqual([
      ['Cluster', '', false],
      ['api', 'changed', false],
      ['web', 'blast radius', false],
      ['web', 'blast radius', false],
      ['web', 'blast radius', false],
      ['web', 'blast radius', true],
    ]);
    expect(data.groups[2]!.note).toBe('web got worse');
  });
});
