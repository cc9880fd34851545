import { describe, expect, test } from 'vitest';
import { hourlyPriceUsd, lookupInstanceType } from '../../../src/models/cost/price-table.js';

describe('per-zone prices: a zone listed in zonePrices has its own price, every other zone the region price', () => {
  // m5.large us-east-1: 0.096 $/h on demand, spot 0.096 × 0.4 = 0.0384 (default factor).
  const base = lookupInstanceType('m5.large')!;
  const info = { ...base, zonePrices: { 'us-east-1a': { spotUsdPerHour: 0.03 }, 'us-east-1b': { onDemandUsdPerHour: 0.1, spotUsdPerHour: 0.05 } } };
  test.each([
    { name: 'no zone: the region price', zone: undefined, capacity: 'on-demand' as const, expected: 0.096 },
    { name: 'a zone without a row: the region price', zone: 'us-east-1c', capacity: 'spot' as const, expected: 0.0384 },
    { name: 'a listed zone price', zone: 'us-east-1b', capacity: 'on-demand' as const, expected: 0.1 },
    { name: 'a listed zone spot price', zone: 'us-east-1a', capacity: 'spot' as const, expected: 0.03 },
    { name: 'a zone row without the on-demand field: the region on-demand price', zone: 'us-east-1a', capacity: 'on-demand' as const, expected: 0.096 },
  ])('$name', ({ zone, capacity, expected }) => {
    expect(hourlyPriceUsd(info, capacity, zone)).toBeCloseTo(expected, 10);
  });

  test('the bundled table has regional prices only: every zone costs the region price', () => {
    expect(hourlyPriceUsd(base, 'on-demand', 'us-east-1a')).toBe(0.096);
  });
});
