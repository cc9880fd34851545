import { describe, expect, test } from 'vitest';
import { join } from 'node:path';
import { cli, project, scenario } from './cli-helpers.js';
import { parseCsvSeries } from '../../src/models/load/parse-csv-series.js';
import { parsePrometheusRange } from '../../src/models/load/parse-prometheus-range.js';

const replay = (file: string) => scenario().replace('load: { type: constant, rps: 10 }', `load: { type: replay, file: ${file} }`);

async function runWith(file: string, text: string) {
  const dir = project({ 'scenario.yaml': replay(file), [file]: text });
  return cli(['run', join(dir, 'scenario.yaml')]);
}

/** A query_range response with one series per entry of `series`. */
const prometheus = (series: (readonly [number, string])[][]) =>
  JSON.stringify({ status: 'success', data: { resultType: 'matrix', result: series.map((values, i) => ({ metric: { pod: `p${i}` }, values })) } }, null, 1);

describe('recorded load: times and values are checked with their line', () => {
  test('a mistyped timestamp (a digit too many) is an error at its line, not an out-of-memory crash', async () => {
    // 17000000120 s is the year 2508: outside 2000..2100, so a typo rather than a recording.
    const r = await runWith('load.csv', 'time,rps\n1700000000,10\n1700000060,12\n17000000120,14\n');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/load\.csv:4:1: error: recorded load \(csv\): "17000000120": time 2508-09-16T06:15:20\.000Z is outside the plausible range 2000-01-01 \.\. 2100-01-01/);
  });

  test('a negative value is an error at its line and column', async () => {
    const r = await runWith('load.csv', 'time,rps\n1700000000,10\n1700000060,-3\n');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/load\.csv:3:12: error: recorded load \(csv\): a rate or a CPU usage cannot be negative: "-3"/);
  });

  test('a non-numeric Prometheus value is an error at its line; NaN and Inf, which Prometheus writes, are skipped', async () => {
    const text = prometheus([[[1_700_000_000, '1'], [1_700_000_060, 'NaN'], [1_700_000_120, 'lots'], [1_700_000_180, '2']]]);
    const r = await runWith('load.json', text);
    expect(r.code).toBe(2);
    const line = text.split('\n').findIndex((l) => l.includes('"lots"')) + 1;
    expect(r.err).toMatch(new RegExp(`load\\.json:${line}:\\d+: error: data\\.result\\[0\\]\\.values\\[2\\]\\[1\\]: recorded load \\(prometheus\\): not a number: "lots"`));
    expect(r.err).not.toMatch(/NaN/);
  });

  test('a negative Prometheus value and an implausible Prometheus time are errors', () => {
    const r = parsePrometheusRange(prometheus([[[1_700_000_000, '1'], [1_700_000_060, '-1'], [17_000_000_000, '2']]]), {}, { plausibleMs: [Date.UTC(2000, 0, 1), Date.UTC(2100, 0, 1)] });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.issues.map((i) => [i.path, i.message.slice(0, 40)])).toEqual([
        ['data.result[0].values[1][1]', 'a rate or a CPU usage cannot be negative'],
        ['data.result[0].values[2][0]', 'time 2508-09-16T06:13:20.000Z is outside'],
      ]);
    }
  });

  test('duplicate timestamps are averaged in CSV and within one Prometheus series alike, and said so', () => {
    // Times 0, 60, 60, 120 s (+1.7e9) with values 2, 4, 8, 6: the two at 60 s average to 6.
    const times = [1_700_000_000, 1_700_000_060, 1_700_000_060, 1_700_000_120];
    const values = [2, 4, 8, 6];
    const csv = parseCsvSeries(`t,v\n${times.map((t, i) => `${t},${values[i]}`).join('\n')}\n`);
    const prom = parsePrometheusRange(prometheus([times.map((t, i) => [t, String(values[i])] as const)]));
    const expected = { timesMs: [1_700_000_000_000, 1_700_000_060_000, 1_700_000_120_000], values: [2, 6, 6] };
    expect(csv.ok && csv.series).toEqual(expected);
    expect(prom.ok && prom.series).toEqual(expected);
    expect(csv.ok && csv.notes).toContainEqual(expect.stringMatching(/^1 sample\(s\) repeat an earlier time.*averaged/));
    expect(prom.ok && prom.notes).toContainEqual(expect.stringMatching(/^1 sample\(s\) repeat an earlier time of their series.*averaged/));
  });

  test('several Prometheus series are still summed at each time', () => {
    // Series a: 1 at t0, 3 and 5 at t1 (mean 4); series b: 10 at t0 and t1. Sums: 11, 14.
    const r = parsePrometheusRange(prometheus([[[1_700_000_000, '1'], [1_700_000_060, '3'], [1_700_000_060, '5']], [[1_700_000_000, '10'], [1_700_000_060, '10']]]));
    expect(r.ok && r.series.values).toEqual([11, 14]);
  });

  test('an error message quotes at most a short excerpt of the file', () => {
    const long = 'x'.repeat(5000);
    const r = parseCsvSeries(`t,v\n1700000000,1\n${long},2\n`);
    expect(!r.ok && r.issues[0]!.message.length).toBeLessThan(120);
  });
});
