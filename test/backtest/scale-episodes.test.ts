import { describe, expect, test } from 'vitest';
import { matchEpisodes, scaleEpisodes } from '../../src/backtest/scale-episodes.js';

const t = (...s: number[]) => s.map((x) => x * 1000);

describe('scaleEpisodes', () => {
  test('changes in one direction less than the gap apart are one episode', () => {
    // 2 -> 6 -> 9 -> 10 within 20 s is one scale-up; 10 -> 2 four minutes later is a scale-down.
    const e = scaleEpisodes(t(0, 10, 20, 30, 270), [2, 6, 9, 10, 2], 60_000);
    expect(e).toEqual([
      { direction: 'up', startMs: 10_000, endMs: 30_000, from: 2, to: 10 },
      { direction: 'down', startMs: 270_000, endMs: 270_000, from: 10, to: 2 },
    ]);
  });

  test('a null sample is skipped, not read as a change', () => {
    expect(scaleEpisodes(t(0, 10, 20), [3, null, 3], 60_000)).toEqual([]);
  });
});

describe('matchEpisodes', () => {
  const recorded = scaleEpisodes(t(0, 100, 400), [2, 10, 2], 60_000);
  test.each([
    // Up 30 s early, down 50 s late: score (30 + 50) / 2 = 40 s.
    { name: 'both matched', predicted: scaleEpisodes(t(0, 70, 450), [2, 10, 2], 60_000), matched: 2, missed: 0, extra: 0, scoreS: 40 },
    // Nothing predicted: each recorded episode costs the tolerance (600 s).
    { name: 'a constant prediction misses every episode', predicted: [], matched: 0, missed: 2, extra: 0, scoreS: 600 },
    // Down matched exactly, up matched 0 s, an extra up/down pair at 1000/1010: (0 + 0 + 2 x 600) / 2.
    { name: 'extra episodes cost the tolerance each', predicted: scaleEpisodes(t(0, 100, 400, 1000, 1070), [2, 10, 2, 3, 2], 60_000), matched: 2, missed: 0, extra: 2, scoreS: 600 },
  ])('$name', ({ predicted, matched, missed, extra, scoreS }) => {
    const m = matchEpisodes(recorded, predicted, 600_000);
    expect(m.matched.length).toBe(matched);
    expect(m.missed.length).toBe(missed);
    expect(m.extra.length).toBe(extra);
    expect(m.timingScoreMs / 1000).toBeCloseTo(scoreS, 9);
  });
});
