import { max, min } from 'd3-array';
import { medianSpacingMs } from '../models/load/resample-series.js';
import { alignSeries } from './align-series.js';
import { fitCpuCv, type LatencyFit } from './fit-cpu-cv.js';
import { MAX_LAG_MS, MAX_THROTTLED_RATIO, MIN_LOAD_CV, MIN_POINTS, SETTLE_MS } from './defaults.js';
import type { WorkloadRecording } from './recording.js';
import { robustRegression, type RobustFit } from './robust-regression.js';

/** One fitted parameter: the estimate, its 95 % interval and whether the data pin it down. */
export interface ParameterEstimate {
  readonly value: number;
  readonly low: number;
  readonly high: number;
  /** False when the interval is too wide to use or the data cannot separate it from another. */
  readonly identified: boolean;
}

/** How points are chosen. */
export interface FitOptions {
  /** Points this long after a replica change are left out. @default SETTLE_MS */
  readonly settleMs?: number;
  /** Largest delay of the CPU series behind the request rate that is searched. @default MAX_LAG_MS */
  readonly maxLagMs?: number;
  /** Worker threads per pod, for the queue-free latency points of the cv fit. @default 1 */
  readonly workerThreads?: number;
  /** CPU per request to use for the cv fit when the CPU fit does not identify it, ms (the scenario's). */
  readonly fallbackCpuPerRequestMs?: number;
  /** The pod's CPU limit in cores, for the cv fit's server pool. @default Infinity (none) */
  readonly limitCores?: number;
}

/** The fit of one workload's CPU model: CPU per pod = idleCpu + cpuPerRequest × requests/s per pod. */
export interface WorkloadFit {
  readonly workload: string;
  readonly stepMs: number;
  /** Delay of the CPU series behind the request rate used in the fit. */
  readonly lagMs: number;
  readonly points: number;
  readonly excluded: { readonly missing: number; readonly settling: number; readonly throttled: number };
  /** CPU time per request, ms. */
  readonly cpuPerRequestMs: ParameterEstimate | null;
  /** CPU per pod at no load, millicores. */
  readonly idleCpuMilli: ParameterEstimate | null;
  /**
   * How CPU per request grows with load: ms of extra CPU per request for each request/s per pod
   * (the quadratic term of the fit); null when not fitted.
   */
  readonly loadGrowthMs: ParameterEstimate | null;
  /** Spread of CPU per request, from the recorded latency histogram (fit-cpu-cv.ts); null when not fitted. */
  readonly cpuPerRequestCv: ParameterEstimate | null;
  /** What the recorded latency quantiles say; null when no histogram was recorded. */
  readonly latency: LatencyFit | null;
  /** Range of requests/s per pod the fit saw. */
  readonly loadRange: { readonly min: number; readonly max: number; readonly mean: number } | null;
  readonly rSquared: number | null;
  /** Robust residual scale, millicores per pod. */
  readonly residualMilli: number | null;
  readonly downweighted: number;
  readonly warnings: readonly string[];
  /** Recorded and fitted CPU per pod over time, for the charts (null = not used). */
  readonly chart: { readonly timesMs: readonly number[]; readonly recordedMilli: readonly (number | null)[]; readonly fittedMilli: readonly (number | null)[] };
}

/**
 * Fits the CPU model of one workload from its recording. Points are per-pod averages on the
 * recording's own step: requests/s per ready pod against CPU cores per ready pod. Left out: points
 * where a series is missing (a gap), points within SETTLE_MS of a replica change (warming pods,
 * rate windows straddling the change) and throttled points (usage capped by the CPU limit).
 * Pure.
 */
export function fitWorkload(rec: WorkloadRecording, options: FitOptions = {}): WorkloadFit {
  const fit = fitCpuModel(rec, options);
  const cpr = fit.cpuPerRequestMs?.identified && fit.cpuPerRequestMs.value > 0 ? fit.cpuPerRequestMs.value : options.fallbackCpuPerRequestMs;
  const stepMs = fit.stepMs || (rec.rps ? Math.max(1, medianSpacingMs(rec.rps)) : 0);
  const latency = cpr !== undefined && stepMs > 0 ? fitCpuCv(rec, { cpuPerRequestMs: cpr, workerThreads: options.workerThreads ?? 1, limitCores: options.limitCores ?? Infinity, stepMs }) : null;
  if (!latency) return fit;
  return { ...fit, latency, cpuPerRequestCv: latency.cpuPerRequestCv, warnings: [...fit.warnings, ...latency.warnings] };
}

/** The CPU model's fit alone (fitWorkload adds the latency). */
function fitCpuModel(rec: WorkloadRecording, options: FitOptions): WorkloadFit {
  const settleMs = options.settleMs ?? SETTLE_MS;
  const maxLagMs = options.maxLagMs ?? MAX_LAG_MS;
  const warnings: string[] = [];
  const empty = (why: string): WorkloadFit => ({
    workload: rec.workload, stepMs: 0, lagMs: 0, points: 0, excluded: { missing: 0, settling: 0, throttled: 0 },
    cpuPerRequestMs: null, idleCpuMilli: null, loadGrowthMs: null, cpuPerRequestCv: null, latency: null, loadRange: null, rSquared: null, residualMilli: null, downweighted: 0,
    warnings: [why], chart: { timesMs: [], recordedMilli: [], fittedMilli: [] },
  });
  if (!rec.rps || !rec.cpuCores || !rec.replicas) {
    const missing = [!rec.rps && 'request rate', !rec.cpuCores && 'CPU usage', !rec.replicas && 'replicas'].filter(Boolean).join(', ');
    return empty(`not fitted: the recording has no ${missing}`);
  }
  const stepMs = Math.max(1, medianSpacingMs(rec.rps));
  const series = [rec.rps, rec.cpuCores, rec.replicas, ...(rec.throttledRatio ? [rec.throttledRatio] : [])];
  const aligned = alignSeries(series, stepMs);
  const [rps, cpu, replicas, throttled] = aligned.columns as [(number | null)[], (number | null)[], (number | null)[], (number | null)[] | undefined];
  const pointsAt = (lag: number) => {
    const excluded = { missing: 0, settling: 0, throttled: 0 };
    const rows: number[][] = [];
    const ys: number[] = [];
    let lastChangeMs = -Infinity;
    let lastReplicas: number | null = null;
    aligned.timesMs.forEach((t, i) => {
      const r = replicas[i];
      if (r != null && lastReplicas != null && Math.round(r) !== Math.round(lastReplicas)) lastChangeMs = t;
      if (r != null) lastReplicas = r;
      const j = i + lag;
      const rc = replicas[j];
      if (rps[i] == null || cpu[j] == null || r == null || r < 0.5 || rc == null || rc < 0.5) return void excluded.missing++;
      if (t - lastChangeMs < settleMs || Math.round(rc) !== Math.round(r)) return void excluded.settling++;
      if (throttled && throttled[j] != null && throttled[j]! > MAX_THROTTLED_RATIO) return void excluded.throttled++;
      rows.push([1, rps[i]! / r]);
      ys.push(cpu[j]! / rc);
    });
    return { excluded, rows, ys };
  };
  // The CPU series can trail the request rate (a metrics-server window, a recording rule): the
  // delay that leaves the smallest robust residual is taken.
  let lagSteps = 0;
  let best = pointsAt(0);
  let bestScale = robustRegression(best.rows, best.ys)?.residualScale ?? Infinity;
  for (let k = 1; k * stepMs <= maxLagMs; k++) {
    const candidate = pointsAt(k);
    if (candidate.rows.length < Math.max(MIN_POINTS, best.rows.length / 2)) continue;
    const scale = robustRegression(candidate.rows, candidate.ys)?.residualScale ?? Infinity;
    if (scale < bestScale * 0.98) {
      best = candidate;
      bestScale = scale;
      lagSteps = k;
    }
  }
  const { excluded, rows, ys } = best;
  if (lagSteps > 0) warnings.push(`CPU series trails the request rate by ${(lagSteps * stepMs) / 1000} s (the delay with the smallest residual); fitted with that delay`);
  if (excluded.settling > 0) warnings.push(`${excluded.settling} point(s) within ${settleMs / 1000} s of a replica change left out (pods starting)`);
  if (excluded.throttled > 0) warnings.push(`${excluded.throttled} throttled point(s) left out: CPU capped by the limit says less than the requests needed`);
  if (rows.length < MIN_POINTS) return { ...empty(`not fitted: ${rows.length} usable point(s), need ${MIN_POINTS}`), stepMs, excluded };
  const xs = rows.map((row) => row[1]!);
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  const sd = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / xs.length);
  const loadRange = { min: min(xs)!, max: max(xs)!, mean };
  const linear = robustRegression(rows, ys);
  // Whether the slope and the intercept can be told apart is what their intervals say; a narrow
  // load range is still worth a warning, since a curve would look like a line over it.
  const narrowLoad = mean <= 0 || sd / mean < MIN_LOAD_CV;
  if (!linear) return { ...empty('not fitted: the points do not determine a line (no variation in load)'), stepMs, excluded, loadRange, warnings: [...warnings, 'not fitted: no variation in load'] };
  const cpr = estimate(linear, 1, 1000, false);
  const idle = estimate(linear, 0, 1000, false);
  if (narrowLoad && !(cpr.identified && idle.identified)) {
    warnings.push(`load per pod nearly constant (CV ${(mean > 0 ? sd / mean : 0).toFixed(2)} < ${MIN_LOAD_CV}, as an HPA holding its target makes it): cpuPerRequest and idleCpu cannot be told apart, only CPU per pod at ${mean.toFixed(2)} requests/s per pod`);
  } else if (narrowLoad) {
    warnings.push(`load per pod varied little (CV ${(sd / mean).toFixed(2)}): the line is known only over ${loadRange.min.toFixed(2)}..${loadRange.max.toFixed(2)} requests/s per pod`);
  }
  if (idle.low < 0 && idle.value >= 0 && idle.identified) warnings.push('idleCpu interval reaches below zero: the recording has few low-load points, so idle CPU is an extrapolation');
  if (idle.value < 0) warnings.push(`idleCpu fitted below zero (${idle.value.toFixed(1)}m): written as 0; CPU may grow faster than linearly with load`);
  if (linear.residualAutocorrelation > 0.5) warnings.push(`residuals strongly autocorrelated (ρ = ${linear.residualAutocorrelation.toFixed(2)}): intervals widened accordingly; the model misses something slow`);
  let loadGrowthMs: ParameterEstimate | null = null;
  if (!narrowLoad) {
    const quadratic = robustRegression(rows.map((row) => [...row, row[1]! * row[1]!]), ys);
    if (quadratic) loadGrowthMs = estimate(quadratic, 2, 1000, false);
  }
  const fitted = (x: number) => (linear.coefficients[0]! + linear.coefficients[1]! * x) * 1000;
  const recordedMilli = aligned.timesMs.map((_, i) => (cpu[i] != null && replicas[i] != null && replicas[i]! >= 0.5 ? (cpu[i]! / replicas[i]!) * 1000 : null));
  // Fitted CPU drawn at the time the CPU series would show it (the load's time plus the delay).
  const fittedMilli = aligned.timesMs.map((_, i) => {
    const k = i - lagSteps;
    return k >= 0 && rps[k] != null && replicas[k] != null && replicas[k]! >= 0.5 ? fitted(rps[k]! / replicas[k]!) : null;
  });
  return {
    workload: rec.workload, stepMs, lagMs: lagSteps * stepMs, points: rows.length, excluded, cpuPerRequestMs: cpr, idleCpuMilli: idle, loadGrowthMs, cpuPerRequestCv: null, latency: null, loadRange,
    rSquared: linear.rSquared, residualMilli: linear.residualScale * 1000, downweighted: linear.downweighted, warnings,
    chart: { timesMs: aligned.timesMs, recordedMilli, fittedMilli },
  };
}

/** Coefficient j scaled to the parameter's unit; unidentified when told so or its interval is wider than ±100 %. */
function estimate(fit: RobustFit, j: number, scale: number, unidentified: boolean): ParameterEstimate {
  const [low, high] = fit.intervals[j]!;
  const value = fit.coefficients[j]! * scale;
  const halfWidth = ((high - low) / 2) * scale;
  return { value, low: low * scale, high: high * scale, identified: !unidentified && halfWidth <= Math.abs(value) };
}
