import { describe, expect, test } from 'vitest';
import { createSharedThrottleBuffer, sharedInsert, sharedLookup, sharedThrottleTable } from '../../../src/models/cpu/shared-throttle-table.js';
import { createThrottleCache, lookupThrottle } from '../../../src/models/cpu/throttle-cache.js';
import type { ThrottleMcParams, ThrottleMcResult } from '../../../src/models/cpu/throttle-monte-carlo.js';

const result = (x: number): ThrottleMcResult => ({
  throttledRatio: x,
  countedPerPeriod: x + 0.1,
  stallPerThrottled: x + 0.2,
  throttledCpuPerPeriod: x + 0.3,
  usedCoresMean: x + 0.4,
  unstable: x > 0.5,
  latencyPeriods: [x + 1, x + 2, x + 3],
});
const key = (...k: number[]) => Int32Array.from({ length: 9 }, (_, i) => k[i] ?? 0);

describe('the shared throttle table', () => {
  test('a stored result comes back whole, as a new object; another key misses', () => {
    const t = sharedThrottleTable(createSharedThrottleBuffer(64));
    sharedInsert(t, 5, key(1, 2, 3), result(0.7));
    const back = sharedLookup(t, 5, key(1, 2, 3));
    expect(back).toEqual(result(0.7));
    expect(sharedLookup(t, 5, key(1, 2, 4))).toBeUndefined();
  });

  test('keys with the same hash take the next slots; each finds its own', () => {
    const t = sharedThrottleTable(createSharedThrottleBuffer(64));
    for (let i = 0; i < 5; i++) sharedInsert(t, 9, key(i), result(i / 10));
    for (let i = 0; i < 5; i++) expect(sharedLookup(t, 9, key(i))?.throttledRatio).toBe(i / 10);
  });

  test('a full probe run drops the insert instead of overwriting', () => {
    const t = sharedThrottleTable(createSharedThrottleBuffer(16));
    for (let i = 0; i < 20; i++) sharedInsert(t, 0, key(i), result(i));
    // 16 slots, all probed from slot 0: the first 16 keys are kept, the rest were dropped.
    expect(sharedLookup(t, 0, key(15))?.throttledRatio).toBe(15);
    expect(sharedLookup(t, 0, key(16))).toBeUndefined();
    expect(sharedLookup(t, 0, key(0))?.throttledRatio).toBe(0);
  });

  test('views made twice from one buffer see the same entries (as two threads do)', () => {
    const buffer = createSharedThrottleBuffer(256);
    sharedInsert(sharedThrottleTable(buffer), 77, key(4, 4), result(0.25));
    expect(sharedLookup(sharedThrottleTable(buffer), 77, key(4, 4))).toEqual(result(0.25));
  });

  test('the table size must be a power of two', () => {
    expect(() => createSharedThrottleBuffer(100)).toThrow(RangeError);
  });
});

describe('throttle caches sharing a table', () => {
  const params: ThrottleMcParams = { arrivalsPerPeriod: 0.8, meanCpuQuotas: 0.3, dist: 'exp', cv: 1, burstQuotas: 2, jobRateQuotas: 2, fanout: 1, threadsCap: 2, slots: 2 };

  test('a second cache takes the Monte Carlo of the first cache instead of running it, with the same numbers', () => {
    const buffer = createSharedThrottleBuffer(1024);
    const first = createThrottleCache(500, 50);
    const second = createThrottleCache(500, 50);
    const alone = createThrottleCache(500, 50);
    first.shared = sharedThrottleTable(buffer);
    second.shared = sharedThrottleTable(buffer);
    const a = { ...lookupThrottle(first, params) };
    const b = { ...lookupThrottle(second, params) };
    const c = { ...lookupThrottle(alone, params) };
    expect([first.misses, second.misses, second.sharedHits]).toEqual([1, 0, 1]);
    expect(b).toEqual(a);
    expect(c).toEqual(a);
  });
});
