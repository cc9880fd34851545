import { describe, expect, test } from 'vitest';
import { readRecordings } from '../../src/calibrate/read-recordings.js';

/** An in-memory folder: name -> text. */
function folder(files: Record<string, string>) {
  const paths = Object.keys(files).map((n) => `/rec/${n}`);
  return {
    readText: (p: string) => files[p.replace('/rec/', '')],
    listFiles: (p: string) => (p === '/rec' ? paths : undefined),
  };
}
const csv = (rows: [number, number][]) => `timestamp,value\n${rows.map(([t, v]) => `${t},${v}`).join('\n')}\n`;

describe('readRecordings', () => {
  test('throttled ratio from the two CFS counters, across a container restart and a scrape gap', () => {
    // Samples every 10 s. Periods grow by 100 per 10 s; throttled by 20, i.e. a ratio of 0.2.
    // At t=30 the container restarts: both counters count from zero (periods 100, throttled 20).
    // t=40 is missing: 30 -> 60 is a gap (30 s > 2.5 x 10 s), so nothing is computed across it.
    const periods: [number, number][] = [[0, 1000], [10, 1100], [20, 1200], [30, 100], [60, 400], [70, 500]];
    const throttled: [number, number][] = [[0, 500], [10, 520], [20, 540], [30, 20], [60, 80], [70, 100]];
    const { readText, listFiles } = folder({
      'web.cfs-periods-total.csv': csv(periods),
      'web.cfs-throttled-total.csv': csv(throttled),
      'web.rps.csv': csv([[0, 1], [10, 2]]),
    });
    const r = readRecordings('/rec', readText, listFiles);
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    const w = r.recordings.workloads[0]!;
    // Intervals ending at 10, 20, 30 (reset: 20/100) and 70: every one 0.2; none ends at 60.
    expect(w.throttledRatio!.timesMs).toEqual([10_000, 20_000, 30_000, 70_000]);
    w.throttledRatio!.values.forEach((v) => expect(v).toBeCloseTo(0.2, 12));
    expect(r.recordings.notes).toEqual(
      expect.arrayContaining([
        'web.cfs-throttled-total: 1 counter reset(s) (a restart): the increase after each counts from zero',
        'web.cfs-periods-total: 1 gap(s) in the samples: no rate across them',
      ]),
    );
  });

  test('a bad sample is reported in its file with line and column, and nothing is read', () => {
    const { readText, listFiles } = folder({ 'web.rps.csv': 'timestamp,value\n0,1\n10,abc\n' });
    const r = readRecordings('/rec', readText, listFiles);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems).toEqual([expect.objectContaining({ file: '/rec/web.rps.csv', line: 3, column: 4, message: 'not a number: "abc"' })]);
  });

  test('an unknown series name is a warning, not an error', () => {
    const { readText, listFiles } = folder({ 'web.rps.csv': csv([[0, 1], [10, 2]]), 'web.memory.csv': csv([[0, 1], [10, 2]]) });
    const r = readRecordings('/rec', readText, listFiles);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.warnings[0]!.message).toMatch(/unknown series "memory"/);
  });

  test('a folder that does not exist is an error naming it', () => {
    const r = readRecordings('/nowhere', () => undefined, () => undefined);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems[0]!.message).toMatch(/cannot read the recordings folder \/nowhere/);
  });
});
