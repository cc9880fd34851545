import { describe, expect, test } from 'vitest';
import { nanosToMilli, nanosToUnits, parseQuantity } from '../../src/quantities/quantity.js';

function milli(q: string | number): number {
  const r = parseQuantity(q);
  if (!r.ok) throw new Error(r.reason);
  return nanosToMilli(r.nanos);
}
function units(q: string | number): number {
  const r = parseQuantity(q);
  if (!r.ok) throw new Error(r.reason);
  return nanosToUnits(r.nanos);
}

// Cases from k8s.io/apimachinery/pkg/api/resource/quantity_test.go (TestQuantityParse and
// TestQuantityParseZero / rounding tests), restated as milli or unit values.
describe('parseQuantity: Kubernetes cases', () => {
  test.each([
    ['0', 0],
    ['500m', 500],
    ['0.5', 500],
    ['2', 2000],
    ['1.5', 1500],
    ['100m', 100],
    ['1e3', 1_000_000],
    ['1E3', 1_000_000],
    ['.5', 500],
    ['5.', 5000],
    ['1k', 1_000_000],
    ['1n', 1], // 1 nano rounds up to 1 milli, as MilliValue() rounds up
    ['0.0001', 1], // below one milli rounds up
    ['1u', 1],
    ['1000000n', 1],
    ['12e-3', 12],
    [0.5, 500],
    [2, 2000],
  ])('%s is %d milli', (q, expected) => {
    expect(milli(q)).toBe(expected);
  });

  test.each([
    ['256Mi', 256 * 1024 * 1024],
    ['1Gi', 1024 ** 3],
    ['1Ki', 1024],
    ['1.5Gi', 1.5 * 1024 ** 3],
    ['128974848', 128974848],
    ['129e6', 129_000_000],
    ['123Mi', 128974848],
    ['1M', 1_000_000],
    ['1G', 1_000_000_000],
    ['0.5Ki', 512],
  ])('%s is %d units', (q, expected) => {
    expect(units(q)).toBe(expected);
  });

  test.each(['', '1.1.1', '1Qi', '1 Gi', '1KiB', 'Mi', '1i', 'abc', '1K', '--1', '1e', '1e1.5'])(
    '%j is rejected',
    (q) => {
      expect(parseQuantity(q).ok).toBe(false);
    },
  );

  test('negative values parse (range checks belong to the schema)', () => {
    expect(milli('-1')).toBe(-1000);
  });
});
