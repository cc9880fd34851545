/**
 * Coarse-step CFS throttling of one container (docs/models/cpu.md#the-per-step-model-used-in-cluster-runs steps 3–4): throttled-period fraction,
 * stall per throttled period, throttled time summed over CPUs and nr_periods/nr_throttled accrual
 * for a step of Δ seconds. Allocation-free per call (cache hits); write results into an output array.
 */
import { saturatedDemandFraction } from './defaults.js';
import { cpuDistCode, type CpuDist } from './cpu-distribution.js';
import { lookupThrottle, type ThrottleCache } from './throttle-cache.js';
import { valueOffset, TV_COUNTED_PER_PERIOD, TV_LATENCY_P50, TV_STALL_PER_THROTTLED, TV_THROTTLED_CPU_PER_PERIOD, TV_THROTTLED_RATIO, TV_UNSTABLE } from './throttle-table.js';
import type { ThrottleMcParams } from './throttle-monte-carlo.js';

/** Per-container inputs for one step; reuse one object and overwrite its fields. */
export interface ThrottleStepInput {
  /** Mean CPU demand this step d, cores. */
  meanDemandCores: number;
  /** Request arrival rate λ, 1/s; 0 = no request detail (continuous demand). */
  arrivalRatePerSecond: number;
  /** Mean CPU per request E[C], seconds. */
  cpuPerRequestSeconds: number;
  cpuDist: CpuDist;
  /** Coefficient of variation (lognormal only). */
  cpuCv: number;
  /** Fan-out k: threads one request runs on in parallel. */
  fanout: number;
  /** min(P, S): worker threads that can run at once, capped by the cpuset. */
  threadsCap: number;
  /** Worker pool size P (requests in service at once = ⌊P/k⌋). @default threadsCap when 0 */
  workers?: number;
  /** Burst rate r, cores (`NodeCpuState.burstCores`). */
  burstCores: number;
  /** Limit L = Q/T, cores; Infinity = no quota. */
  limitCores: number;
  /** CFS period T, seconds. */
  periodSeconds: number;
  /** Step length Δ, seconds. */
  stepSeconds: number;
}

/** Length of the key {@link packThrottleInput} writes. */
export const THROTTLE_KEY_SIZE = 12;

/**
 * Every field of `x` as a number into `key` (exact-input-memo.ts): throttleStep's whole input, its
 * cache aside, whose entries are a function of their key alone, so equal keys give equal results.
 */
export function packThrottleInput(x: ThrottleStepInput, key: Float64Array): void {
  // What differs between the pods of one container type first, so that a lookup that misses
  // (exact-input-memo.ts compares word by word) stops at the first field.
  key[0] = x.meanDemandCores;
  key[1] = x.burstCores;
  key[2] = x.arrivalRatePerSecond;
  key[3] = x.limitCores;
  key[4] = x.cpuPerRequestSeconds;
  key[5] = cpuDistCode(x.cpuDist);
  key[6] = x.cpuCv;
  key[7] = x.fanout;
  key[8] = x.threadsCap;
  key[9] = x.workers ?? x.threadsCap;
  key[10] = x.periodSeconds;
  key[11] = x.stepSeconds;
}

/** Offsets in the output array of {@link throttleStep}. */
export const THROTTLE_RATIO = 0;
/** nr_periods accrued this step. */
export const THROTTLE_NR_PERIODS = 1;
/** nr_throttled accrued this step. */
export const THROTTLE_NR_THROTTLED = 2;
/** throttled_time accrued, seconds summed over CPUs (as the kernel and cAdvisor count). */
export const THROTTLE_THROTTLED_SECONDS = 3;
/** Wall-clock seconds the container stood throttled. */
export const THROTTLE_WALL_STALL_SECONDS = 4;
/** Mean stall per throttled period, seconds. */
export const THROTTLE_STALL_PER_PERIOD_SECONDS = 5;
/** Reason code, index into {@link throttleReasons}. */
export const THROTTLE_REASON = 6;
/**
 * Request latency p50/p90/p99 (s) of the container alone at its burst rate under its quota,
 * from the Monte Carlo (stalls and carry-over included); 0 unless reason is BurstyMonteCarlo.
 */
export const THROTTLE_LAT_P50 = 7;
export const THROTTLE_LAT_P90 = 8;
export const THROTTLE_LAT_P99 = 9;
/** Length of the output array. */
export const THROTTLE_OUT_SIZE = 10;

/** Why the throttle estimate came out as it did (index = code written at THROTTLE_REASON). */
export const throttleReasons = [
  'NoQuota',
  'Idle',
  'SaturatedThrottled',
  'SaturatedWithinLimit',
  'BurstWithinQuota',
  'BurstyMonteCarlo',
  'SmoothDemandUnderLimit',
] as const;

/**
 * Throttling of one container over one step. Regimes (docs/models/cpu.md#the-per-step-model-used-in-cluster-runs):
 * no quota → 0; saturated (d ≥ 0.97·L) → throttled every period iff r > L, stall T − Q/r;
 * bursty → Monte Carlo over periods (cached); a burst rate r ≤ L can never exhaust the quota.
 * @param out Float64Array of length ≥ THROTTLE_OUT_SIZE, written at THROTTLE_* offsets
 */
export function throttleStep(x: ThrottleStepInput, cache: ThrottleCache, out: Float64Array): void {
  const T = x.periodSeconds;
  const L = x.limitCores;
  const wallPeriods = x.stepSeconds / T;
  out.fill(0, 0, THROTTLE_OUT_SIZE);
  if (!(L < Infinity)) return void (out[THROTTLE_REASON] = 0);
  if (!(x.meanDemandCores > 0)) return void (out[THROTTLE_REASON] = 1);
  const r = Math.min(x.burstCores, x.threadsCap);
  if (x.meanDemandCores >= saturatedDemandFraction * L || (x.arrivalRatePerSecond <= 0 && r > L && x.meanDemandCores >= L)) {
    out[THROTTLE_NR_PERIODS] = wallPeriods;
    if (r <= L) return void (out[THROTTLE_REASON] = 3);
    // Budget Q lasts Q/r = T·L/r, then every CPU the group ran on stalls until the boundary.
    const stall = T * (1 - L / r);
    out[THROTTLE_RATIO] = 1;
    out[THROTTLE_NR_THROTTLED] = wallPeriods;
    out[THROTTLE_STALL_PER_PERIOD_SECONDS] = stall;
    out[THROTTLE_WALL_STALL_SECONDS] = stall * wallPeriods;
    out[THROTTLE_THROTTLED_SECONDS] = stall * wallPeriods * Math.min(x.threadsCap, Math.ceil(r - 1e-9));
    out[THROTTLE_REASON] = 2;
    return;
  }
  if (x.arrivalRatePerSecond <= 0) {
    out[THROTTLE_NR_PERIODS] = wallPeriods;
    return void (out[THROTTLE_REASON] = 6);
  }
  if (r <= L) {
    // Active periods still count; use the Poisson idle-gap rule: a period is counted unless it and
    // the one before had no arrival (probability e^(−2λT) when requests are short).
    out[THROTTLE_NR_PERIODS] = wallPeriods * (1 - Math.exp(-2 * x.arrivalRatePerSecond * T));
    return void (out[THROTTLE_REASON] = 4);
  }
  const q = mcParams;
  q.arrivalsPerPeriod = x.arrivalRatePerSecond * T;
  q.meanCpuQuotas = x.cpuPerRequestSeconds / (L * T);
  q.dist = x.cpuDist;
  q.cv = x.cpuCv;
  q.burstQuotas = r / L;
  q.jobRateQuotas = Math.max(1, x.fanout) / L;
  q.fanout = x.fanout;
  // Throttled time is summed over the CPUs the group ran on, ⌈r⌉ of them (quota-groups.ts).
  q.threadsCap = Math.min(x.threadsCap, Math.ceil(r - 1e-9));
  q.slots = Math.max(1, Math.floor((x.workers ?? x.threadsCap) / Math.max(1, x.fanout)));
  const v = cache.own.values;
  const at = valueOffset(lookupThrottle(cache, q));
  if (v[at + TV_UNSTABLE] === 1) {
    out[THROTTLE_NR_PERIODS] = wallPeriods;
    out[THROTTLE_RATIO] = 1;
    out[THROTTLE_NR_THROTTLED] = wallPeriods;
    const stall = T * (1 - L / r);
    out[THROTTLE_STALL_PER_PERIOD_SECONDS] = stall;
    out[THROTTLE_WALL_STALL_SECONDS] = stall * wallPeriods;
    out[THROTTLE_THROTTLED_SECONDS] = stall * wallPeriods * Math.min(x.threadsCap, Math.ceil(r - 1e-9));
    return void (out[THROTTLE_REASON] = 2);
  }
  const ratio = v[at + TV_THROTTLED_RATIO]!;
  const stallPerThrottled = v[at + TV_STALL_PER_THROTTLED]!;
  const periods = wallPeriods * v[at + TV_COUNTED_PER_PERIOD]!;
  out[THROTTLE_RATIO] = ratio;
  out[THROTTLE_NR_PERIODS] = periods;
  out[THROTTLE_NR_THROTTLED] = periods * ratio;
  out[THROTTLE_STALL_PER_PERIOD_SECONDS] = stallPerThrottled * T;
  out[THROTTLE_WALL_STALL_SECONDS] = periods * ratio * stallPerThrottled * T;
  out[THROTTLE_THROTTLED_SECONDS] = v[at + TV_THROTTLED_CPU_PER_PERIOD]! * T * wallPeriods;
  out[THROTTLE_LAT_P50] = v[at + TV_LATENCY_P50]! * T;
  out[THROTTLE_LAT_P90] = v[at + TV_LATENCY_P50 + 1]! * T;
  out[THROTTLE_LAT_P99] = v[at + TV_LATENCY_P50 + 2]! * T;
  out[THROTTLE_REASON] = 5;
}

/** Module-level parameter buffer handed to the cache (single-threaded, never retained). */
const mcParams: ThrottleMcParams = { arrivalsPerPeriod: 0, meanCpuQuotas: 0, dist: 'fixed', cv: 0, burstQuotas: 1, jobRateQuotas: 1, fanout: 1, threadsCap: 1, slots: 1 };

/** Creates an output array for {@link throttleStep}. */
export function createThrottleOut(): Float64Array {
  return new Float64Array(THROTTLE_OUT_SIZE);
}
