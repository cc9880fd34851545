/**
 * Cache of Monte Carlo throttle estimates keyed by quantized parameters, so the per-step throttle
 * model costs a table lookup (no allocation) once a parameter combination has been seen. Each key is
 * simulated at its bin's centre value with a seed derived from the key, so results are deterministic
 * and independent of call order, and of which results the bounded table still holds.
 */
import {
  throttleCacheBinRatio,
  throttleCacheSlots,
  throttleMonteCarloPeriods,
  throttleMonteCarloWarmupPeriods,
} from './defaults.js';
import { cpuDistCode, cpuDistOfCode, type CpuDist } from './cpu-distribution.js';
import { createThrottleTableBuffer, findSlot, isReady, packThrottleResult, storeSlot, throttleTable, valueOffset, THROTTLE_KEY_WORDS, THROTTLE_VALUE_WORDS, type ThrottleTable } from './throttle-table.js';
import { simulateThrottle, type ThrottleMcParams } from './throttle-monte-carlo.js';

/** Cache plus its preallocated key buffer and reusable parameter object. */
export interface ThrottleCache {
  /** This thread's results; lookups return a slot of it (throttle-table.ts). */
  readonly own: ThrottleTable;
  readonly key: Int32Array;
  readonly params: ThrottleMcParams;
  /** A fresh result's values, on their way into the tables. */
  readonly fresh: Float64Array;
  readonly periods: number;
  readonly warmup: number;
  /** Counters for benchmarks: lookups that hit and that ran the Monte Carlo. */
  hits: number;
  misses: number;
  /** Results other threads of the process simulated (throttle-table.ts); null = none. */
  shared: ThrottleTable | null;
  /** Local misses the shared table answered. */
  sharedHits: number;
}

/**
 * A new empty cache.
 * @param periods Monte Carlo periods per estimate @default throttleMonteCarloPeriods
 * @param slots room in its own table (a power of two) @default throttleCacheSlots
 */
export function createThrottleCache(
  periods: number = throttleMonteCarloPeriods,
  warmup: number = throttleMonteCarloWarmupPeriods,
  slots: number = throttleCacheSlots,
): ThrottleCache {
  return {
    own: throttleTable(createThrottleTableBuffer(slots, false)),
    key: new Int32Array(THROTTLE_KEY_WORDS),
    params: { arrivalsPerPeriod: 0, meanCpuQuotas: 0, dist: 'fixed', cv: 0, burstQuotas: 1, jobRateQuotas: 1, fanout: 1, threadsCap: 1, slots: 1 },
    fresh: new Float64Array(THROTTLE_VALUE_WORDS),
    periods,
    warmup,
    hits: 0,
    misses: 0,
    shared: null,
    sharedHits: 0,
  };
}

const logRatio = Math.log(throttleCacheBinRatio);
const zeroBin = -100_000;
const logBin = (x: number): number => (x > 1e-9 ? Math.round(Math.log(x) / logRatio) : zeroBin);
const binValue = (b: number): number => (b === zeroBin ? 0 : Math.pow(throttleCacheBinRatio, b));
/**
 * Requests per quota m = Q/E[C] in linear steps of 1/20 up to 64, so integer thresholds such as
 * "N·c > Q ⇔ N > 10" stay exact (fixed c is a step function of m); beyond that, log bins.
 */
const quotaRatioStep = 20;
const quotaRatioLinearMax = 64;
const quotaRatioBin = (mu: number): number => {
  if (!(mu > 0)) return zeroBin;
  const m = 1 / mu;
  return m <= quotaRatioLinearMax ? Math.round(m * quotaRatioStep) : 1_000_000 + logBin(m);
};
const quotaRatioValue = (b: number): number => {
  if (b === zeroBin) return 0;
  const m = b >= 1_000_000 ? binValue(b - 1_000_000) : Math.max(b, 1) / quotaRatioStep;
  return 1 / m;
};

/**
 * Throttle statistics for `p` (period units), from the cache or a fresh Monte Carlo run: the slot
 * of `cache.own` holding them (read its values at valueOffset(slot) before the next call).
 */
export function lookupThrottle(cache: ThrottleCache, p: ThrottleMcParams): number {
  const key = cache.key;
  key[0] = logBin(p.arrivalsPerPeriod);
  key[1] = quotaRatioBin(p.meanCpuQuotas);
  key[2] = cpuDistCode(p.dist);
  key[3] = p.dist === 'lognormal' ? Math.round(p.cv / 0.05) : 0;
  key[4] = logBin(p.burstQuotas);
  key[5] = logBin(p.jobRateQuotas);
  key[6] = Math.max(1, Math.round(p.fanout));
  key[7] = Math.max(1, Math.round(p.threadsCap));
  key[8] = Math.max(1, Math.floor(p.slots));
  const h = keyHash(key, 0);
  const found = findSlot(cache.own, h, key);
  if (found >= 0) {
    cache.hits++;
    return found;
  }
  const elsewhere = cache.shared === null ? -1 : findSlot(cache.shared, h, key);
  if (elsewhere >= 0) {
    cache.sharedHits++;
    return storeSlot(cache.own, h, key, cache.shared!.values, valueOffset(elsewhere));
  }
  cache.misses++;
  simulateKey(cache, key, 0, p.dist, cache.fresh);
  if (cache.shared !== null) storeSlot(cache.shared, h, key, cache.fresh, 0);
  return storeSlot(cache.own, h, key, cache.fresh, 0);
}

/** The Monte Carlo at the centre of key `keys[at .. at + 9)`'s bins, its values into `out` from 0. */
function simulateKey(cache: ThrottleCache, keys: Int32Array, at: number, dist: CpuDist, out: Float64Array): void {
  const q = cache.params;
  q.arrivalsPerPeriod = binValue(keys[at]!);
  q.meanCpuQuotas = quotaRatioValue(keys[at + 1]!);
  q.dist = dist;
  q.cv = keys[at + 3]! * 0.05;
  q.burstQuotas = binValue(keys[at + 4]!);
  q.jobRateQuotas = binValue(keys[at + 5]!);
  q.fanout = keys[at + 6]!;
  q.threadsCap = keys[at + 7]!;
  q.slots = keys[at + 8]!;
  packThrottleResult(simulateThrottle(q, cache.periods, cache.warmup, `throttle:${keys.subarray(at, at + THROTTLE_KEY_WORDS).join(',')}`), out);
}

/**
 * What a result depends on besides its key: two caches with the same fingerprint give the same
 * values for the same key. Results kept between processes (the CLI's --throttle-cache) are used
 * only under the fingerprint they were written with.
 */
export function throttleCacheFingerprint(cache: ThrottleCache): string {
  return `throttle-monte-carlo periods=${cache.periods} warmup=${cache.warmup} bin-ratio=${throttleCacheBinRatio} key-words=${THROTTLE_KEY_WORDS} value-words=${THROTTLE_VALUE_WORDS}`;
}

/**
 * Calls `visit` with every result the cache holds, its own table's then the shared table's, each
 * key once: the key at `keys[keyAt ..]`, the values at `values[valueAt ..]`.
 */
export function forEachThrottleResult(cache: ThrottleCache, visit: (keys: Int32Array, keyAt: number, values: Float64Array, valueAt: number) => void): void {
  const tables = cache.shared === null ? [cache.own] : [cache.own, cache.shared];
  for (let t = 0; t < tables.length; t++) {
    const table = tables[t]!;
    for (let slot = 0; slot <= table.mask; slot++) {
      if (!isReady(table, slot)) continue;
      const keyAt = slot * THROTTLE_KEY_WORDS;
      // The shared table repeats what this thread simulated itself: each key once.
      if (t > 0 && findSlot(cache.own, keyHash(table.keys, keyAt), table.keys.subarray(keyAt, keyAt + THROTTLE_KEY_WORDS)) >= 0) continue;
      visit(table.keys, keyAt, table.values, valueOffset(slot));
    }
  }
}

/**
 * Adds a result made elsewhere (an earlier process) to the cache: its own table, and the shared
 * table when there is one. The caller has checked it; see {@link verifyThrottleResult}.
 */
export function addThrottleResult(cache: ThrottleCache, keys: Int32Array, keyAt: number, values: Float64Array, valueAt: number): void {
  const key = keys.subarray(keyAt, keyAt + THROTTLE_KEY_WORDS);
  const h = keyHash(keys, keyAt);
  if (cache.shared !== null) storeSlot(cache.shared, h, key, values, valueAt);
  storeSlot(cache.own, h, key, values, valueAt);
}

/** Mean arrivals per period above which a key is not simulated again to check it (about 10 ms a period at this mean). */
const maxCheckedArrivalsPerPeriod = 1e6;

/**
 * Whether the Monte Carlo, run again for key `keys[keyAt ..]`, gives exactly the values at
 * `values[valueAt ..]` (every bit): the check that results from an earlier process were made by
 * this model. False for a key no lookup can produce, or one too costly to check.
 */
export function verifyThrottleResult(cache: ThrottleCache, keys: Int32Array, keyAt: number, values: Float64Array, valueAt: number): boolean {
  const dist = cpuDistOfCode(keys[keyAt + 2]!);
  // Drawing a period's arrivals costs in proportion to their mean: a forged key must not make
  // the check itself run for hours. Above 4,096 jobs the Monte Carlo stops after one period.
  if (dist === null || !(binValue(keys[keyAt]!) <= maxCheckedArrivalsPerPeriod)) return false;
  const out = new Float64Array(THROTTLE_VALUE_WORDS);
  simulateKey(cache, keys, keyAt, dist, out);
  for (let j = 0; j < THROTTLE_VALUE_WORDS; j++) if (!Object.is(out[j], values[valueAt + j])) return false;
  return true;
}

/**
 * Makes `shared` the table every thread of the process reads, and puts this thread's results
 * in it first: results read from an earlier process, or simulated by an earlier run in this
 * thread, then serve the workers too.
 */
export function shareThrottleTable(cache: ThrottleCache, shared: ThrottleTable): void {
  cache.shared = shared;
  const own = cache.own;
  for (let slot = 0; slot <= own.mask; slot++) {
    if (!isReady(own, slot)) continue;
    const keyAt = slot * THROTTLE_KEY_WORDS;
    storeSlot(shared, keyHash(own.keys, keyAt), own.keys.subarray(keyAt, keyAt + THROTTLE_KEY_WORDS), own.values, valueOffset(slot));
  }
}

/** FNV-1a over a key's words, as the tables are probed. */
function keyHash(keys: Int32Array, at: number): number {
  let h = 0x811c9dc5;
  for (let j = 0; j < THROTTLE_KEY_WORDS; j++) h = Math.imul(h ^ keys[at + j]!, 0x01000193);
  return h;
}
