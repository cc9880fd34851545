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
import { percentiles, sortPrefix } from './order-statistics.js';
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

// Shared by every call: a long run has thousands of cache misses, and fresh buffers (260 kB
// zeroed each) cost more than the periods. A call only reads the slots it wrote itself.
const jobs = new Float64Array(maxJobs);
const born = new Float64Array(maxJobs);
const arrivals = new Float64Array(maxJobs);
const samples = new Float64Array(maxSamples);

/**
 * Runs `periods` periods after `warmup` discarded ones with a PRNG seeded from `seed`.
 * Not re-entrant (module buffers); intended for cache misses only.
 */
export function simulateThrottle(p: ThrottleMcParams, periods: number, warmup: number, seed: string): ThrottleMcResult {
  // Alea: several times faster than the default ARC4 and of ample quality for a Monte Carlo estimate.
  const rng: Uniform = seedrandom.alea(seed);
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
    sortPrefix(arrivals, na);
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
        for (let j = 0; j < serving; j++) {
          const left = jobs[j]! - per * dt;
          if (left > eps) {
            born[w] = born[j]!;
            jobs[w++] = left;
          } else if (measuring && ns < maxSamples) samples[ns++] = period + tNext - born[j]!;
        }
        // A waiting job has never run (a served one only moves forward), so it is above eps and
        // stays: a backlog moves only when a served job finished.
        if (w < serving) {
          for (let j = serving; j < n; j++) {
            born[w] = born[j]!;
            jobs[w++] = jobs[j]!;
          }
        } else w = n;
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
    latencyPeriods: percentiles(samples, ns),
  };
}
