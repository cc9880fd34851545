import { describe, expect, test } from 'vitest';
import {
  createSharedThrottleBuffer,
  createThrottleTableBuffer,
  findSlot,
  packThrottleResult,
  storeSlot,
  throttleResultAt,
  throttleTable,
  THROTTLE_VALUE_WORDS,
  type ThrottleTable,
} from '../../../src/models/cpu/throttle-table.js';
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
const values = (x: number) => {
  const v = new Float64Array(THROTTLE_VALUE_WORDS);
  packThrottleResult(result(x), v);
  return v;
};
const store = (t: ThrottleTable, hash: number, k: Int32Array, x: number) => storeSlot(t, hash, k, values(x), 0);
const find = (t: ThrottleTable, hash: number, k: Int32Array) => {
  const slot = findSlot(t, hash, k);
  return slot < 0 ? undefined : throttleResultAt(t, slot);
};

describe.each([
  ['shared', (slots: number) => throttleTable(createThrottleTableBuffer(slots, true))],
  ['own', (slots: number) => throttleTable(createThrottleTableBuffer(slots, false))],
])('a throttle table (%s)', (_name, make) => {
  test('a stored result comes back whole; another key misses', () => {
    const t = make(64);
    store(t, 5, key(1, 2, 3), 0.7);
    expect(find(t, 5, key(1, 2, 3))).toEqual(result(0.7));
    expect(find(t, 5, key(1, 2, 4))).toBeUndefined();
  });

  test('keys with the same hash take the next slots; each finds its own', () => {
    const t = make(64);
    for (let i = 0; i < 5; i++) store(t, 9, key(i), i / 10);
    for (let i = 0; i < 5; i++) expect(find(t, 9, key(i))?.throttledRatio).toBe(i / 10);
  });

  test('storing a key again returns its slot and keeps the first values', () => {
    const t = make(64);
    const slot = store(t, 3, key(7), 0.1);
    expect(store(t, 3, key(7), 0.9)).toBe(slot);
    expect(find(t, 3, key(7))?.throttledRatio).toBe(0.1);
  });

  test('negative hashes (Math.imul gives them) land in the table', () => {
    const t = make(64);
    store(t, -123456789, key(1), 0.3);
    expect(find(t, -123456789, key(1))?.throttledRatio).toBe(0.3);
  });
});

describe('a full probe run', () => {
  test('a shared table drops the insert instead of overwriting what another thread may be reading', () => {
    const t = throttleTable(createSharedThrottleBuffer(16));
    for (let i = 0; i < 20; i++) store(t, 0, key(i), i);
    // 16 slots, all probed from slot 0: the first 16 keys are kept, the rest were dropped.
    expect(find(t, 0, key(15))?.throttledRatio).toBe(15);
    expect(find(t, 0, key(16))).toBeUndefined();
    expect(find(t, 0, key(0))?.throttledRatio).toBe(0);
  });

  test('an own table evicts the home slot: the newest key is found, the evicted one missed, the others kept', () => {
    const t = throttleTable(createThrottleTableBuffer(16, false));
    for (let i = 0; i < 16; i++) store(t, 0, key(i), i);
    // Full: key 16 replaces slot 0 (key 0); key 17 then replaces key 16 there.
    expect(store(t, 0, key(16), 16)).toBe(0);
    expect(find(t, 0, key(16))?.throttledRatio).toBe(16);
    expect(find(t, 0, key(0))).toBeUndefined();
    for (let i = 1; i < 16; i++) expect(find(t, 0, key(i))?.throttledRatio).toBe(i);
    store(t, 0, key(17), 17);
    expect(find(t, 0, key(16))).toBeUndefined();
    expect(find(t, 0, key(17))?.throttledRatio).toBe(17);
  });
});

test('views made twice from one shared buffer see the same entries (as two threads do)', () => {
  const buffer = createSharedThrottleBuffer(256);
  store(throttleTable(buffer), 77, key(4, 4), 0.25);
  expect(find(throttleTable(buffer), 77, key(4, 4))).toEqual(result(0.25));
});

test('the table size must be a power of two', () => {
  expect(() => createThrottleTableBuffer(100, false)).toThrow(RangeError);
  expect(() => createSharedThrottleBuffer(100)).toThrow(RangeError);
});

describe('throttle caches', () => {
  const params: ThrottleMcParams = { arrivalsPerPeriod: 0.8, meanCpuQuotas: 0.3, dist: 'exp', cv: 1, burstQuotas: 2, jobRateQuotas: 2, fanout: 1, threadsCap: 2, slots: 2 };
  const resultOf = (c: ReturnType<typeof createThrottleCache>) => throttleResultAt(c.own, lookupThrottle(c, params));

  test('a second cache takes the Monte Carlo of the first cache instead of running it, with the same numbers', () => {
    const buffer = createSharedThrottleBuffer(1024);
    const first = createThrottleCache(500, 50, 64);
    const second = createThrottleCache(500, 50, 64);
    const alone = createThrottleCache(500, 50, 64);
    first.shared = throttleTable(buffer);
    second.shared = throttleTable(buffer);
    const a = resultOf(first);
    const b = resultOf(second);
    const c = resultOf(alone);
    expect([first.misses, second.misses, second.sharedHits]).toEqual([1, 0, 1]);
    expect(b).toEqual(a);
    expect(c).toEqual(a);
    // Asked again, each answers from its own table.
    expect(resultOf(second)).toEqual(a);
    expect([second.hits, second.misses]).toEqual([1, 0]);
  });

  test('a result evicted from a full table is simulated again, to the same numbers', () => {
    // 16 slots: 40 distinct keys (arrival rates in 2.5 % bins) fill them and evict the first.
    const cache = createThrottleCache(300, 20, 16);
    const at = (i: number) => throttleResultAt(cache.own, lookupThrottle(cache, { ...params, arrivalsPerPeriod: 0.5 * 1.1 ** i }));
    const first = at(0);
    for (let i = 1; i < 40; i++) at(i);
    const missesBefore = cache.misses;
    expect(at(0)).toEqual(first);
    expect(cache.misses).toBe(missesBefore + 1);
  });
});
