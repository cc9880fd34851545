import { describe, expect, test } from 'vitest';
import { counterRate } from '../../src/calibrate/counter-rate.js';

const s = (pairs: [number, number][]) => ({ timesMs: pairs.map((p) => p[0] * 1000), values: pairs.map((p) => p[1]) });

describe('counterRate', () => {
  test.each([
    {
      name: 'steady counter: increase over the interval per second',
      counter: s([[0, 100], [15, 130], [30, 160]]),
      // (130 - 100) / 15 s = 2/s, (160 - 130) / 15 = 2/s
      rates: [[15, 2], [30, 2]],
      resets: 0,
      gaps: 0,
    },
    {
      name: 'reset: a restarted container counts from zero, the new value is the increase',
      counter: s([[0, 100], [15, 130], [30, 15], [45, 45]]),
      // 30/15 = 2; reset -> 15/15 = 1; 30/15 = 2
      rates: [[15, 2], [30, 1], [45, 2]],
      resets: 1,
      gaps: 0,
    },
    {
      name: 'gap: no rate across a missing stretch longer than the limit',
      counter: s([[0, 0], [15, 30], [120, 240], [135, 270]]),
      // 30/15 = 2; 105 s > 40 s limit -> skipped; 30/15 = 2
      rates: [[15, 2], [135, 2]],
      resets: 0,
      gaps: 1,
    },
  ])('$name', ({ counter, rates, resets, gaps }) => {
    const r = counterRate(counter, 40_000);
    expect(r.series.timesMs).toEqual(rates.map((p) => p[0]! * 1000));
    r.series.values.forEach((v, i) => expect(v).toBeCloseTo(rates[i]![1]!, 12));
    expect(r.resets).toBe(resets);
    expect(r.gaps).toBe(gaps);
  });
});
