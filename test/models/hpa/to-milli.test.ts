import { describe, expect, test } from 'vitest';
import { toMilli } from '../../../src/models/hpa/to-milli.js';

describe('milli-unit quantities', () => {
  // resource.Quantity.MilliValue() rounds a fractional milli-value up.
  test.each([
    { name: 'an integer stays', value: 250, want: 250n },
    { name: 'a fraction rounds up', value: 249.2, want: 250n },
    { name: 'a negative fraction rounds up towards zero', value: -0.5, want: 0n },
  ])('$name', ({ value, want }) => {
    expect(toMilli(value, 'cpu averageValue target')).toBe(want);
    expect(toMilli(value, 'cpu sample', 'api-1')).toBe(want);
  });

  test('a value that is not finite is a bug, named with its pod', () => {
    expect(() => toMilli(Number.NaN, 'cpu sample', 'api-1')).toThrow('HPA model: cpu sample of pod api-1 is not a finite number: NaN');
    expect(() => toMilli(Infinity, 'cpu averageValue target')).toThrow('HPA model: cpu averageValue target is not a finite number: Infinity');
  });
});
