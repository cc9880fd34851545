import { describe, expect, test } from 'vitest';
import { pairedInterval, studentT } from '../../src/report/paired-interval.js';
import { RandomStreams, standardNormal } from '../../src/engine/index.js';

describe('Student t quantiles', () => {
  // Two-sided 95 % critical values from any printed t table (e.g. NIST/SEMATECH e-Handbook 1.3.6.7.2).
  test.each([
    [1, 12.706],
    [2, 4.303],
    [4, 2.776],
    [9, 2.262],
    [29, 2.045],
  ])('t(0.975, df=%d) = %f', (df, expected) => {
    expect(studentT(0.975, df)).toBeCloseTo(expected, 3);
  });

  test('t(0.995, df=4) = 4.604 (99 % two-sided)', () => {
    expect(studentT(0.995, 4)).toBeCloseTo(4.604, 3);
  });
});

describe('paired interval', () => {
  test('hand-computed case', () => {
    // Differences 1, 2, 3, 4, 5: mean 3, s = sqrt(2.5) = 1.5811, s/sqrt(5) = 0.70711,
    // t(0.975, 4) = 2.7764 -> half width 1.9632.
    const i = pairedInterval([1, 2, 3, 4, 5]);
    expect(i.mean).toBe(3);
    expect(i.sd).toBeCloseTo(1.58114, 5);
    expect(i.low).toBeCloseTo(3 - 1.96324, 4);
    expect(i.high).toBeCloseTo(3 + 1.96324, 4);
  });

  test('covers the true mean about 95 % of the time (coverage on a known answer)', () => {
    // 2000 experiments of 5 normal differences with true mean 0.7 and sd 2. The number of
    // covering intervals is Binomial(2000, 0.95): mean 1900, sd 9.7, so [1860, 1940] is +-4 sd.
    const rng = new RandomStreams(11).stream('coverage');
    let covered = 0;
    for (let k = 0; k < 2000; k++) {
      const d = Array.from({ length: 5 }, () => 0.7 + 2 * standardNormal(rng.next));
      const i = pairedInterval(d);
      if (i.low <= 0.7 && 0.7 <= i.high) covered++;
    }
    expect(covered).toBeGreaterThan(1860);
    expect(covered).toBeLessThan(1940);
  });

  test('one pair has no spread', () => {
    expect(pairedInterval([4])).toEqual({ mean: 4, low: 4, high: 4, n: 1, sd: 0 });
  });
});
