import type { SimEvent } from './event-log.js';
import type { PoolCostAttribution } from './cost-attribution.js';
import type { QuotaAmounts } from './resource-quota.js';

/** Values per sample instant; `null` where a value does not exist (no traffic, no requests). */
export type Series = (number | null)[];

export interface WorkloadSeries {
  readonly desiredReplicas: Series;
  readonly readyReplicas: Series;
  readonly pendingPods: Series;
  readonly rps: Series;
  /** Requests failed per second: no ready endpoint, or given up after the client timeout. */
  readonly droppedRps: Series;
  readonly cpuDemandCores: Series;
  readonly cpuReceivedCores: Series;
  readonly cpuRequestedCores: Series;
  readonly throttledRatio: Series;
  readonly latencyP99Ms: Series;
  readonly sloViolatedSeconds: Series;
  /** nr_periods and nr_throttled accrued in the interval (for window-based alert rules). */
  readonly nrPeriods: Series;
  readonly nrThrottled: Series;
}

export interface PoolSeries {
  readonly nodes: Series;
  readonly readyNodes: Series;
  readonly costUsd: Series;
}

/** One container of a multi-container pod over the run. */
export interface ContainerSummary {
  /** nr_throttled / nr_periods of this container over the run (0 without a CPU limit). */
  readonly throttledRatio: number;
  readonly meanReceivedCores: number;
  /** Its CPU limit in cores; null = none. */
  readonly limitCores: number | null;
}

export interface WorkloadSummary {
  readonly replicas: {
    readonly mean: number;
    readonly min: number;
    readonly peak: number;
    /** HPA workloads: seconds spent at maxReplicas (desired), else null. */
    readonly secondsAtMax: number | null;
    readonly scaleUps: number;
    readonly scaleDowns: number;
    /** Seconds under each ScalingLimited reason (HPA workloads). */
    readonly limitedSeconds: Readonly<Record<string, number>>;
  };
  readonly cpu: {
    readonly meanDemandCores: number;
    readonly meanReceivedCores: number;
    readonly peakDemandCores: number;
    readonly meanRequestedCores: number;
  };
  readonly throttling: {
    /** nr_throttled / nr_periods over the whole run. */
    readonly ratio: number;
    readonly p95IntervalRatio: number;
    readonly maxIntervalRatio: number;
    /** Throttled time summed over CPUs, seconds. */
    readonly throttledSeconds: number;
    /** Minutes the kube-prometheus CPUThrottlingHigh alert fires (workload-level counters). */
    readonly alertMinutes: number;
  };
  /**
   * Per running container, for pods with more than one (absent otherwise): each container's own
   * CFS counters, as cAdvisor reports them per container.
   */
  readonly containers?: Readonly<Record<string, ContainerSummary>>;
  /**
   * Per other workload: the share of this workload's pod-time spent on a node that also ran a pod
   * of that workload (co-scheduling).
   */
  readonly colocation: Readonly<Record<string, number>>;
  /** Per other workload: the nodes (by name, sorted) where the two ran side by side. */
  readonly colocationNodes: Readonly<Record<string, readonly string[]>>;
  /** Largest per-interval shortfall of CPU received against CPU demanded, cores. */
  readonly peakCpuShortfallCores: number;
  readonly latency: {
    readonly p50Ms: number | null;
    readonly p90Ms: number | null;
    readonly p99Ms: number | null;
    readonly sloMs: number | null;
    /** Seconds during which the SLO percentile exceeded the SLO (request-weighted across pods). */
    readonly sloViolatedSeconds: number;
  };
  readonly requests: { readonly total: number; readonly dropped: number };
  readonly pending: { readonly podSeconds: number; readonly peak: number };
  readonly evictions: number;
  /** cAdvisor counters summed over the workload's containers. */
  readonly cadvisor: {
    readonly container_cpu_cfs_periods_total: number;
    readonly container_cpu_cfs_throttled_periods_total: number;
    readonly container_cpu_cfs_throttled_seconds_total: number;
    readonly container_cpu_usage_seconds_total: number;
  };
}

export interface PoolSummary {
  readonly nodeHours: number;
  readonly costUsd: number;
  readonly monthlyCostUsd: number;
  readonly peakNodes: number;
  readonly meanNodes: number;
}

/** Everything one simulated run produced. */
export interface RunResult {
  readonly seed: number;
  readonly durationMs: number;
  readonly cost: { readonly totalUsd: number; readonly monthlyUsd: number };
  readonly nodes: {
    /** Most nodes billed at once once the starting cluster has settled (from `peakFromMs` on). */
    readonly peak: number;
    readonly mean: number;
    /** Nodes at time 0 (the starting cluster). */
    readonly initial: number;
    readonly peakFromMs: number;
  };
  readonly pools: Readonly<Record<string, PoolSummary>>;
  readonly workloads: Readonly<Record<string, WorkloadSummary>>;
  readonly series: {
    readonly timeMs: number[];
    readonly costUsd: Series;
    readonly pools: Readonly<Record<string, PoolSeries>>;
    readonly workloads: Readonly<Record<string, WorkloadSeries>>;
  };
  readonly hpaDecisions: Readonly<Record<string, readonly HpaDecisionRecord[]>>;
  /** Node scale events, per-pool counts, cost attribution to workloads, quota effects. */
  readonly nodeAutoscaling: NodeAutoscalingResult;
  readonly events: readonly SimEvent[];
  /** What makes this run's numbers less than trustworthy, or the configuration unable to serve. */
  readonly warnings: readonly RunWarning[];
  /** Events of the same kind folded away within a minute of each other. */
  readonly eventsSuppressed: number;
  readonly engine: { readonly events: number };
}

/** One HPA decision as the run records it (for "why did payments go from 10 to 22 at 14:03"). */
export interface HpaDecisionRecord {
  readonly timeMs: number;
  readonly from: number;
  readonly to: number;
  readonly reason: string;
  readonly message: string;
  /** ScalingLimited reason at this sync (TooManyReplicas, ScaleUpLimit, DesiredWithinRange...). */
  readonly limitedReason: string;
}

/**
 * The HPA controller loop for one workload: every sync period, observe pods and metrics as the
 * controller would, decide with the pure `syncHpa`, and apply the new scale. Each HPA syncs at its
 * own phase within the period (its workqueue position), drawn from its own stream.
 */

export type RunWarningKind = 'short-window' | 'pods-pending' | 'no-ready-pod' | 'requests-dropped' | 'pool-unused' | 'scale-up-blocked';

export interface RunWarning {
  readonly kind: RunWarningKind;
  /** The workload concerned, or null for a pool or cluster warning. */
  readonly workload: string | null;
  readonly pool: string | null;
  /** Simulated time span, ms from the start. */
  readonly fromMs: number;
  readonly toMs: number;
  readonly message: string;
  /** The scheduler's or the autoscaler's own words, where the run has them. */
  readonly cause: string;
}

/**
 * Thresholds below which a transient is normal operation, not a warning. A pod waits for a new
 * node for the provisioning delay (about 1-2 minutes, and the Cluster Autoscaler's own give-up
 * point is max-node-provision-time, 15 minutes), so Pending is reported from 10 minutes on; a
 * workload with no ready pod loses every request, so 2 minutes already count; dropped requests
 * count from 1 % of the span's requests.
 */

/** A node that joined or left a pool during the run (t > 0; the initial cluster is not listed). */
export interface NodeLifecycleEvent {
  readonly timeMs: number;
  readonly pool: string;
  readonly node: string;
  readonly instanceType: string;
  /** `requested`: the autoscaler asked for it (billing starts); `removed`: it is gone (billing ends). */
  readonly kind: 'requested' | 'removed';
}

/** Cost split by requested share, for the whole cluster and per pool. */
export interface CostAttributionSummary {
  readonly totalUsd: number;
  readonly byWorkloadUsd: Readonly<Record<string, number>>;
  readonly daemonSetsUsd: number;
  readonly idleUsd: number;
  /** The same amounts as a 730 h month at the run's average rate. */
  readonly monthly: { readonly totalUsd: number; readonly byWorkloadUsd: Readonly<Record<string, number>>; readonly daemonSetsUsd: number; readonly idleUsd: number };
  readonly pools: Readonly<Record<string, PoolCostAttribution>>;
}

/** What quotas did to one workload (only workloads of namespaces with guardrails). */
export interface WorkloadQuotaSummary {
  readonly namespace: string;
  readonly failedCreates: number;
  /** Seconds with fewer pods than spec.replicas because creations were refused. */
  readonly blockedSeconds: number;
  /** Largest spec.replicas − existing pods at a refusal (the HPA's scale-up the quota cut off). */
  readonly peakShortfall: number;
}

export interface NodeAutoscalingResult {
  readonly autoscaler: 'cluster-autoscaler' | 'karpenter' | 'none';
  readonly pools: Readonly<Record<string, { readonly nodesRequested: number; readonly nodesRemoved: number }>>;
  readonly nodeEvents: readonly NodeLifecycleEvent[];
  readonly costAttribution: CostAttributionSummary | null;
  readonly quota: {
    readonly workloads: Readonly<Record<string, WorkloadQuotaSummary>>;
    /** Peak usage per namespace with a ResourceQuota. */
    readonly peakUsed: Readonly<Record<string, QuotaAmounts>>;
  } | null;
}
