import type { RunResult, WorkloadSummary } from '../simulation/run-result.js';

/** The unit of a metric, which decides how thresholds are written ("250ms", "5%", "$300"). */
export type MetricUnit = 'usd' | 'count' | 'ratio' | 'ms' | 'minutes' | 'cores';

export interface ClusterMetric {
  readonly scope: 'cluster';
  readonly unit: MetricUnit;
  readonly description: string;
  read(run: RunResult): number | null;
}

export interface WorkloadMetric {
  readonly scope: 'workload';
  readonly unit: MetricUnit;
  readonly description: string;
  /**
   * The value in a configuration that does not have the workload (added or removed by the
   * change): 0 for what it would consume (replicas, CPU, cost, pending pods), null for what
   * only a running workload has (latency, throttling, SLO).
   */
  readonly whenAbsent: 0 | null;
  read(w: WorkloadSummary, run: RunResult, name: string): number | null;
}

/** A workload metric in one run; the metric's absent value when the run has no such workload. */
export function readWorkloadMetric(metric: WorkloadMetric, run: RunResult, name: string): number | null {
  const w = run.workloads[name];
  return w === undefined ? metric.whenAbsent : metric.read(w, run, name);
}

/** Cluster-wide metrics, by name as written in assertions. Every one is "lower is better". */
export const clusterMetrics: Readonly<Record<string, ClusterMetric>> = {
  'cost.monthly': { scope: 'cluster', unit: 'usd', description: 'node cost projected to a month (730 h)', read: (r) => r.cost.monthlyUsd },
  'cost.total': { scope: 'cluster', unit: 'usd', description: 'node cost over the simulated duration', read: (r) => r.cost.totalUsd },
  'nodes.peak': { scope: 'cluster', unit: 'count', description: 'most nodes billed at once', read: (r) => r.nodes.peak },
  'nodes.mean': { scope: 'cluster', unit: 'count', description: 'time-weighted mean of billed nodes', read: (r) => r.nodes.mean },
};

/** Per-workload metrics, used as workload(name).<metric>, unrelated.<metric> or changed.<metric>. */
export const workloadMetrics: Readonly<Record<string, WorkloadMetric>> = {
  throttledRatio: { scope: 'workload', whenAbsent: null, unit: 'ratio', description: 'nr_throttled / nr_periods over the run', read: (w) => w.throttling.ratio },
  'throttledRatio.p95': { scope: 'workload', whenAbsent: null, unit: 'ratio', description: '95th percentile of the per-interval throttled ratio', read: (w) => w.throttling.p95IntervalRatio },
  'throttledRatio.max': { scope: 'workload', whenAbsent: null, unit: 'ratio', description: 'worst per-interval throttled ratio', read: (w) => w.throttling.maxIntervalRatio },
  'cpuThrottlingHigh.minutes': { scope: 'workload', whenAbsent: null, unit: 'minutes', description: 'minutes the kube-prometheus CPUThrottlingHigh alert fires', read: (w) => w.throttling.alertMinutes },
  'latency.p50': { scope: 'workload', whenAbsent: null, unit: 'ms', description: 'median request latency', read: (w) => w.latency.p50Ms },
  'latency.p90': { scope: 'workload', whenAbsent: null, unit: 'ms', description: '90th percentile request latency', read: (w) => w.latency.p90Ms },
  'latency.p99': { scope: 'workload', whenAbsent: null, unit: 'ms', description: '99th percentile request latency', read: (w) => w.latency.p99Ms },
  'slo.violationMinutes': { scope: 'workload', whenAbsent: null, unit: 'minutes', description: 'minutes the SLO percentile was above the SLO', read: (w) => w.latency.sloViolatedSeconds / 60 },
  'replicas.mean': { scope: 'workload', whenAbsent: 0, unit: 'count', description: 'time-weighted mean desired replicas', read: (w) => w.replicas.mean },
  'replicas.peak': { scope: 'workload', whenAbsent: 0, unit: 'count', description: 'most desired replicas', read: (w) => w.replicas.peak },
  'replicas.atMaxMinutes': { scope: 'workload', whenAbsent: null, unit: 'minutes', description: 'minutes at maxReplicas', read: (w) => (w.replicas.secondsAtMax === null ? null : w.replicas.secondsAtMax / 60) },
  'cost.monthly': {
    scope: 'workload',
    whenAbsent: 0,
    unit: 'usd',
    description: 'node cost attributed to the workload by its share of requested CPU and memory (OpenCost-style), per month',
    read: (_w, run, name) => run.nodeAutoscaling.costAttribution?.monthly.byWorkloadUsd[name] ?? null,
  },
  'cpu.mean': { scope: 'workload', whenAbsent: 0, unit: 'cores', description: 'mean CPU received', read: (w) => w.cpu.meanReceivedCores },
  'cpu.requested': { scope: 'workload', whenAbsent: 0, unit: 'cores', description: 'mean CPU requested by ready pods', read: (w) => w.cpu.meanRequestedCores },
  'requests.droppedRatio': { scope: 'workload', whenAbsent: null, unit: 'ratio', description: 'share of requests dropped (no endpoint or timed out)', read: (w) => (w.requests.total > 0 ? w.requests.dropped / w.requests.total : 0) },
  'pending.podMinutes': { scope: 'workload', whenAbsent: 0, unit: 'minutes', description: 'pod-minutes spent Pending', read: (w) => w.pending.podSeconds / 60 },
  evictions: { scope: 'workload', whenAbsent: 0, unit: 'count', description: 'pods evicted by node scale-down', read: (w) => w.evictions },
};

/** Every name an assertion may use, for did-you-mean. */
export function knownMetricNames(workloadNames: readonly string[]): string[] {
  const names = Object.keys(clusterMetrics);
  for (const m of Object.keys(workloadMetrics)) {
    names.push(`unrelated.${m}`, `changed.${m}`);
    for (const w of workloadNames) names.push(`workload(${w}).${m}`);
  }
  return names;
}
