/**
 * Monte Carlo estimate of CFS throttling for bursty work under a quota (docs/models/cpu.md#the-per-step-model-used-in-cluster-runs step 3):
 * per period, Poisson arrivals at uniform offsets; the first `slots` requests (FIFO worker pool) are
 * served at min(r, k·n_in_service) cores shared equally; the quota is burnt at that rate,
 * the group stalls from exhaustion to the boundary and unfinished work carries over (Lindley
 * recursion, with spill past the boundary handled by the carry). Periods are counted with the
 * kernel rule: active periods plus the first idle period after activity (docs/models/cpu.md#throttling-by-limits).
 * Time unit: one CFS period; work unit: one quota Q (so the budget is 1 per period).
 */
import seedrandom from 'seedrandom';
import { sampleCpu, type CpuDist } from './cpu-distribution.js';
import { poissonByProducts, type Uniform } from '../../engine/distributions.js';

/** Parameters normalised to the period (time) and the quota (work). */
export interface ThrottleMcParams {
  /** Mean arrivals per period, λ·T. */
  arrivalsPerPeriod: number;
  /** Mean CPU per request in quotas, E[C]/Q. */
  meanCpuQuotas: number;
  dist: CpuDist;
  cv: number;
  /** Burst rate in quotas per period, r/L. */
  burstQuotas: number;
  /** Fastest one request can run, in quotas per period: k/L (fan-out k threads). */
  jobRateQuotas: number;
  /** Fan-out k: runnable threads per active request. */
  fanout: number;
  /** Threads that can be runnable at once, min(P, S): bounds the per-CPU throttled-time count. */
  threadsCap: number;
  /** Requests served at once by the FIFO worker pool, max(1, ⌊P/k⌋); later ones wait. */
  slots: number;
}

/** Steady-state per-period statistics. */
export interface ThrottleMcResult {
  /** Δnr_throttled / Δnr_periods. */
  throttledRatio: number;
  /** Kernel-counted periods per wall-clock period (≤ 1; < 1 when idle gaps exist). */
  countedPerPeriod: number;
  /** Mean stall per throttled period, periods (T − t_exhaustion). */
  stallPerThrottled: number;
  /** Throttled time summed over CPUs per wall-clock period, core·periods. */
  throttledCpuPerPeriod: number;
  /** CPU used per period in quotas (check: ≈ λT·E[C]/Q when stable). */
  usedCoresMean: number;
  /** True when the backlog grew without bound (demand ≥ limit): use the saturated rule instead. */
  unstable: boolean;
  /** Request sojourn percentiles (p50, p90, p99) in periods, including stalls and carry-over. */
  latencyPeriods: readonly [number, number, number];
}

const maxJobs = 4096;
const maxSamples = 20_000;
const eps = 1e-12;

/**
 * Runs `periods` periods after `warmup` discarded ones with a PRNG seeded from `seed`.
 * Allocates its buffers; intended for cache misses only.
 */
export function simulateThrottle(p: ThrottleMcParams, periods: number, warmup: number, seed: string): ThrottleMcResult {
  // Alea: several times faster than the default ARC4 and of ample quality for a Monte Carlo estimate.
  const rng: Uniform = seedrandom.alea(seed);
  const jobs = new Float64Array(maxJobs);
  const born = new Float64Array(maxJobs);
  const arrivals = new Float64Array(maxJobs);
  const samples = new Float64Array(maxSamples);
  let ns = 0;
  let n = 0;
  let prevActive = false;
  let counted = 0;
  let throttled = 0;
  let stallSum = 0;
  let stallCpu = 0;
  let used = 0;
  const r = p.burstQuotas;
  const jobRate = p.jobRateQuotas;
  const k = Math.max(1, p.fanout);
  const slots = Math.max(1, Math.floor(p.slots));
  for (let period = 0; period < warmup + periods; period++) {
    const measuring = period >= warmup;
    const na = poissonByProducts(rng, p.arrivalsPerPeriod);
    if (na + n > maxJobs) {
      return { throttledRatio: 1, countedPerPeriod: 1, stallPerThrottled: 0, throttledCpuPerPeriod: 0, usedCoresMean: 0, unstable: true, latencyPeriods: [Infinity, Infinity, Infinity] };
    }
    for (let j = 0; j < na; j++) arrivals[j] = rng();
    arrivals.subarray(0, na).sort();
    const active = n > 0 || na > 0;
    let rem = 1;
    let isThrottled = false;
    let t = 0;
    let ai = 0;
    let burnt = 0;
    while (t < 1) {
      const nextArr = ai < na ? arrivals[ai]! : 1;
      if (isThrottled || n === 0) {
        if (isThrottled && measuring) stallCpu += (nextArr - t) * Math.min(p.threadsCap, k * Math.min(n, slots));
        t = nextArr;
      } else {
        const serving = Math.min(n, slots);
        const rate = Math.min(r, jobRate * serving);
        const per = rate / serving;
        let minRem = Infinity;
        for (let j = 0; j < serving; j++) if (jobs[j]! < minRem) minRem = jobs[j]!;
        const tNext = Math.min(nextArr, t + minRem / per, t + rem / rate);
        const dt = tNext - t;
        rem -= rate * dt;
        burnt += rate * dt;
        let w = 0;
        for (let j = 0; j < n; j++) {
          const left = j < serving ? jobs[j]! - per * dt : jobs[j]!;
          if (left > eps) {
            born[w] = born[j]!;
            jobs[w++] = left;
          } else if (measuring && ns < maxSamples) samples[ns++] = period + tNext - born[j]!;
        }
        n = w;
        t = tNext;
        if (rem <= eps && n > 0) {
          isThrottled = true;
          if (measuring) {
            throttled++;
            stallSum += 1 - t;
          }
        }
      }
      if (ai < na && t >= nextArr) {
        const c = sampleCpu(rng, p.dist, p.meanCpuQuotas, p.cv);
        if (c > eps) {
          born[n] = period + nextArr;
          jobs[n++] = c;
        }
        ai++;
        if (rem <= eps && n > 0 && !isThrottled) {
          isThrottled = true;
          if (measuring) {
            throttled++;
            stallSum += 1 - t;
          }
        }
      }
    }
    if (measuring) {
      if (active || prevActive) counted++;
      used += burnt;
    }
    prevActive = active;
  }
  return {
    throttledRatio: counted > 0 ? throttled / counted : 0,
    countedPerPeriod: counted / periods,
    stallPerThrottled: throttled > 0 ? stallSum / throttled : 0,
    throttledCpuPerPeriod: stallCpu / periods,
    usedCoresMean: used / periods,
    unstable: false,
    latencyPeriods: percentiles(samples.subarray(0, ns).sort()),
  };
}

function percentiles(sorted: Float64Array): [number, number, number] {
  if (sorted.length === 0) return [0, 0, 0];
  const at = (q: number): number => {
    const h = (sorted.length - 1) * q;
    const lo = Math.floor(h);
    return sorted[lo]! + (h - lo) * ((sorted[Math.min(lo + 1, sorted.length - 1)] ?? 0) - sorted[lo]!);
  };
  return [at(0.5), at(0.9), at(0.99)];
}
