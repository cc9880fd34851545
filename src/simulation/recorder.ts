import { Periodic, Priority } from '../engine/index.js';
import type { Simulation } from './simulation.js';
import { NodePhase, PodPhase } from './pod-phase.js';
import { WorkloadAccumulators } from './workload-accumulators.js';
import type { PoolSeries, RunResult, Series, WorkloadSeries } from './run-result.js';
import { withLazyProperty } from '../engine/lazy-property.js';
import { SeriesBuffer } from './series-buffer.js';

/** A workload's or a pool's series while the run records them (series-buffer.ts). */
type Buffers<T> = { readonly [K in keyof T]: SeriesBuffer };

/** Every series of a finished run, as its result holds them. */
export interface RecordedSeries {
  readonly costUsd: Series;
  readonly workloads: readonly WorkloadSeries[];
  readonly pools: readonly PoolSeries[];
}

/**
 * Samples the run every `sampleIntervalMs` (after every other event of that instant): the
 * interval's accumulated CPU, throttling and latency, replica and node counts, cumulative cost.
 */
export class Recorder {
  readonly interval: WorkloadAccumulators;
  readonly totals: WorkloadAccumulators;
  readonly timeMs: number[] = [];
  private readonly costUsd = new SeriesBuffer();
  private readonly workloadSeries: Buffers<WorkloadSeries>[];
  private readonly poolSeries: Buffers<PoolSeries>[];
  readonly pendingPodSeconds: Float64Array;
  /** Pod-seconds per workload, and per (workload, other) pod-seconds on a node shared with the other. */
  readonly colocation: { podSeconds: Float64Array; withSeconds: Float64Array[] };
  /** Names of the nodes where a pod of workload i ran beside a pod of workload j, seen at the samples. */
  readonly colocationNodes: (Set<string> | undefined)[][];
  readonly peakPending: Float64Array;
  /**
   * Each node slot's version when its co-located pairs were last recorded: the pairs only grow,
   * so a node whose pods did not change since adds nothing and is skipped (at a thousand nodes
   * the pairs were most of a sample's cost).
   */
  private colocationSeenVersion = new Int32Array(0);

  constructor(private readonly sim: Simulation) {
    const n = sim.workloads.length;
    this.interval = new WorkloadAccumulators(n, sim.containerCount);
    this.totals = new WorkloadAccumulators(n, sim.containerCount);
    this.pendingPodSeconds = new Float64Array(n);
    this.colocation = { podSeconds: new Float64Array(n), withSeconds: Array.from({ length: n }, () => new Float64Array(n)) };
    // Sets only for pairs that met: workloads squared empty sets were hundreds of MB at 2,000 workloads.
    this.colocationNodes = Array.from({ length: n }, () => new Array<Set<string> | undefined>(n));
    this.peakPending = new Float64Array(n);
    this.workloadSeries = sim.workloads.map(() => ({
      desiredReplicas: new SeriesBuffer(),
      readyReplicas: new SeriesBuffer(),
      pendingPods: new SeriesBuffer(),
      rps: new SeriesBuffer(),
      droppedRps: new SeriesBuffer(),
      cpuDemandCores: new SeriesBuffer(),
      cpuReceivedCores: new SeriesBuffer(),
      cpuRequestedCores: new SeriesBuffer(),
      throttledRatio: new SeriesBuffer(),
      latencyP99Ms: new SeriesBuffer(),
      sloViolatedSeconds: new SeriesBuffer(),
      nrPeriods: new SeriesBuffer(),
      nrThrottled: new SeriesBuffer(),
    }));
    this.poolSeries = sim.pools.map(() => ({ nodes: new SeriesBuffer(), readyNodes: new SeriesBuffer(), costUsd: new SeriesBuffer() }));
  }

  start(): void {
    const every = this.sim.scenario.sampleIntervalMs;
    this.sample(0);
    new Periodic(this.sim.env, 'recorder', every, (now) => this.sample(now), Priority.late).start(every);
  }

  private sample(now: number): void {
    const { sim, interval } = this;
    const s = sim.state;
    const seconds = this.timeMs.length === 0 ? 0 : (now - this.timeMs[this.timeMs.length - 1]!) / 1000;
    this.timeMs.push(now);
    const ready = new Array<number>(sim.workloads.length).fill(0);
    const pending = new Array<number>(sim.workloads.length).fill(0);
    const onNode = new Map<number, Set<number>>();
    if (this.colocationSeenVersion.length < s.nodeHighWater) {
      const grown = new Int32Array(s.nodeCapacity).fill(-1);
      grown.set(this.colocationSeenVersion);
      this.colocationSeenVersion = grown;
    }
    const seen = this.colocationSeenVersion;
    for (let p = 0; p < s.podHighWater; p++) {
      const phase = s.podPhase[p]!;
      if (phase === PodPhase.ready) ready[s.podWorkload[p]!]!++;
      else if (phase === PodPhase.pending) pending[s.podWorkload[p]!]!++;
      const node = s.podNode[p]!;
      if (node >= 0 && phase !== PodPhase.free && seen[node] !== s.nodeVersion[node]) {
        let set = onNode.get(node);
        if (!set) onNode.set(node, (set = new Set()));
        set.add(s.podWorkload[p]!);
      }
    }
    for (const [node, present] of onNode) {
      for (const i of present) {
        const row = this.colocationNodes[i]!;
        for (const j of present) if (i !== j) (row[j] ??= new Set()).add(s.nodeName[node]!);
      }
      seen[node] = s.nodeVersion[node]!;
    }
    for (const w of sim.workloads) {
      const i = w.index;
      const series = this.workloadSeries[i]!;
      series.desiredReplicas.push(w.desiredReplicas);
      series.readyReplicas.push(ready[i]!);
      series.pendingPods.push(pending[i]!);
      series.cpuRequestedCores.push((ready[i]! * w.config.requests.cpuMilli) / 1000);
      this.pendingPodSeconds[i]! += pending[i]! * seconds;
      this.peakPending[i] = Math.max(this.peakPending[i]!, pending[i]!);
      if (seconds === 0) {
        series.rps.push(null);
        series.droppedRps.push(null);
        series.cpuDemandCores.push(null);
        series.cpuReceivedCores.push(null);
        series.throttledRatio.push(null);
        series.latencyP99Ms.push(null);
        series.sloViolatedSeconds.push(null);
        series.nrPeriods.push(null);
        series.nrThrottled.push(null);
        continue;
      }
      series.rps.push(interval.requests[i]! / seconds);
      series.droppedRps.push(interval.droppedRequests[i]! / seconds);
      series.cpuDemandCores.push(interval.cpuDemandCoreSeconds[i]! / seconds);
      series.cpuReceivedCores.push(interval.cpuReceivedCoreSeconds[i]! / seconds);
      const periods = interval.nrPeriods[i]!;
      series.throttledRatio.push(periods > 0 ? interval.nrThrottled[i]! / periods : 0);
      const p99 = interval.latency[i]!.quantile(0.99);
      series.latencyP99Ms.push(p99 === null ? null : p99 * 1000);
      series.sloViolatedSeconds.push(interval.sloViolatedSeconds[i]!);
      series.nrPeriods.push(periods);
      series.nrThrottled.push(interval.nrThrottled[i]!);
    }
    let totalCost = 0;
    for (const pool of sim.pools) {
      let billed = 0;
      let readyNodes = 0;
      for (let n = 0; n < s.nodeHighWater; n++) {
        if (s.nodePool[n] !== pool.index || s.nodePhase[n] === NodePhase.free) continue;
        billed++;
        if (s.nodePhase[n] === NodePhase.ready) readyNodes++;
      }
      const cost = sim.billing.pool(pool).costUsd;
      totalCost += cost;
      const series = this.poolSeries[pool.index]!;
      series.nodes.push(billed);
      series.readyNodes.push(readyNodes);
      series.costUsd.push(cost);
    }
    this.costUsd.push(totalCost);
    this.totals.add(interval);
    interval.reset();
  }

  /** The series recorded, once the run is over. */
  finish(): RecordedSeries {
    return {
      costUsd: this.costUsd.toSeries(),
      workloads: this.workloadSeries.map((b) => materialize(b)),
      pools: this.poolSeries.map((b) => materialize(b)),
    };
  }

  /**
   * The series as a run's result holds them, each group made into arrays only when first read: a
   * compare keeps every run's result until its report, and arrays made at the end of a run were
   * copied by the collector while the next runs went on; output without series never reads them.
   * Holds the buffers and the names alone, not the recorder or the simulation.
   */
  resultSeries(poolNames: readonly string[], workloadNames: readonly string[]): RunResult['series'] {
    const { costUsd, poolSeries, workloadSeries } = this;
    const series = { timeMs: this.timeMs };
    const withCost = withLazyProperty(series, 'costUsd', () => costUsd.toSeries());
    const withPools = withLazyProperty(withCost, 'pools', () => Object.fromEntries(poolNames.map((name, i) => [name, materialize(poolSeries[i]!)])));
    return withLazyProperty(withPools, 'workloads', () => Object.fromEntries(workloadNames.map((name, i) => [name, materialize(workloadSeries[i]!)])));
  }
}

function materialize<T>(buffers: Buffers<T>): T {
  const out: Record<string, Series> = {};
  for (const [name, buffer] of Object.entries(buffers) as [string, SeriesBuffer][]) out[name] = buffer.toSeries();
  return out as T;
}
