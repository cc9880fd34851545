import { alignSeries } from '../calibrate/align-series.js';
import { histogramQuantile } from '../calibrate/histogram-quantile.js';
import type { LatencyHistogram } from '../calibrate/latency-histogram.js';
import { EPISODE_GAP_MS, EVENT_TOLERANCE_MS } from '../calibrate/defaults.js';
import type { Recordings, WorkloadRecording } from '../calibrate/recording.js';
import { medianSpacingMs } from '../models/load/resample-series.js';
import type { Series } from '../simulation/run-result.js';
import { runSimulation } from '../simulation/run-simulation.js';
import type { Scenario } from '../scenario/types.js';
import { buildBacktestScenario, type ReplayedWorkload } from './build-backtest-scenario.js';
import { matchEpisodes, scaleEpisodes, type EpisodeMatch } from './scale-episodes.js';
import { seriesErrors, type SeriesErrors } from './series-errors.js';
import { steadyStateReplicas } from './steady-state-replicas.js';

/** One predictor's replica errors: levels and dynamics. */
export interface ReplicaScore {
  readonly name: 'simulation' | 'constant at the recorded mean' | 'steady-state formula';
  readonly errors: SeriesErrors | null;
  readonly episodes: EpisodeMatch;
}

/** Recorded vs simulated for one workload. */
export interface WorkloadBacktest {
  readonly workload: string;
  readonly replicas: readonly ReplicaScore[];
  readonly cpu: SeriesErrors | null;
  readonly throttledRatio: SeriesErrors | null;
  readonly latencyP99Ms: SeriesErrors | null;
  /**
   * Latency quantiles over the whole replay, ms: the recorded ones from the histogram summed over
   * the replayed span, the simulated ones from the run's own latency summary; null without a
   * histogram or without simulated requests.
   */
  readonly latencyQuantiles: {
    readonly recorded: { readonly p50: number; readonly p90: number; readonly p99: number };
    readonly simulated: { readonly p50: number; readonly p90: number; readonly p99: number };
  } | null;
  /** Series on the recording's grid, for the charts and the JSON. */
  readonly series: {
    readonly recordedReplicas: readonly (number | null)[];
    readonly simulatedReplicas: readonly (number | null)[];
    readonly steadyStateReplicas: readonly (number | null)[] | null;
    readonly recordedCpuCores: readonly (number | null)[];
    readonly simulatedCpuCores: readonly (number | null)[];
    readonly rps: readonly (number | null)[];
  };
  readonly notes: readonly string[];
}

export interface Backtest {
  readonly kind: 'Backtest';
  readonly schemaVersion: 1;
  readonly scenario: string;
  readonly recordings: string;
  readonly seed: number;
  readonly startMs: number;
  readonly stepMs: number;
  readonly durationMs: number;
  readonly timesMs: readonly number[];
  readonly workloads: readonly WorkloadBacktest[];
  readonly nodes: SeriesErrors | null;
  readonly notes: readonly string[];
}

/**
 * Replays the recorded load through the scenario and scores the simulated replicas, CPU,
 * throttling, latency and node count against what was recorded, next to two naive references.
 * Deterministic for a scenario, recordings and seed.
 */
export function runBacktest(
  scenario: Scenario,
  recordings: Recordings,
  names: { scenario: string; recordings: string },
  seed: number,
  window: { readonly untilMs?: number } = {},
): Backtest | { error: string } {
  const notes = [...recordings.notes];
  const usable = recordings.workloads.filter((r) => {
    const ok = r.rps && r.replicas && scenario.workloads.some((w) => w.name === r.workload);
    if (!ok) notes.push(`${r.workload}: not backtested (${scenario.workloads.some((w) => w.name === r.workload) ? 'needs a request rate and replicas' : 'not a workload of the scenario'})`);
    return ok;
  });
  if (usable.length === 0) return { error: 'no recorded workload of the scenario has both a request rate and replicas' };
  const stepMs = Math.max(1000, medianSpacingMs(usable[0]!.rps!));
  // One grid for all: the span every request-rate and replica series covers.
  const grid = alignSeries(usable.flatMap((r) => [r.rps!, r.replicas!]), stepMs);
  const first = grid.timesMs.findIndex((_, i) => grid.columns.every((c) => c[i] != null));
  if (first < 0 || grid.timesMs.length - first < 3) return { error: 'the recordings do not overlap in time (need request rate and replicas over a common span)' };
  // --until ends the replay before something the model does not cover (a manual scale, a deploy).
  const end = window.untilMs === undefined ? grid.timesMs.length : grid.timesMs.findIndex((t) => t > window.untilMs!) < 0 ? grid.timesMs.length : grid.timesMs.findIndex((t) => t > window.untilMs!);
  if (end - first < 3) return { error: `--until leaves fewer than 3 samples: the recording starts at ${new Date(grid.timesMs[first]!).toISOString()}` };
  if (window.untilMs !== undefined) notes.push(`replayed until ${new Date(window.untilMs).toISOString()} (--until): the rest of the recording is not scored`);
  const timesMs = grid.timesMs.slice(first, end);
  const startMs = timesMs[0]!;
  const durationMs = timesMs[timesMs.length - 1]! - startMs + stepMs;
  const column = (s: WorkloadRecording['rps']) => (s ? alignSeries([s], stepMs) : null);
  const onGrid = (s: WorkloadRecording['rps']): (number | null)[] => {
    const a = column(s);
    if (!a) return timesMs.map(() => null);
    const byTime = new Map(a.timesMs.map((t, i) => [t, a.columns[0]![i]!]));
    // Series on their own grid are matched to the backtest grid within half a step.
    return timesMs.map((t) => {
      const k = Math.round((t - a.timesMs[0]!) / stepMs);
      return byTime.get(a.timesMs[0]! + k * stepMs) ?? null;
    });
  };
  const replayed: ReplayedWorkload[] = usable.map((r, i) => {
    const rps = grid.columns[2 * i]!.slice(first, end);
    const reps = grid.columns[2 * i + 1]!.slice(first, end);
    const points = timesMs.map((t, k) => [t, rps[k]] as const).filter((p): p is readonly [number, number] => p[1] != null);
    return { workload: r.workload, rps: { timesMs: points.map((p) => p[0]), values: points.map((p) => p[1]) }, initialReplicas: Math.max(0, Math.round(reps[0]!)) };
  });
  const simScenario = buildBacktestScenario(scenario, replayed, durationMs, stepMs);
  const run = runSimulation(simScenario, seed);
  // The simulated sample at or before each recorded instant: what the cluster showed then. Both
  // are rates over the step that ends there (the replay is centred on the recorded windows,
  // build-backtest-scenario.ts), so they compare like with like.
  const sampleIndex: number[] = [];
  for (let i = 0, k = -1; i < timesMs.length; i++) {
    while (k + 1 < run.series.timeMs.length && run.series.timeMs[k + 1]! <= timesMs[i]! - startMs) k++;
    sampleIndex.push(k);
  }
  const simAt = (s: Series | undefined): (number | null)[] => sampleIndex.map((k) => (s && k >= 0 ? (s[k] ?? null) : null));
  const workloads: WorkloadBacktest[] = usable.map((r, i) => {
    const w = simScenario.workloads.find((x) => x.name === r.workload)!;
    const sim = run.series.workloads[r.workload];
    const recordedReplicas = grid.columns[2 * i + 1]!.slice(first, end);
    const rps = grid.columns[2 * i]!.slice(first, end);
    const simulatedReplicas = simAt(sim?.readyReplicas);
    const known = recordedReplicas.filter((v): v is number => v != null);
    const mean = known.reduce((a, b) => a + b, 0) / Math.max(1, known.length);
    const constant = recordedReplicas.map(() => mean);
    const steady = steadyStateReplicas(w, rps);
    const recordedEpisodes = scaleEpisodes(timesMs, recordedReplicas, EPISODE_GAP_MS);
    const score = (name: ReplicaScore['name'], predicted: readonly (number | null)[]): ReplicaScore => ({
      name,
      errors: seriesErrors(recordedReplicas, predicted),
      episodes: matchEpisodes(recordedEpisodes, scaleEpisodes(timesMs, predicted, EPISODE_GAP_MS), EVENT_TOLERANCE_MS),
    });
    const replicas = [score('simulation', simulatedReplicas), score('constant at the recorded mean', constant), ...(steady ? [score('steady-state formula', steady)] : [])];
    const wNotes: string[] = [];
    if (!steady) wNotes.push('no steady-state reference: the workload has no HPA on CPU utilization');
    if (recordedEpisodes.length === 0) wNotes.push('the recording has no scale event: the dynamics are not tested');
    if (r.latencyQuantiles) wNotes.push('latency: the recorded histogram\'s p99 is compared over time, and its p50, p90 and p99 over the whole replay (the simulated time series carry the p99 only)');
    const recordedCpuCores = onGrid(r.cpuCores);
    const simulatedCpuCores = simAt(sim?.cpuReceivedCores);
    return {
      workload: r.workload,
      replicas,
      cpu: r.cpuCores ? seriesErrors(recordedCpuCores, simulatedCpuCores) : null,
      throttledRatio: r.throttledRatio ? seriesErrors(onGrid(r.throttledRatio), simAt(sim?.throttledRatio)) : null,
      latencyP99Ms: r.latencyP99Ms ? seriesErrors(onGrid(r.latencyP99Ms), simAt(sim?.latencyP99Ms)) : null,
      latencyQuantiles: overallLatency(r.latencyHistogram, startMs - stepMs, timesMs[timesMs.length - 1]!, run.workloads[r.workload]?.latency),
      series: { recordedReplicas, simulatedReplicas, steadyStateReplicas: steady, recordedCpuCores, simulatedCpuCores, rps },
      notes: wNotes,
    };
  });
  const poolNodes = Object.values(run.series.pools);
  const simNodes = poolNodes.length > 0 ? simAt(run.series.timeMs.map((_, i) => poolNodes.reduce((a, p) => a + (p.nodes[i] ?? 0), 0))) : null;
  const nodes = recordings.nodes && simNodes ? seriesErrors(onGrid(recordings.nodes), simNodes) : null;
  return { kind: 'Backtest', schemaVersion: 1, scenario: names.scenario, recordings: names.recordings, seed, startMs, stepMs, durationMs, timesMs, workloads, nodes, notes };
}

/**
 * Recorded p50/p90/p99 over (fromMs, toMs]: the bucket rates summed over the span, as
 * histogram_quantile(q, sum_over_time(...)) would read them, paired with the simulated run's.
 */
function overallLatency(
  h: LatencyHistogram | null,
  fromMs: number,
  toMs: number,
  simulated: { readonly p50Ms: number | null; readonly p90Ms: number | null; readonly p99Ms: number | null } | undefined,
): WorkloadBacktest['latencyQuantiles'] {
  if (!h || !simulated || simulated.p50Ms === null || simulated.p90Ms === null || simulated.p99Ms === null) return null;
  const sums = h.bounds.map(() => 0);
  h.timesMs.forEach((t, i) => {
    const row = h.counts[i]!;
    if (t <= fromMs || t > toMs || row.some((c) => c === null)) return;
    row.forEach((c, j) => (sums[j]! += c!));
  });
  const buckets = h.bounds.map((le, j) => ({ le, count: sums[j]! }));
  const q = (x: number) => histogramQuantile(x, buckets);
  const [p50, p90, p99] = [q(0.5), q(0.9), q(0.99)];
  if (p50 === null || p90 === null || p99 === null) return null;
  return { recorded: { p50: p50 * 1000, p90: p90 * 1000, p99: p99 * 1000 }, simulated: { p50: simulated.p50Ms, p90: simulated.p90Ms, p99: simulated.p99Ms } };
}
