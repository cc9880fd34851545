/**
 * Cache of Monte Carlo throttle estimates keyed by quantized parameters, so the per-step throttle
 * model costs a hash lookup (no allocation) once a parameter combination has been seen. Each key is
 * simulated at its bin's centre value with a seed derived from the key, so results are deterministic
 * and independent of call order.
 */
import {
  throttleCacheBinRatio,
  throttleCacheMaxEntries,
  throttleMonteCarloPeriods,
  throttleMonteCarloWarmupPeriods,
} from './defaults.js';
import { cpuDistCode } from './cpu-distribution.js';
import { sharedInsert, sharedLookup, type SharedThrottleTable } from './shared-throttle-table.js';
import { simulateThrottle, type ThrottleMcParams, type ThrottleMcResult } from './throttle-monte-carlo.js';

interface Entry {
  readonly key: Int32Array;
  readonly result: ThrottleMcResult;
}

/** Cache plus its preallocated key buffer and reusable parameter object. */
export interface ThrottleCache {
  readonly entries: Map<number, Entry>;
  readonly key: Int32Array;
  readonly params: ThrottleMcParams;
  readonly periods: number;
  readonly warmup: number;
  /** Counters for benchmarks: lookups that hit and that ran the Monte Carlo. */
  hits: number;
  misses: number;
  /** Results other threads of the process simulated (shared-throttle-table.ts); null = none. */
  shared: SharedThrottleTable | null;
  /** Local misses the shared table answered. */
  sharedHits: number;
}

/**
 * A new empty cache.
 * @param periods Monte Carlo periods per estimate @default throttleMonteCarloPeriods (4000)
 */
export function createThrottleCache(periods: number = throttleMonteCarloPeriods, warmup: number = throttleMonteCarloWarmupPeriods): ThrottleCache {
  return {
    entries: new Map(),
    key: new Int32Array(9),
    params: { arrivalsPerPeriod: 0, meanCpuQuotas: 0, dist: 'fixed', cv: 0, burstQuotas: 1, jobRateQuotas: 1, fanout: 1, threadsCap: 1, slots: 1 },
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
 * Throttle statistics for `p` (period units), from the cache or a fresh Monte Carlo run.
 * The returned object is shared: read it before the next call.
 */
export function lookupThrottle(cache: ThrottleCache, p: ThrottleMcParams): ThrottleMcResult {
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
  let h = 0x811c9dc5;
  for (let j = 0; j < 9; j++) h = Math.imul(h ^ key[j]!, 0x01000193);
  const found = cache.entries.get(h);
  if (found !== undefined && sameKey(found.key, key)) {
    cache.hits++;
    return found.result;
  }
  const elsewhere = cache.shared === null ? undefined : sharedLookup(cache.shared, h, key);
  if (elsewhere !== undefined) {
    cache.sharedHits++;
    remember(cache, h, key, elsewhere);
    return elsewhere;
  }
  cache.misses++;
  const q = cache.params;
  q.arrivalsPerPeriod = binValue(key[0]!);
  q.meanCpuQuotas = quotaRatioValue(key[1]!);
  q.dist = p.dist;
  q.cv = key[3]! * 0.05;
  q.burstQuotas = binValue(key[4]!);
  q.jobRateQuotas = binValue(key[5]!);
  q.fanout = key[6]!;
  q.threadsCap = key[7]!;
  q.slots = key[8]!;
  const result = simulateThrottle(q, cache.periods, cache.warmup, `throttle:${key.join(',')}`);
  remember(cache, h, key, result);
  if (cache.shared !== null) sharedInsert(cache.shared, h, key, result);
  return result;
}

function remember(cache: ThrottleCache, h: number, key: Int32Array, result: ThrottleMcResult): void {
  if (cache.entries.size >= throttleCacheMaxEntries) cache.entries.clear();
  cache.entries.set(h, { key: Int32Array.from(key), result });
}

function sameKey(a: Int32Array, b: Int32Array): boolean {
  for (let j = 0; j < 9; j++) if (a[j] !== b[j]) return false;
  return true;
}
