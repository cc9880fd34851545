import { max, quantile } from 'd3-array';
import type { Simulation } from './simulation.js';
import type { Recorder } from './recorder.js';
import type { ContainerSummary, HpaDecisionRecord, PoolSummary, RunResult, WorkloadSummary } from './run-result.js';
import type { WorkloadRuntime } from './workload-runtime.js';
import type { WorkloadAccumulators } from './workload-accumulators.js';
import { costDefaults } from '../models/cost/defaults.js';
import { cpuThrottlingHighMinutes } from '../models/cpu/cpu-throttling-high.js';
import { summarizeNodeAutoscaling } from './node-autoscaling-result.js';
import { findRunWarnings } from './run-warnings.js';
import { shortWindowMessage } from '../scenario/simulation-window.js';
import { workloadPodTemplate } from '../scenario/pod-template.js';

const HOUR_MS = 3_600_000;
/** A shortfall below this share of the demand is the rounding of two sums of the same additions, not CPU lost. */
const shortfallTolerance = 1e-9;

/** Turns a finished run's recorder and decisions into its result. */
export function summarizeRun(sim: Simulation, recorder: Recorder, decisions: HpaDecisionRecord[][], limitedMs: Record<string, number>[]): RunResult {
  const duration = sim.scenario.durationMs;
  const totals = recorder.totals;
  // Arrays for the summaries and warnings below, dropped with them; the result's own are made when read.
  const recorded = recorder.finish();
  const seconds = duration / 1000;
  const workloads: Record<string, WorkloadSummary> = {};
  for (const w of sim.workloads) {
    const i = w.index;
    const series = recorded.workloads[i]!;
    const replicas = replicaStats(w.config.replicas, decisions[i]!, duration, w.config.hpa?.maxReplicas ?? null);
    const ratios = series.throttledRatio.filter((v, k): v is number => v !== null && (series.nrPeriods[k] ?? 0)! > 0);
    const demand = series.cpuDemandCores.filter((v): v is number => v !== null);
    const requested = series.cpuRequestedCores.filter((v): v is number => v !== null);
    const h = totals.latency[i]!;
    const ms = (q: number): number | null => {
      const v = h.quantile(q);
      return v === null ? null : v * 1000;
    };
    const stepSeconds = sim.scenario.sampleIntervalMs / 1000;
    const alert = cpuThrottlingHighMinutes(
      recorder.timeMs.slice(1).map((t, k) => ({ endSeconds: t / 1000, stepSeconds, periods: series.nrPeriods[k + 1] ?? 0, throttledPeriods: series.nrThrottled[k + 1] ?? 0 })),
    );
    const podSeconds = recorder.colocation.podSeconds[i]!;
    const colocation: Record<string, number> = {};
    const colocationNodes: Record<string, string[]> = {};
    // Only the workloads it shared a node with: absent means never (the lists grew with workloads squared).
    for (const other of sim.workloads) {
      if (other.index === i) continue;
      const share = podSeconds > 0 ? recorder.colocation.withSeconds[i]![other.index]! / podSeconds : 0;
      if (share > 0) colocation[other.config.name] = share;
      const nodes = recorder.colocationNodes[i]![other.index];
      if (nodes !== undefined) colocationNodes[other.config.name] = [...nodes].sort(byNodeName);
    }
    let shortfall = 0;
    series.cpuDemandCores.forEach((d, k) => {
      const r = series.cpuReceivedCores[k];
      // Demand met in full still differs from what was received in the last bits of two sums.
      if (d !== null && r !== null && r !== undefined && d - r > d * shortfallTolerance) shortfall = Math.max(shortfall, d - r);
    });
    const limited: Record<string, number> = {};
    for (const [reason, t] of Object.entries(limitedMs[i]!).sort(([a], [b]) => a.localeCompare(b))) limited[reason] = t / 1000;
    workloads[w.config.name] = {
      replicas: { ...replicas, limitedSeconds: limited },
      cpu: {
        meanDemandCores: totals.cpuDemandCoreSeconds[i]! / seconds,
        meanReceivedCores: totals.cpuReceivedCoreSeconds[i]! / seconds,
        peakDemandCores: max(demand) ?? 0,
        meanRequestedCores: requested.length ? requested.reduce((a, b) => a + b, 0) / requested.length : 0,
      },
      throttling: {
        ratio: totals.nrPeriods[i]! > 0 ? totals.nrThrottled[i]! / totals.nrPeriods[i]! : 0,
        p95IntervalRatio: ratios.length ? quantile(ratios, 0.95)! : 0,
        maxIntervalRatio: max(ratios) ?? 0,
        throttledSeconds: totals.throttledSeconds[i]!,
        alertMinutes: alert.minutes,
      },
      ...(w.containers.length > 1 ? { containers: containerSummaries(w, totals, seconds) } : {}),
      colocation,
      colocationNodes,
      peakCpuShortfallCores: shortfall,
      latency: {
        p50Ms: ms(0.5),
        p90Ms: ms(0.9),
        p99Ms: ms(0.99),
        sloMs: w.config.slo?.latencyMs ?? null,
        sloViolatedSeconds: totals.sloViolatedSeconds[i]!,
      },
      requests: { total: totals.requests[i]!, dropped: totals.droppedRequests[i]! },
      pending: { podSeconds: recorder.pendingPodSeconds[i]!, peak: recorder.peakPending[i]! },
      evictions: sim.nodes.evictions[i]!,
      cadvisor: {
        container_cpu_cfs_periods_total: totals.nrPeriods[i]!,
        container_cpu_cfs_throttled_periods_total: totals.nrThrottled[i]!,
        container_cpu_cfs_throttled_seconds_total: totals.throttledSeconds[i]!,
        container_cpu_usage_seconds_total: totals.cpuReceivedCoreSeconds[i]!,
      },
    };
  }
  const pools: Record<string, PoolSummary> = {};
  let totalCost = 0;
  let peakNodes = 0;
  let meanNodes = 0;
  const sampleCount = recorder.timeMs.length;
  const first = firstSettledSample(sim, recorder.timeMs);
  // Growth above the starting size always counts; the starting size itself only once settled.
  const peakOf = (nodes: readonly (number | null)[]): number => {
    const start = nodes[0] ?? 0;
    let m = 0;
    for (let k = 0; k < nodes.length; k++) if (k >= first || (nodes[k] ?? 0) > start) m = Math.max(m, nodes[k] ?? 0);
    return m;
  };
  for (const pool of sim.pools) {
    const billing = sim.billing.pool(pool);
    const nodes = recorded.pools[pool.index]!.nodes as number[];
    const meanPool = billing.nodeMs / duration;
    pools[pool.config.name] = {
      nodeHours: billing.nodeMs / HOUR_MS,
      costUsd: billing.costUsd,
      monthlyCostUsd: (billing.costUsd / (duration / HOUR_MS)) * costDefaults.hoursPerMonth,
      peakNodes: peakOf(nodes),
      meanNodes: meanPool,
    };
    totalCost += billing.costUsd;
    meanNodes += meanPool;
  }
  let initialNodes = 0;
  for (let k = 0; k < sampleCount; k++) {
    let n = 0;
    for (const pool of sim.pools) n += (recorded.pools[pool.index]!.nodes[k] as number) ?? 0;
    if (k === 0) initialNodes = n;
    if (k >= first || n > initialNodes) peakNodes = Math.max(peakNodes, n);
  }
  return {
    seed: sim.seed,
    durationMs: duration,
    cost: { totalUsd: totalCost, monthlyUsd: (totalCost / (duration / HOUR_MS)) * costDefaults.hoursPerMonth },
    nodes: { peak: peakNodes, mean: meanNodes, initial: initialNodes, peakFromMs: recorder.timeMs[first] ?? 0 },
    pools,
    workloads,
    series: recorder.resultSeries(
      sim.pools.map((p) => p.config.name),
      sim.workloads.map((w) => w.config.name),
    ),
    hpaDecisions: Object.fromEntries(sim.workloads.filter((w) => w.config.hpa).map((w) => [w.config.name, decisions[w.index]!])),
    nodeAutoscaling: summarizeNodeAutoscaling(sim),
    events: sim.log.events,
    warnings: findRunWarnings({
      timeMs: recorder.timeMs,
      durationMs: duration,
      workloads: sim.workloads.map((w) => ({ name: w.config.name, ...recorded.workloads[w.index]! })),
      unusablePools: sim.pools
        .filter((pool) => !sim.workloads.some((w) => sim.scheduler.templateFits({ ...workloadPodTemplate(w.config), name: 'probe', nodeName: null, requests: { cpuMilli: 0, memoryBytes: 0 } }, pool, 0)))
        .map((pool) => ({ pool: pool.config.name, nodes: max(recorded.pools[pool.index]!.nodes as number[]) ?? 0, costUsd: pools[pool.config.name]!.costUsd }))
        .filter((p) => p.nodes > 0),
      events: sim.log.events,
      shortWindow: shortWindowMessage(sim.scenario),
    }),
    eventsSuppressed: sim.log.suppressed,
    engine: { events: sim.env.eventCount },
  };
}

/**
 * The first sample at which the starting cluster no longer decides the node count: the node
 * autoscaler has had time to remove initial nodes nobody needs (the Cluster Autoscaler's
 * scale-down-unneeded-time plus a scan, or Karpenter's consolidateAfter), at most half the run.
 * Before that, the peak would only repeat the initial size.
 */
function firstSettledSample(sim: Simulation, timeMs: readonly number[]): number {
  const na = sim.scenario.cluster.nodeAutoscaler;
  let settleMs = 0;
  if (na.type === 'cluster-autoscaler') settleMs = na.scaleDownUnneededTimeMs + na.scanIntervalMs;
  else if (na.type === 'karpenter') settleMs = Math.max(0, ...sim.scenario.cluster.nodePools.map((p) => p.consolidateAfterMs ?? 0));
  settleMs = Math.min(settleMs, sim.scenario.durationMs / 2);
  const k = timeMs.findIndex((t) => t >= settleMs);
  return k < 0 ? 0 : k;
}

/** Time-weighted replica statistics from the HPA's decisions (desired replicas change only there). */
function replicaStats(initial: number, decisions: readonly HpaDecisionRecord[], durationMs: number, max: number | null) {
  let area = 0;
  let atMax = 0;
  let current = initial;
  let since = 0;
  let peak = initial;
  let min = initial;
  let scaleUps = 0;
  let scaleDowns = 0;
  const close = (until: number): void => {
    area += current * (until - since);
    if (max !== null && current >= max) atMax += until - since;
  };
  for (const d of decisions) {
    close(d.timeMs);
    if (d.to > current) scaleUps++;
    else if (d.to < current) scaleDowns++;
    current = d.to;
    since = d.timeMs;
    peak = Math.max(peak, current);
    min = Math.min(min, current);
  }
  close(durationMs);
  return { mean: area / durationMs, min, peak, secondsAtMax: max === null ? null : atMax / 1000, scaleUps, scaleDowns };
}

/** shared-2 before shared-10: pool name, then ordinal. */
function byNodeName(a: string, b: string): number {
  const [pa, na] = splitName(a);
  const [pb, nb] = splitName(b);
  return pa.localeCompare(pb) || na - nb;
}

function splitName(name: string): [string, number] {
  const m = /^(.*)-(\d+)$/.exec(name);
  return m ? [m[1]!, Number(m[2])] : [name, 0];
}

function containerSummaries(w: WorkloadRuntime, totals: WorkloadAccumulators, seconds: number): Record<string, ContainerSummary> {
  const out: Record<string, ContainerSummary> = {};
  for (const c of w.containers) {
    const g = c.globalIndex;
    const periods = totals.containerNrPeriods[g]!;
    out[c.name] = {
      throttledRatio: periods > 0 ? totals.containerNrThrottled[g]! / periods : 0,
      meanReceivedCores: totals.containerCpuReceivedCoreSeconds[g]! / seconds,
      limitCores: Number.isFinite(c.limitCores) ? c.limitCores : null,
    };
  }
  return out;
}
