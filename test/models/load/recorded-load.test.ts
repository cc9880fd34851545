import { describe, expect, test } from 'vitest';
import { parsePrometheusRange } from '../../../src/models/load/parse-prometheus-range.js';
import { parseCsvSeries } from '../../../src/models/load/parse-csv-series.js';
import { medianSpacingMs, resampleSeries } from '../../../src/models/load/resample-series.js';
import { recordedLoad, type RecordedLoadOptions } from '../../../src/models/load/recorded-load.js';

/** A query_range response as Prometheus returns it (values are strings, times are Unix seconds). */
function promResponse(series: { metric: Record<string, string>; values: [number, string][] }[]): string {
  return JSON.stringify({ status: 'success', data: { resultType: 'matrix', result: series } }, null, 2);
}

describe('parsePrometheusRange', () => {
  test('one series: times to ms, values to numbers', () => {
    const r = parsePrometheusRange(promResponse([{ metric: {}, values: [[1700000000, '12.5'], [1700000060, '13']] }]));
    expect(r.ok && r.series).toEqual({ timesMs: [1700000000000, 1700000060000], values: [12.5, 13] });
  });

  test('several series (one per pod) are summed point by point, with a note', () => {
    const r = parsePrometheusRange(
      promResponse([
        { metric: { pod: 'a' }, values: [[100, '1'], [160, '2']] },
        { metric: { pod: 'b' }, values: [[100, '10'], [160, '20']] },
      ]),
    );
    // 1 + 10 = 11 at 100 s, 2 + 20 = 22 at 160 s.
    expect(r.ok && r.series.values).toEqual([11, 22]);
    expect(r.ok && r.notes).toContain('summed 2 series point by point');
  });

  test('select keeps only the series whose labels match', () => {
    const r = parsePrometheusRange(
      promResponse([
        { metric: { service: 'checkout' }, values: [[100, '1'], [160, '2']] },
        { metric: { service: 'payments' }, values: [[100, '10'], [160, '20']] },
      ]),
      { service: 'payments' },
    );
    expect(r.ok && r.series.values).toEqual([10, 20]);
  });

  test('NaN samples are skipped and counted', () => {
    const r = parsePrometheusRange(promResponse([{ metric: {}, values: [[100, '1'], [160, 'NaN'], [220, '3']] }]));
    expect(r.ok && r.series.timesMs).toEqual([100_000, 220_000]);
    expect(r.ok && r.notes).toContain('skipped 1 sample(s) that were not finite numbers');
  });

  test.each([
    { name: 'an instant query (vector) is refused', text: JSON.stringify({ status: 'success', data: { resultType: 'vector', result: [] } }), path: 'data.resultType' },
    { name: 'a failed query is refused', text: JSON.stringify({ status: 'error', data: {} }), path: 'status' },
    { name: 'no matching series', text: promResponse([]), path: 'data.result' },
    { name: 'a bad pair names its index', text: promResponse([{ metric: {}, values: [[100, '1'], ['x' as unknown as number, '2']] }]), path: 'data.result[0].values[1]' },
  ])('$name', ({ text, path }) => {
    const r = parsePrometheusRange(text);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.issues[0]!.path).toBe(path);
  });

  test('a JSON syntax error has a line and column', () => {
    // "}}" closes data and the root on line 3, so the last "}" (offset 19) is the error: line 4, column 1.
    const r = parsePrometheusRange('{\n  "data": {\n  }}\n}');
    expect(r.ok).toBe(false);
    expect(!r.ok && r.issues[0]).toMatchObject({ line: 4, column: 1 });
  });
});

describe('parseCsvSeries', () => {
  test('header, Unix seconds and a comment', () => {
    const r = parseCsvSeries('timestamp,value\n# exported from Grafana\n1700000000,5\n1700000060,7.5\n');
    expect(r.ok && r.series).toEqual({ timesMs: [1700000000000, 1700000060000], values: [5, 7.5] });
  });

  test('Unix milliseconds, semicolons, unsorted rows', () => {
    const r = parseCsvSeries('1700000060000;2\n1700000000000;1\n');
    expect(r.ok && r.series).toEqual({ timesMs: [1700000000000, 1700000060000], values: [1, 2] });
  });

  test('ISO 8601 without an offset is UTC', () => {
    // 2024-01-01T00:00:00Z is 1704067200 s after the epoch.
    const r = parseCsvSeries('time,rps\n2024-01-01T00:00:00,3\n2024-01-01 00:01:00,4\n2024-01-01T01:01:00+01:00,5\n');
    expect(r.ok && r.series.timesMs).toEqual([1704067200000, 1704067260000]);
    // 01:01 at +01:00 is 00:01 UTC: the same instant as the second row, so the two merge by their mean.
    expect(r.ok && r.series.values).toEqual([3, 4.5]);
  });

  test('a bad value names its line and column', () => {
    const r = parseCsvSeries('t,v\n100,1\n160,abc\n');
    expect(r.ok).toBe(false);
    expect(!r.ok && r.issues[0]).toMatchObject({ line: 3, column: 5, message: 'not a number: "abc"' });
  });

  test('a bad time after the header names its line', () => {
    const r = parseCsvSeries('t,v\n100,1\nyesterday,2\n');
    expect(!r.ok && r.issues[0]).toMatchObject({ line: 3, column: 1 });
  });
});

describe('resampleSeries', () => {
  const series = { timesMs: [0, 10_000, 20_000, 30_000], values: [1, 2, 3, 4] };

  test('downsampling averages the samples within half an interval of each grid point', () => {
    // Grid 0 s and 20 s (30 s is past the last full step): [-10, 10) holds 1; [10, 30) holds 2 and 3.
    expect(resampleSeries(series, 20_000)).toEqual([1, 2.5]);
  });

  test('upsampling interpolates linearly', () => {
    expect(resampleSeries(series, 5_000)).toEqual([1, 1.5, 2, 2.5, 3, 3.5, 4]);
  });

  test('gaps are filled by interpolation', () => {
    expect(resampleSeries({ timesMs: [0, 10_000, 40_000], values: [0, 10, 40] }, 10_000)).toEqual([0, 10, 20, 30, 40]);
  });

  test('median spacing is the recording step, robust to one gap', () => {
    expect(medianSpacingMs({ timesMs: [0, 15_000, 30_000, 90_000, 105_000], values: [0, 0, 0, 0, 0] })).toBe(15_000);
  });
});

describe('recordedLoad', () => {
  const options: RecordedLoadOptions = { quantity: 'requestRate', intervalMs: null, scale: 1, cpuPerRequestMs: 20, baselineCores: 0, shiftMs: 0, loop: true, source: 'x.csv', noise: 'poisson' };
  const cores = { timesMs: [0, 60_000], values: [2.5, 4.5] };

  test('a CPU-usage trace becomes requests/s at the stated CPU cost per request', () => {
    // (2.5 - 0.5) cores / 0.020 s = 100 rps; (4.5 - 0.5) / 0.020 = 200 rps; then x 1.5.
    const load = recordedLoad(cores, { ...options, quantity: 'cpuUsage', baselineCores: 0.5, scale: 1.5 });
    expect(load.rps).toEqual([150, 300]);
    expect(load.intervalMs).toBe(60_000);
  });

  test('a request rate is scaled and kept non-negative', () => {
    expect(recordedLoad({ timesMs: [0, 1000], values: [-1, 10] }, { ...options, scale: 2 }).rps).toEqual([0, 20]);
  });
});
