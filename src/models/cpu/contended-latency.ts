/**
 * Request latency of a pod whose neighbours burst (docs/models/latency.md#burst-interference): a request meets a neighbour's
 * burst with probability p, and then runs at the contended burst rate instead of the free one, so
 * the step's latency law is the mixture F = (1 − p)·F_free + p·F_cont.
 *
 * F_free is {@link podLatencyStep} as it stands. F_cont: the same queue at the contended rate, but
 * a burst lasts only τ seconds; a request that meets one finishes no later than the burst's end plus
 * its free latency (median f). With the arrival uniform in the burst, the remaining burst time is
 * U(0, τ), so S_cont(t) = max(S_free(t), S_queue(t)·min(1, max(0, 1 − (t − f)/τ))) (a queue that
 * cannot keep up during the burst, ρ ≥ 1, has S_queue = 1: its requests wait for the burst to end;
 * the max keeps the free condition's throttling stalls and backlog, which a burst cannot remove).
 * Each law is known at p50/p90/p99; between them the survival is log-linear in t (exact for
 * exponential tails), beyond p99 it follows the p90–p99 slope.
 * Allocation-free; outputs as {@link podLatencyStep}.
 */
import { burstInterferenceMinSlowdown } from './defaults.js';
import { LAT_OUT_SIZE, LAT_P50, LAT_P99, LAT_SLO_VIOLATED_SECONDS, LAT_UTILIZATION, podLatencyStep, type LatencyStepInput } from './request-latency.js';

const logSurvival = [Math.log(0.5), Math.log(0.1), Math.log(0.01)] as const;
const quantiles = [0.5, 0.9, 0.99] as const;
/** Bisection stops at this relative width of the bracket (0.1 % of the latency). */
const relTolerance = 1e-3;

/**
 * P(latency > t) of a law known by its p50, p90, p99 at `o[off..off+2]`: log-linear between
 * (0, 1) and the quantiles; beyond p99 the p90–p99 slope (0 when p90 = p99, a point mass).
 */
export function survivalFromQuantiles(o: Float64Array, off: number, t: number): number {
  if (!(t > 0)) return 1;
  let t0 = 0;
  let l0 = 0;
  for (let j = 0; j < 3; j++) {
    const t1 = Math.max(o[off + j]!, t0);
    const l1 = logSurvival[j]!;
    if (t <= t1 && t1 > t0) return Math.exp(l0 + ((l1 - l0) * (t - t0)) / (t1 - t0));
    t0 = t1;
    l0 = l1;
  }
  const width = o[off + 2]! - o[off + 1]!;
  if (!(width > 0)) return 0;
  return Math.exp(l0 + ((logSurvival[2] - logSurvival[1]) * (t - t0)) / width);
}

/** Module scratch: [free p50, p90, p99, contended p50, p90, p99]. */
const laws = new Float64Array(6);
const contOut = new Float64Array(LAT_OUT_SIZE);

/** Whether the contended law in `laws` has no NaN, so its survival is in [0, 1]. */
let queueLawKnown = false;

/** The mixture of the call in progress, in module scratch (see `at` below): contention probability p, burst length τ, free median f. */
const mix = new Float64Array(3);
const MIX_P = 0;
const MIX_TAU = 1;
const MIX_F = 2;
/** Contended queue stable (else S_queue = 1). */
let mixQueued = false;

/**
 * The searches' numbers in module scratch: in V8 a number that comes from a call that is not inlined
 * is a heap object, and one carried by a search's loop makes every iterate a new heap object, for
 * every contended pod and step. [t, survival at t] of {@link mixSurvivalAt}; [q, upper end, guess,
 * quantile] of {@link mixQuantile}; [t, bracket end, threshold] of the neighbour probes.
 */
const at = new Float64Array(2);
const AT_T = 0;
const AT_SURVIVAL = 1;
const search = new Float64Array(4);
const SEARCH_Q = 0;
const SEARCH_HI = 1;
const SEARCH_GUESS = 2;
const SEARCH_RESULT = 3;
const probe = new Float64Array(3);
const PROBE_T = 0;
const PROBE_END = 1;
const PROBE_THRESHOLD = 2;

/** Survival of the mixture at `at[AT_T]`, into `at[AT_SURVIVAL]`. */
function mixSurvivalAt(): void {
  const t = at[AT_T]!;
  const p = mix[MIX_P]!;
  const tau = mix[MIX_TAU]!;
  const f = mix[MIX_F]!;
  const free = survivalFromQuantiles(laws, 0, t);
  const left = t <= f ? 1 : tau < Infinity ? Math.max(0, 1 - (t - f) / tau) : 1;
  // Past the burst's end a survival in [0, 1] times 0 is 0, which max(free, ·) drops: skip it.
  if (left === 0 && queueLawKnown) {
    at[AT_SURVIVAL] = (1 - p) * free + p * free;
    return;
  }
  const queue = mixQueued ? survivalFromQuantiles(laws, 3, t) : 1;
  // Meeting a burst never makes a request faster: the contended law is at least the free one
  // (throttling stalls and backlog are in both).
  at[AT_SURVIVAL] = (1 - p) * free + p * Math.max(free, queue * left);
}

/** Secant steps that narrow the crossing before the bisection is replayed. */
const maxSecantSteps = 8;
/** The secant stops once its bracket is this narrow, relative: far inside the bisection's 1e-3. */
const secantTolerance = 1e-9;
/** Relative distance from 1 − q a survival must keep to decide the bisection's test for a whole side. */
const sideMargin = 1e-12;

/**
 * Smallest t with mixture survival ≤ 1 − q (q, hi and guess read from `search`): the bisection on
 * [0, hi] to {@link relTolerance}, its final upper end written to `search`. The survival is non-increasing in t, so once one point a is known
 * to lie clearly above 1 − q and one point b clearly below, every bisection midpoint at or left of
 * a passes the test and every one at or right of b fails it: those need no evaluation. A few secant
 * steps on log-survival (each law is log-linear between its quantiles), from guess (the free law's
 * quantile, a lower bound that is often the answer), find a narrow [a, b] first;
 * then the bisection is replayed with the same midpoints, evaluating only those inside (a, b). The
 * answer is the plain bisection's to the bit, at about half its evaluations.
 */
function mixQuantile(): void {
  const q = search[SEARCH_Q]!;
  const guess = search[SEARCH_GUESS]!;
  const target = 1 - q;
  let top = Math.max(search[SEARCH_HI]!, 1e-9);
  at[AT_T] = top;
  mixSurvivalAt();
  let topS = at[AT_SURVIVAL]!;
  let a = 0;
  let aS = 1;
  // Double until the survival is at most 1 − q, as the bisection's bracket does (60 times at most;
  // the last doubled end is not evaluated, and then every midpoint is).
  let bracketed = true;
  for (let k = 0; k < 60 && topS > target; k++) {
    a = top;
    aS = topS;
    top *= 2;
    if (k === 59) bracketed = false;
    else {
      at[AT_T] = top;
      mixSurvivalAt();
      topS = at[AT_SURVIVAL]!;
    }
  }
  let b = top;
  // A survival must lie this far from 1 − q to decide the test for a whole side.
  const clearlyAbove = target * (1 + sideMargin);
  const clearlyBelow = target * (1 - sideMargin);
  if (!bracketed || !(aS > clearlyAbove)) a = 0;
  if (bracketed && !(topS < clearlyBelow)) {
    // The bracket's end at the crossing within rounding (hi0 is often the free law's own quantile):
    // its neighbour a relative 1e-9 below is the other side.
    probe[PROBE_T] = top;
    probe[PROBE_END] = a;
    probe[PROBE_THRESHOLD] = clearlyAbove;
    neighbourBelow();
    a = probe[PROBE_END]!;
  } else if (bracketed) {
    const logTarget = Math.log(target);
    let ga = a === 0 ? Infinity : Math.log(aS) - logTarget;
    let gb = Math.log(topS) - logTarget;
    let lastSide = 0;
    for (let it = 0; it < maxSecantSteps && b - a > secantTolerance * b; it++) {
      let t = it === 0 ? guess : Number.isFinite(ga) && Number.isFinite(gb) && ga !== gb ? b - (gb * (b - a)) / (gb - ga) : 0.5 * (a + b);
      if (!(t > a && t < b)) t = 0.5 * (a + b);
      at[AT_T] = t;
      mixSurvivalAt();
      const s = at[AT_SURVIVAL]!;
      const g = Math.log(s) - logTarget;
      if (s > clearlyAbove) {
        a = t;
        ga = g;
        // Illinois: when the same end moves twice, halve the other's value so the secant cannot stall.
        if (lastSide === 1) gb *= 0.5;
        lastSide = 1;
      } else if (s < clearlyBelow) {
        b = t;
        gb = g;
        if (lastSide === -1) ga *= 0.5;
        lastSide = -1;
      } else {
        // At the crossing within rounding (typically the free law's own quantile, where the mixture
        // equals it): the crossing is bracketed by its two neighbours a relative 1e-9 away.
        probe[PROBE_T] = t;
        probe[PROBE_END] = a;
        probe[PROBE_THRESHOLD] = clearlyAbove;
        neighbourBelow();
        a = probe[PROBE_END]!;
        probe[PROBE_END] = b;
        probe[PROBE_THRESHOLD] = clearlyBelow;
        neighbourAbove();
        b = probe[PROBE_END]!;
        break;
      }
    }
  }
  // The bisection on [0, top], its midpoints at or left of a passing and at or right of b failing
  // without an evaluation.
  let lo = 0;
  let hi = top;
  while (hi - lo > relTolerance * hi) {
    const mid = 0.5 * (lo + hi);
    let above = mid <= a;
    if (!above && mid < b) {
      at[AT_T] = mid;
      mixSurvivalAt();
      above = at[AT_SURVIVAL]! > target;
    }
    if (above) lo = mid;
    else hi = mid;
  }
  search[SEARCH_RESULT] = hi;
}

/**
 * t's neighbour a relative {@link secantTolerance} below, if its survival is clearly above 1 − q
 * (`probe[PROBE_THRESHOLD]`) and it raises the bracket's end `probe[PROBE_END]`: into
 * `probe[PROBE_END]`, which keeps its value otherwise. t is `probe[PROBE_T]`.
 */
function neighbourBelow(): void {
  const below = probe[PROBE_T]! * (1 - secantTolerance);
  if (!(below > probe[PROBE_END]!)) return;
  at[AT_T] = below;
  mixSurvivalAt();
  if (at[AT_SURVIVAL]! > probe[PROBE_THRESHOLD]!) probe[PROBE_END] = below;
}

/** As {@link neighbourBelow} a relative {@link secantTolerance} above t, for a survival clearly below 1 − q that lowers the end. */
function neighbourAbove(): void {
  const above = probe[PROBE_T]! * (1 + secantTolerance);
  if (!(above < probe[PROBE_END]!)) return;
  at[AT_T] = above;
  mixSurvivalAt();
  if (at[AT_SURVIVAL]! < probe[PROBE_THRESHOLD]!) probe[PROBE_END] = above;
}

/**
 * {@link podLatencyStep} with burst interference: backlog, utilisation and reason are those of the
 * free condition (the mean CPU received is unchanged); p50/p90/p99 are the mixture's, and the SLO
 * counts the whole step when the mixture's SLO percentile is above the threshold. Without
 * interference (p = 0, or a contended rate within burstInterferenceMinSlowdown of the free one) the
 * result equals podLatencyStep's exactly.
 */
export function podLatencyContendedStep(x: LatencyStepInput, out: Float64Array): void {
  podLatencyStep(x, out);
  const p = Math.min(1, x.contentionProb);
  const free = x.burstCores;
  if (!(p > 0) || !(x.contendedBurstCores < free * (1 - burstInterferenceMinSlowdown)) || !(out[LAT_P99]! > 0)) return;
  // Only the contended quantiles are needed: no SLO pass for that condition.
  const slo = x.sloSeconds;
  x.burstCores = x.contendedBurstCores;
  x.sloSeconds = Infinity;
  podLatencyStep(x, contOut);
  x.burstCores = free;
  x.sloSeconds = slo;
  const queued = contOut[LAT_UTILIZATION]! < 1 && Number.isFinite(contOut[LAT_P99]!);
  const tau = x.contentionSeconds;
  // Overloaded during a burst of unknown length: fall back to the contended queue's own result.
  const useQueue = queued || !(tau < Infinity);
  for (let j = 0; j < 3; j++) {
    laws[j] = out[LAT_P50 + j]!;
    laws[3 + j] = contOut[LAT_P50 + j]!;
  }
  const f = laws[0]!;
  queueLawKnown = !Number.isNaN(laws[3]) && !Number.isNaN(laws[4]) && !Number.isNaN(laws[5]);
  mix[MIX_P] = p;
  mix[MIX_TAU] = tau;
  mix[MIX_F] = f;
  mixQueued = useQueue;
  for (let j = 0; j < 3; j++) {
    const hi = Math.max(laws[j]!, useQueue ? laws[3 + j]! : f + tau);
    search[SEARCH_Q] = quantiles[j]!;
    search[SEARCH_HI] = hi;
    search[SEARCH_GUESS] = laws[j]!;
    mixQuantile();
    out[LAT_P50 + j] = search[SEARCH_RESULT]!;
  }
  // The SLO counts a step lost to contention: the mixture is above the threshold where the free law
  // is not (otherwise podLatencyStep's own SLO accounting, which leaves out the throttled-latency
  // floors, stands).
  const tail = 1 - x.sloQuantile;
  if (slo < Infinity && survivalFromQuantiles(laws, 0, slo) <= tail) {
    at[AT_T] = slo;
    mixSurvivalAt();
    if (at[AT_SURVIVAL]! > tail) out[LAT_SLO_VIOLATED_SECONDS] = x.stepSeconds;
  }
}
