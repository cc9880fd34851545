import { max } from 'd3-array';
import { erlangC, normalQuantile } from '../models/cpu/queueing.js';
import { alignSeries } from './align-series.js';
import { MAX_SERVICE_RATIO, MAX_THROTTLED_RATIO, MAX_WAIT_PROBABILITY, MIN_POINTS, PROBIT_TAIL } from './defaults.js';
import type { ParameterEstimate } from './fit-workload.js';
import type { LatencyHistogram } from './latency-histogram.js';
import type { WorkloadRecording } from './recording.js';
import { robustRegression } from './robust-regression.js';

/** What the recorded latency says about a workload. */
export interface LatencyFit {
  /** Medians over the recording of the recorded quantiles, ms, and how many sample times had them. */
  readonly recorded: { readonly p50Ms: number; readonly p90Ms: number; readonly p99Ms: number; readonly maxP99Ms: number; readonly points: number };
  /** Spread of CPU per request, from the queue-free points; null when there are too few. */
  readonly cpuPerRequestCv: ParameterEstimate | null;
  /** Queue-free points used. */
  readonly points: number;
  /** Mean service time the queue-free histograms imply (log-normal: median × e^(σ²/2)), ms. */
  readonly impliedServiceMs: number | null;
  readonly warnings: readonly string[];
}

/** How the queue-free points are chosen. */
export interface CvFitInput {
  /** CPU per request used to tell queue-free points, ms (the CPU fit's, else the scenario's). */
  readonly cpuPerRequestMs: number;
  /** Worker threads per pod: the servers of the queue. */
  readonly workerThreads: number;
  /** The pod's CPU limit, cores (Infinity = none): with the workers it sets the servers and their speed. */
  readonly limitCores: number;
  readonly stepMs: number;
}

/**
 * Fits `cpuPerRequestCv` from a recorded latency histogram through the model's queueing formula
 * (docs/models/latency.md). Where a pod's modelled probability of waiting, Erlang C(servers,
 * λ × service time) with the model's server pool, is below MAX_WAIT_PROBABILITY, latency is the
 * service time alone, which the model draws from a log-normal with the CPU's coefficient of
 * variation. For a log-normal Φ⁻¹(F(le)) = (ln le − μ) / σ, so at each such point the bucket
 * bounds and their cumulative shares lie on a line of slope 1/σ (a probit plot): no interpolation
 * inside buckets, so coarse buckets cost points, not accuracy. The slopes are pooled by a Huber
 * location with the intervals of robust-regression.ts, σ = 1 / slope and cv = √(e^(σ²) − 1). A
 * slope does not depend on how fast a request runs, so the estimate holds under any CPU limit; it
 * does rest on latency being CPU time, so cv is not identified when the histograms imply a mean
 * service time more than MAX_SERVICE_RATIO from cpuPerRequest at the pool's speed. Pure.
 */
export function fitCpuCv(rec: WorkloadRecording, input: CvFitInput): LatencyFit | null {
  const lq = rec.latencyQuantiles;
  const h = rec.latencyHistogram;
  if (!lq || !h || !rec.rps || !rec.replicas) return null;
  const warnings: string[] = [];
  const recorded = {
    p50Ms: median(lq.p50.values), p90Ms: median(lq.p90.values), p99Ms: median(lq.p99.values),
    maxP99Ms: max(lq.p99.values) ?? -Infinity, points: lq.p50.timesMs.length,
  };
  const rows = { timesMs: h.timesMs, values: h.timesMs.map((_, i) => i) };
  const a = alignSeries([rec.rps, rec.replicas, rows, ...(rec.throttledRatio ? [rec.throttledRatio] : [])], input.stepMs);
  const [rps, replicas, row, throttled] = a.columns;
  // The model's server pool (request-latency.ts): the pod serves on R = min(limit, workers) cores,
  // c = ⌈R⌉ requests at once (one thread each), each at R / c ≤ 1 core.
  const poolCores = Math.min(input.limitCores, input.workerThreads);
  const servers = Math.max(1, Math.min(input.workerThreads, Math.ceil(poolCores)));
  const speed = Math.min(1, poolCores / servers);
  const serviceSeconds = input.cpuPerRequestMs / 1000 / speed;
  const slopes: number[] = [];
  const medians: number[] = [];
  let queued = 0;
  const candidates: number[] = [];
  a.timesMs.forEach((_, i) => {
    const r = rps![i];
    const n = replicas![i];
    const k = row![i];
    if (r == null || n == null || n < 0.5 || r <= 0 || k == null) return;
    if (throttled && throttled[i] != null && throttled[i]! > MAX_THROTTLED_RATIO) return;
    if (h.counts[Math.round(k)]?.some((c) => c === null) ?? true) return;
    if (erlangC(servers, (r / n) * serviceSeconds) >= MAX_WAIT_PROBABILITY) return void queued++;
    candidates.push(Math.round(k));
  });
  // Which bounds enter the probit lines is decided once, on all queue-free requests together:
  // choosing per point on its own shares would keep a bound when its noise pulls it inward and
  // drop it otherwise, which tilts the lines.
  const bounds = usableBounds(h, candidates);
  let coarse = 0;
  for (const k of candidates) {
    const line = bounds.length >= 2 ? probitLine(h, k, bounds) : null;
    if (!line) {
      coarse++;
      continue;
    }
    slopes.push(line.slope);
    medians.push(Math.exp(-line.intercept / line.slope) * 1000);
  }
  const base = { recorded, points: slopes.length, impliedServiceMs: null, cpuPerRequestCv: null };
  if (slopes.length < MIN_POINTS) {
    const why = [queued > 0 && `${queued} with queueing`, coarse > 0 && `${coarse} with fewer than two buckets between ${PROBIT_TAIL * 100} % and ${100 - PROBIT_TAIL * 100} % of the requests`].filter(Boolean).join(', ');
    warnings.push(`cpuPerRequestCv not fitted: ${slopes.length} queue-free latency point(s) with usable buckets, need ${MIN_POINTS}${why ? ` (left out: ${why})` : ''}`);
    return { ...base, warnings };
  }
  // The slope 1/σ is what each point measures without bias; σ = 1/slope after pooling (pooling
  // 1/slope instead would lean high, 1/x being convex).
  const fit = robustRegression(slopes.map(() => [1]), slopes);
  if (!fit || !(fit.coefficients[0]! > 0)) return { ...base, warnings: [...warnings, 'cpuPerRequestCv not fitted: the latency points do not determine a spread'] };
  const sigma = 1 / fit.coefficients[0]!;
  const [bLow, bHigh] = fit.intervals[0]!;
  const sLow = 1 / bHigh;
  const sHigh = bLow > 0 ? 1 / bLow : Infinity;
  const cvOf = (s: number) => (s === Infinity ? Infinity : Math.sqrt(Math.expm1(Math.max(0, s) ** 2)));
  const impliedServiceMs = median(medians) * Math.exp((sigma * sigma) / 2);
  const value = cvOf(sigma);
  if (!Number.isFinite(value)) return { ...base, warnings: [...warnings, 'cpuPerRequestCv not fitted: the buckets are too flat for a log-normal service time (σ beyond range)'] };
  const low = cvOf(sLow);
  const high = cvOf(sHigh);
  let identified = value > 0 && Number.isFinite(high) && (high - low) / 2 <= value;
  const expectedMs = serviceSeconds * 1000;
  const ratio = impliedServiceMs / expectedMs;
  if (ratio > MAX_SERVICE_RATIO || ratio < 1 / MAX_SERVICE_RATIO) {
    identified = false;
    warnings.push(`cpuPerRequestCv not identified: the queue-free latency implies ${impliedServiceMs.toPrecision(3)} ms per request against ${expectedMs.toPrecision(3)} ms of CPU at the speed the model gives one request, so latency holds more than CPU time (I/O, calls to other services) and its spread is not that of CPU per request`);
  }
  // An unbounded upper end is written as the largest finite number JSON can hold: no Infinity in output.
  return { recorded, points: slopes.length, impliedServiceMs, cpuPerRequestCv: { value, low, high: Number.isFinite(high) ? high : Number.MAX_VALUE, identified }, warnings };
}

/** Indices of the finite, positive bounds whose share of all the given samples' requests is inside [PROBIT_TAIL, 1 − PROBIT_TAIL]. */
function usableBounds(h: LatencyHistogram, rows: readonly number[]): number[] {
  const sums = h.bounds.map((_, j) => rows.reduce((acc, k) => acc + (h.counts[k]![j] ?? 0), 0));
  const total = sums[sums.length - 1]!;
  if (!(total > 0)) return [];
  return h.bounds.flatMap((le, j) => (le !== Infinity && le > 0 && sums[j]! / total >= PROBIT_TAIL && sums[j]! / total <= 1 - PROBIT_TAIL ? [j] : []));
}

/**
 * Least-squares line of Φ⁻¹(share of requests ≤ le) against ln(le) over one sample's `bounds`
 * (shares kept half a request away from 0 and 1); null when the sample has no requests or the
 * slope is not positive.
 */
function probitLine(h: LatencyHistogram, i: number, bounds: readonly number[]): { slope: number; intercept: number } | null {
  const counts = h.counts[i]!;
  const total = counts[counts.length - 1]!;
  if (!(total > 0)) return null;
  let running = 0;
  const cumulative = counts.map((c) => (running = Math.max(running, c!)));
  const half = 0.5 / Math.max(1, total);
  const xs = bounds.map((j) => Math.log(h.bounds[j]!));
  const ys = bounds.map((j) => normalQuantile(Math.min(1 - half, Math.max(half, cumulative[j]! / total))));
  const mx = xs.reduce((acc, x) => acc + x, 0) / xs.length;
  const my = ys.reduce((acc, y) => acc + y, 0) / ys.length;
  const sxx = xs.reduce((acc, x) => acc + (x - mx) ** 2, 0);
  const slope = xs.reduce((acc, x, k) => acc + (x - mx) * (ys[k]! - my), 0) / sxx;
  return slope > 0 ? { slope, intercept: my - slope * mx } : null;
}

function median(v: readonly number[]): number {
  const s = [...v].sort((a, b) => a - b);
  if (s.length === 0) return 0;
  return s.length % 2 ? s[s.length >> 1]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
}
