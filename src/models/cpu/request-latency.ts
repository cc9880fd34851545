/**
 * Per-pod, per-step request latency under the CPU the pod receives (docs/models/latency.md):
 * queueing in the worker pool (see queueing.ts for the M/G/c approximation) plus CFS throttling
 * stalls, plus backlog from earlier steps. Allocation-free; results go into an output array.
 *
 * Server model: a request runs on kk = min(k, P) threads at ≤ 1 core each. While the pod is busy it
 * gets R = min(burst cores, P) cores, so the pool serves c = ⌈R/kk⌉ requests at once, each at speed
 * R/c ≤ kk cores (capacity R is preserved and no request runs faster than its threads allow; the
 * per-thread speed is received cores / busy threads).
 */
import { sloPercentile } from './defaults.js';
import { mgcWait, searchSojournQuantile, sojournSearch, waitInput, SEARCH_CV, SEARCH_MEAN, SEARCH_Q, SEARCH_RESULT, WAIT_ARRIVAL_RATE, WAIT_MEAN_SERVICE, WAIT_SERVERS, WAIT_SERVICE_CV2, type WaitLaw } from './queueing.js';
import { cpuCv2, cpuDistCode, type CpuDist } from './cpu-distribution.js';

/** Inputs for one pod (or its serving container) and one step; reuse one object. */
export interface LatencyStepInput {
  /** Request arrival rate λ, 1/s. */
  arrivalRatePerSecond: number;
  /** Mean CPU per request E[C], core·seconds. */
  cpuPerRequestSeconds: number;
  cpuDist: CpuDist;
  cpuCv: number;
  /** Fan-out k: pieces run in parallel per request. */
  fanout: number;
  /** Worker threads P. */
  workers: number;
  /** Cores received this step (mean, from the node split). */
  receivedCores: number;
  /** Cores while all threads run (`NodeCpuState.burstCores`, computed with allContainers). */
  burstCores: number;
  /** Limit L, cores (Infinity = none). */
  limitCores: number;
  /** From throttleStep: throttled ratio and mean stall per throttled period, seconds. */
  throttledRatio: number;
  stallPerThrottledSeconds: number;
  /**
   * From throttleStep (THROTTLE_LAT_P50/P90/P99): latency percentiles of the container alone under
   * its quota, seconds, including stall cascades; 0 when not available. Used as a floor.
   */
  throttledLatencyP50Seconds: number;
  throttledLatencyP90Seconds: number;
  throttledLatencyP99Seconds: number;
  /** CFS period T, seconds. */
  periodSeconds: number;
  /** Unserved work carried in from earlier steps, core·seconds. */
  backlogCoreSeconds: number;
  /** Step length Δ, seconds. */
  stepSeconds: number;
  /** SLO latency threshold, seconds (Infinity = none). */
  sloSeconds: number;
  /** Percentile compared with the SLO, e.g. 0.99. @default 0.99 */
  sloQuantile: number;
  /**
   * Burst interference (burst-interference.ts), read only by podLatencyContendedStep: burst rate
   * while neighbours burst, cores; probability a request meets a neighbour burst; mean length of
   * that burst, seconds (Infinity = unknown). @default 0, 0, Infinity (no interference)
   */
  contendedBurstCores: number;
  contentionProb: number;
  contentionSeconds: number;
}

/** Length of the key {@link packLatencyInput} writes. */
export const LATENCY_KEY_SIZE = 22;

/**
 * Every field of `x` as a number into `key` (exact-input-memo.ts): the whole input of
 * podLatencyStep and podLatencyContendedStep, so equal keys give equal results.
 */
export function packLatencyInput(x: LatencyStepInput, key: Float64Array): void {
  // What differs between the pods of one container type in a step first (their CPU, backlog and
  // neighbours' bursts; the arrival rate is the workload's), so that a lookup that misses
  // (exact-input-memo.ts compares word by word) stops at the first field.
  key[0] = x.receivedCores;
  key[1] = x.backlogCoreSeconds;
  key[2] = x.burstCores;
  key[3] = x.contendedBurstCores;
  key[4] = x.contentionProb;
  key[5] = x.contentionSeconds;
  key[6] = x.arrivalRatePerSecond;
  key[7] = x.throttledRatio;
  key[8] = x.stallPerThrottledSeconds;
  key[9] = x.throttledLatencyP50Seconds;
  key[10] = x.throttledLatencyP90Seconds;
  key[11] = x.throttledLatencyP99Seconds;
  key[12] = x.sloSeconds;
  key[13] = x.limitCores;
  key[14] = x.cpuPerRequestSeconds;
  key[15] = cpuDistCode(x.cpuDist);
  key[16] = x.cpuCv;
  key[17] = x.fanout;
  key[18] = x.workers;
  key[19] = x.periodSeconds;
  key[20] = x.stepSeconds;
  key[21] = x.sloQuantile;
}

/** Output offsets of {@link podLatencyStep}. */
export const LAT_P50 = 0;
export const LAT_P90 = 1;
export const LAT_P99 = 2;
/** Seconds of this step during which the SLO percentile exceeded the threshold. */
export const LAT_SLO_VIOLATED_SECONDS = 3;
/** Backlog carried out of this step, core·seconds. */
export const LAT_BACKLOG_OUT = 4;
/** Utilisation of the long-run capacity min(R, L). */
export const LAT_UTILIZATION = 5;
/** Reason code, index into {@link latencyReasons}. */
export const LAT_REASON = 6;
/** Output length. */
export const LAT_OUT_SIZE = 7;

/** Reason names by code. */
export const latencyReasons = ['NoTraffic', 'Stable', 'Backlogged', 'Overloaded'] as const;

const scratchWait: WaitLaw = { probWait: 0, rate: Infinity, tailCoef: 0, meanWait: 0 };
const quantiles = [0.5, 0.9, 0.99] as const;
/** sojournQuantile at `quantiles` in the current call (0 when not stable). */
const baseQuantiles = new Float64Array(3);

/** Output array for {@link podLatencyStep}. */
export function createLatencyOut(): Float64Array {
  return new Float64Array(LAT_OUT_SIZE);
}

/** Default-filled input object to reuse across calls. */
export function createLatencyInput(): LatencyStepInput {
  return {
    arrivalRatePerSecond: 0,
    cpuPerRequestSeconds: 0,
    cpuDist: 'exp',
    cpuCv: 1,
    fanout: 1,
    workers: 1,
    receivedCores: 0,
    burstCores: 0,
    limitCores: Infinity,
    throttledRatio: 0,
    stallPerThrottledSeconds: 0,
    throttledLatencyP50Seconds: 0,
    throttledLatencyP90Seconds: 0,
    throttledLatencyP99Seconds: 0,
    periodSeconds: 0.1,
    backlogCoreSeconds: 0,
    stepSeconds: 1,
    sloSeconds: Infinity,
    sloQuantile: sloPercentile,
    contendedBurstCores: 0,
    contentionProb: 0,
    contentionSeconds: Infinity,
  };
}

/** Request latency percentiles (seconds), SLO violation and backlog for one pod and one step. */
export function podLatencyStep(x: LatencyStepInput, out: Float64Array): void {
  out.fill(0, 0, LAT_OUT_SIZE);
  const lambda = x.arrivalRatePerSecond;
  const meanC = x.cpuPerRequestSeconds;
  if (!(lambda > 0) || !(meanC > 0)) {
    out[LAT_BACKLOG_OUT] = 0;
    return;
  }
  const P = Math.max(1, x.workers);
  const kk = Math.min(Math.max(1, x.fanout), P);
  const R = Math.max(1e-9, Math.min(x.burstCores > 0 ? x.burstCores : x.receivedCores, P));
  const servers = Math.max(1, Math.ceil(R / kk - 1e-9));
  const speed = R / servers;
  const meanS = meanC / speed;
  const demand = lambda * meanC;
  const longRun = Math.min(R, x.limitCores);
  const rho = demand / longRun;
  out[LAT_UTILIZATION] = rho;

  // Backlog: grows by unmet demand, drains at the spare long-run capacity.
  const served = Math.min(x.receivedCores, longRun);
  const b0 = x.backlogCoreSeconds;
  const growth = demand > served * (1 + 1e-9) ? demand - served : -(longRun - demand);
  const b1 = Math.max(0, b0 + growth * x.stepSeconds);
  out[LAT_BACKLOG_OUT] = b1;
  const drainRate = Math.max(served, 1e-9);

  const stable = rho < 1 && growth <= 0;
  if (stable) {
    waitInput[WAIT_SERVERS] = servers;
    waitInput[WAIT_ARRIVAL_RATE] = lambda;
    waitInput[WAIT_MEAN_SERVICE] = meanS;
    waitInput[WAIT_SERVICE_CV2] = cpuCv2(x.cpuDist, x.cpuCv);
    mgcWait(scratchWait);
  }
  const meanSojourn = stable ? scratchWait.meanWait + meanS : meanS;
  stallScratch[2] = meanSojourn;
  const stall = throttleExtra(x);
  io[IO_B0] = b0;
  io[IO_B1] = b1;
  io[IO_GROWTH] = growth;
  io[IO_RATE] = drainRate;
  io[IO_STEP] = x.stepSeconds;
  // The stationary sojourn's law, searched at each quantile below (the search keeps these two).
  sojournSearch[SEARCH_MEAN] = meanS;
  sojournSearch[SEARCH_CV] = x.cpuCv;
  for (let j = 0; j < 3; j++) {
    const q = quantiles[j]!;
    let base = 0;
    if (stable) {
      sojournSearch[SEARCH_Q] = q;
      searchSojournQuantile(x.cpuDist, scratchWait);
      base = sojournSearch[SEARCH_RESULT]!;
    }
    baseQuantiles[j] = base;
    io[IO_Q] = q;
    transientWaitQuantile();
    const transient = io[IO_RESULT]!;
    stall[STALL_Q] = q;
    stallQuantile(stall);
    const lat = Math.max(base, transient > 0 || !stable ? transient + meanS : 0) + stall[STALL_RESULT]!;
    out[j] = Math.max(lat, j === 0 ? x.throttledLatencyP50Seconds : j === 1 ? x.throttledLatencyP90Seconds : x.throttledLatencyP99Seconds);
  }
  // SLO: seconds of the step in which the SLO percentile was above the threshold.
  out[LAT_SLO_VIOLATED_SECONDS] = 0;
  if (x.sloSeconds < Infinity) {
    const q = x.sloQuantile;
    // The SLO percentile is most often one of the three just computed, with the same wait law.
    const known = q === quantiles[0] ? 0 : q === quantiles[1] ? 1 : q === quantiles[2] ? 2 : -1;
    let sojourn = 0;
    if (stable && known >= 0) sojourn = baseQuantiles[known]!;
    else if (stable) {
      sojournSearch[SEARCH_Q] = q;
      searchSojournQuantile(x.cpuDist, scratchWait);
      sojourn = sojournSearch[SEARCH_RESULT]!;
    }
    stall[STALL_Q] = q;
    stallQuantile(stall);
    const stallAtQ = stall[STALL_RESULT]!;
    const stationary = stable ? sojourn + stallAtQ : 0;
    if (stationary > x.sloSeconds) out[LAT_SLO_VIOLATED_SECONDS] = x.stepSeconds;
    else if (b0 > 0 || b1 > 0) {
      // instantaneous wait b(t)/rate is linear in t; count the part above the SLO's slack
      io[IO_LEVEL] = Math.max(0, x.sloSeconds - meanS - stallAtQ) * drainRate;
      secondsAbove();
      out[LAT_SLO_VIOLATED_SECONDS] = io[IO_RESULT]!;
    }
  }
  out[LAT_REASON] = stable ? (b0 > 0 ? 2 : 1) : rho >= 1 ? 3 : 2;
}

/**
 * The numbers the latency step hands its helpers and gets back, in module scratch: [b0, b1, growth,
 * drain rate, step, q, level, result]. In V8 a number passed to or returned from a call that is not
 * inlined is a heap object, made per pod and step here; which helpers V8 inlines into
 * podLatencyStep changes from one compilation to the next, as its inlining budget runs out.
 */
const io = new Float64Array(8);
const IO_B0 = 0;
const IO_B1 = 1;
const IO_GROWTH = 2;
const IO_RATE = 3;
const IO_STEP = 4;
const IO_Q = 5;
const IO_LEVEL = 6;
const IO_RESULT = 7;

/**
 * Throttle stall model in module scratch: [f, stall s, E[sojourn], spans delay, period T], then the
 * quantile asked of {@link stallQuantile} and its answer.
 */
const stallScratch = new Float64Array(7);
const STALL_Q = 5;
const STALL_RESULT = 6;

/** The stall model of `x` into {@link stallScratch}, whose mean sojourn the caller wrote. */
function throttleExtra(x: LatencyStepInput): Float64Array {
  const T = x.periodSeconds;
  const meanC = x.cpuPerRequestSeconds;
  const kk = Math.min(Math.max(1, x.fanout), Math.max(1, x.workers));
  stallScratch[0] = x.throttledRatio;
  stallScratch[1] = x.stallPerThrottledSeconds;
  // A request needing more than one quota spans ⌈C/Q⌉ periods: (⌈C/Q⌉ − 1) stalls for everyone.
  const Q = x.limitCores * T;
  const fullStall = x.limitCores < kk ? T * (1 - x.limitCores / kk) : 0;
  stallScratch[3] = Q > 0 && meanC > Q ? (Math.ceil(meanC / Q) - 1) * fullStall : 0;
  stallScratch[4] = T;
  return stallScratch;
}

/**
 * Extra delay at quantile q from throttling: with throttled ratio f and stall s per throttled
 * period, a request is delayed if it arrives inside the stall (waits the rest, U(0, s)) or is in
 * service at exhaustion (waits s). P(delay > x) = f·((s − x) + E[sojourn])/T for 0 ≤ x < s. Reads q
 * from the scratch and writes its answer there.
 */
function stallQuantile(st: Float64Array): void {
  const q = st[STALL_Q]!;
  const f = st[0]!;
  const s = st[1]!;
  const spans = st[3]!;
  if (!(f > 0) || !(s > 0)) {
    st[STALL_RESULT] = spans;
    return;
  }
  const x = s + st[2]! - ((1 - q) * st[4]!) / f;
  st[STALL_RESULT] = spans + Math.min(s, Math.max(0, x));
}

/** q-quantile over the step of the backlog wait b(t)/rate, b linear from b0 towards b1 (all in {@link io}). */
function transientWaitQuantile(): void {
  const b0 = io[IO_B0]!;
  const b1 = io[IO_B1]!;
  const growth = io[IO_GROWTH]!;
  const rate = io[IO_RATE]!;
  const q = io[IO_Q]!;
  if (b0 <= 0 && b1 <= 0) io[IO_RESULT] = 0;
  else if (growth >= 0) io[IO_RESULT] = (b0 + q * (b1 - b0)) / rate;
  else {
    // Draining: b(t) = b0 + growth·t until 0; P(b > y) = min(1, (b0 − y)/(−growth·step)).
    const y = b0 + (1 - q) * growth * io[IO_STEP]!;
    io[IO_RESULT] = Math.max(0, y) / rate;
  }
}

/** Seconds of [0, step] where the linear backlog b(t) from b0 to b1 exceeds `level` (all in {@link io}). */
function secondsAbove(): void {
  const b0 = io[IO_B0]!;
  const b1 = io[IO_B1]!;
  const level = io[IO_LEVEL]!;
  const step = io[IO_STEP]!;
  if (b0 <= level && b1 <= level) io[IO_RESULT] = 0;
  else if (b0 > level && b1 > level) io[IO_RESULT] = step;
  else {
    const cross = ((level - b0) / (b1 - b0)) * step;
    io[IO_RESULT] = b1 > b0 ? step - cross : cross;
  }
}
