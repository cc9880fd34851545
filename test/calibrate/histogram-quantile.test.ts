import { describe, expect, test } from 'vitest';
import { histogramQuantile } from '../../src/calibrate/histogram-quantile.js';

// Cumulative buckets: 10 requests ≤ 0.1 s, 30 ≤ 0.2 s, 40 ≤ 0.4 s, 40 in all.
const buckets = [
  { le: 0.1, count: 10 },
  { le: 0.2, count: 30 },
  { le: 0.4, count: 40 },
  { le: Infinity, count: 40 },
];

// Expected values derived by hand from histogram_quantile's rule (promql/quantile.go): rank = q x
// total, the first bucket reaching it, linear interpolation between its bounds.
const cases: { name: string; q: number; buckets: { le: number; count: number }[]; expected: number | null }[] = [
  { name: 'median inside the second bucket: 0.1 + 0.1 x (20 - 10) / 20', q: 0.5, buckets, expected: 0.15 },
  { name: 'rank equal to the first bucket count: its upper bound', q: 0.25, buckets, expected: 0.1 },
  { name: 'p90 in the third bucket: 0.2 + 0.2 x (36 - 30) / 10', q: 0.9, buckets, expected: 0.32 },
  { name: 'the first bucket starts at 0: 0.1 x 4 / 10', q: 0.1, buckets, expected: 0.04 },
  { name: 'buckets given out of order are sorted', q: 0.5, buckets: [...buckets].reverse(), expected: 0.15 },
  { name: 'a rank in the +Inf bucket: the largest finite bound', q: 0.99, buckets: [{ le: 0.1, count: 10 }, { le: Infinity, count: 20 }], expected: 0.1 },
  { name: 'counts made monotonic: 0.2 reads 10, not 8', q: 0.5, buckets: [{ le: 0.1, count: 10 }, { le: 0.2, count: 8 }, { le: Infinity, count: 20 }], expected: 0.1 },
  { name: 'equal bounds are summed: 5 + 5 at 0.1', q: 0.5, buckets: [{ le: 0.1, count: 5 }, { le: 0.1, count: 5 }, { le: 0.3, count: 20 }, { le: Infinity, count: 20 }], expected: 0.1 },
  { name: 'no +Inf bucket: undefined', q: 0.5, buckets: buckets.slice(0, 3), expected: null },
  { name: 'no requests: undefined', q: 0.5, buckets: buckets.map((b) => ({ ...b, count: 0 })), expected: null },
  { name: 'only the +Inf bucket: undefined', q: 0.5, buckets: [{ le: Infinity, count: 3 }], expected: null },
  { name: 'q above 1: undefined', q: 1.5, buckets, expected: null },
];

describe('histogramQuantile', () => {
  test.each(cases)('$name', ({ q, buckets: b, expected }) => {
    const v = histogramQuantile(q, b);
    if (expected === null) expect(v).toBeNull();
    else expect(v).toBeCloseTo(expected, 12);
  });
});
