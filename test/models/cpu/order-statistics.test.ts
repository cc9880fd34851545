import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { percentiles, sortPrefix } from '../../../src/models/cpu/order-statistics.js';

/** The reference: the typed-array sort, then linear interpolation between order statistics. */
function referencePercentiles(values: readonly number[]): [number, number, number] {
  const sorted = Float64Array.from(values).sort();
  const n = sorted.length;
  if (n === 0) return [0, 0, 0];
  const at = (q: number): number => {
    const h = (n - 1) * q;
    const lo = Math.floor(h);
    const hi = Math.min(lo + 1, n - 1);
    return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
  };
  return [at(0.5), at(0.9), at(0.99)];
}

const samples = fc.array(fc.double({ min: 0, max: 50, noNaN: true }), { maxLength: 400 });
// Ties, runs and presorted or reversed input are where a partition goes wrong.
const tied = fc.array(fc.integer({ min: 0, max: 5 }).map((x) => x / 4), { maxLength: 400 });

describe('order statistics match the typed-array sort exactly', () => {
  test.each([
    ['empty', []],
    ['one value', [3]],
    ['two values', [2, 1]],
    ['all equal', Array.from({ length: 100 }, () => 0.5)],
    ['ascending', Array.from({ length: 300 }, (_, i) => i)],
    ['descending', Array.from({ length: 300 }, (_, i) => 300 - i)],
    ['with NaN and -0 (the sort fallback)', [3, NaN, -0, 0, 1, 2, ...Array.from({ length: 40 }, (_, i) => i / 7)]],
  ])('percentiles: %s', (_name, values) => {
    const a = Float64Array.from(values);
    expect(percentiles(a, a.length)).toEqual(referencePercentiles(values));
  });

  test('percentiles of any sample (property)', () => {
    fc.assert(fc.property(fc.oneof(samples, tied), (values) => {
      const a = Float64Array.from(values);
      expect(percentiles(a, a.length)).toEqual(referencePercentiles(values));
    }), { numRuns: 500 });
  });

  test('sortPrefix sorts the prefix only, as the typed-array sort (property)', () => {
    fc.assert(fc.property(fc.oneof(samples, tied), fc.nat(), (values, cut) => {
      const n = values.length === 0 ? 0 : cut % (values.length + 1);
      const a = Float64Array.from(values);
      sortPrefix(a, n);
      const expected = Float64Array.from(values);
      expected.subarray(0, n).sort();
      expect(Array.from(a)).toEqual(Array.from(expected));
    }), { numRuns: 500 });
  });
});
