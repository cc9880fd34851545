/**
 * The resolved scenario: every default filled, every quantity parsed to plain numbers with the unit
 * in the field name. Engine, models and simulation see only these read-only types (house style
 * point 11); the written form is `ScenarioInput` in schema/scenario.ts.
 */
import type { CapacityType, InstanceTypeOverride, Provider } from '../models/cost/types.js';
import type { HpaControllerConfig, HpaSpec } from '../models/hpa/types.js';
import type { ClusterAutoscalerOptions } from '../models/node-autoscaler/defaults.js';
import type { NodeAffinity, PodAffinityRules, TopologySpreadConstraint } from '../models/scheduler/types.js';
import type { NamespaceConfig } from './resolve-namespaces.js';

export type { CapacityType, Provider };

export interface Scenario {
  readonly name: string;
  readonly description: string;
  readonly durationMs: number;
  /** Offset of simulated time 0 in the loads' timeline (spec.simulation.start; 0 = midnight of day 0). */
  readonly startOffsetMs: number;
  readonly seed: number;
  /** Seeds per configuration in `compare`. */
  readonly seeds: number;
  /** Step of the CPU/load loop. */
  readonly stepMs: number;
  /** Interval of the recorded time series. */
  readonly sampleIntervalMs: number;
  /** metrics-server scrape interval (--metric-resolution). */
  readonly metricResolutionMs: number;
  /** Window of each CPU sample's rate; null = the interval between two scrapes (current metrics-server). */
  readonly metricsWindowMs: number | null;
  readonly cluster: ClusterConfig;
  readonly workloads: readonly WorkloadConfig[];
  /** Namespace ResourceQuota and LimitRange. */
  readonly namespaces: readonly NamespaceConfig[];
  readonly assertions: readonly string[];
}

export interface SchedulerConfig {
  /** NodeResourcesFit scoring strategy. */
  readonly scoringStrategy: 'LeastAllocated' | 'MostAllocated';
  /** Share of the nodes filtered per pod once enough fit, 0 = adaptive (numFeasibleNodesToFind). */
  readonly percentageOfNodesToScore: number;
}

export interface ClusterConfig {
  readonly provider: Provider;
  readonly nodeAutoscaler: NodeAutoscalerConfig;
  /** The HPA controller's flags (kube-controller-manager). */
  readonly hpaController: HpaControllerConfig;
  /** The kube-scheduler's KubeSchedulerConfiguration fields the model reads. */
  readonly scheduler: SchedulerConfig;
  readonly nodePools: readonly NodePoolConfig[];
  readonly daemonSets: readonly DaemonSetConfig[];
  /** Scenario additions to and overrides of the bundled price table, by type name. */
  readonly instanceTypeOverrides: Readonly<Record<string, InstanceTypeOverride>>;
  readonly cpuWeightConversion: 'cgroup-v1-shares' | 'v2-legacy' | 'v2-new';
}

export interface NodeAutoscalerConfig {
  readonly type: 'cluster-autoscaler' | 'karpenter' | 'none';
  /** Every Cluster Autoscaler option, the written flags over the defaults (the fields below are read from it). */
  readonly clusterAutoscaler: ClusterAutoscalerOptions;
  readonly scanIntervalMs: number;
  readonly expander: 'least-waste' | 'price' | 'most-pods' | 'random' | 'priority';
  readonly expanderPriorities: Readonly<Record<string, readonly string[]>>;
  /** 0 = unlimited. */
  readonly maxNodesTotal: number;
  readonly scaleDownEnabled: boolean;
  readonly scaleDownUtilizationThreshold: number;
  readonly scaleDownUnneededTimeMs: number;
  readonly scaleDownDelayAfterAddMs: number;
  readonly scaleDownDelayAfterDeleteMs: number;
  readonly scaleDownDelayAfterFailureMs: number;
  readonly maxEmptyBulkDelete: number;
  readonly maxGracefulTerminationMs: number;
  /** --balance-similar-node-groups: spread a scale-up over similar node groups (e.g. one per zone). */
  readonly balanceSimilarNodeGroups: boolean;
  readonly batchIdleDurationMs: number;
  readonly batchMaxDurationMs: number;
}

export interface Taint {
  readonly key: string;
  readonly value: string;
  readonly effect: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute';
}

export interface Toleration {
  readonly key: string | null;
  readonly operator: 'Exists' | 'Equal';
  readonly value: string;
  readonly effect: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute' | null;
}

export interface NodePoolConfig {
  readonly name: string;
  /** Cluster Autoscaler: exactly one; Karpenter: the allowed types. */
  readonly instanceTypes: readonly string[];
  readonly capacityType: CapacityType;
  readonly minNodes: number;
  readonly maxNodes: number;
  /** Nodes at t=0; null = as many as the initial replicas need (at least minNodes). */
  readonly initialNodes: number | null;
  readonly labels: Readonly<Record<string, string>>;
  readonly taints: readonly Taint[];
  /** null = the provider's default for the type. */
  readonly maxPods: number | null;
  /** topology.kubernetes.io/region of every node of the pool. */
  readonly region: string;
  /** topology.kubernetes.io/zone values; node k of the pool is in zones[k mod zones.length]. */
  readonly zones: readonly string[];
  /** Time from the autoscaler's decision to a Ready node, uniform in [min, max]. */
  readonly provisioningDelayMs: { readonly min: number; readonly max: number };
  readonly consolidationPolicy: 'WhenEmpty' | 'WhenEmptyOrUnderutilized';
  /** null = Never. */
  readonly consolidateAfterMs: number | null;
  /** Karpenter disruption budget, as written ("10%" or "3"). */
  readonly disruptionBudgetNodes: string;
  /** null = Never. */
  readonly expireAfterMs: number | null;
}

export interface DaemonSetConfig {
  readonly name: string;
  readonly namespace: string;
  readonly requests: Resources;
  readonly limits: Limits;
}

export interface Resources {
  readonly cpuMilli: number;
  readonly memoryBytes: number;
}

export interface Limits {
  /** null = no limit (no CFS quota). */
  readonly cpuMilli: number | null;
  readonly memoryBytes: number | null;
}

export type { LoadConfig } from '../models/load/types.js';
import type { LoadConfig } from '../models/load/types.js';

/**
 * One container of a workload's pod, with its own requests, limits and CPU cost. The kubelet gives
 * each container its own cgroup (CFS quota from its limit, weight from its request) under the
 * pod's cgroup.
 */
export interface ContainerConfig {
  readonly name: string;
  /**
   * app: spec.containers; sidecar: an init container with restartPolicy Always (KEP-753), running
   * beside the app containers; init: runs to completion before them (counts for scheduling only).
   */
  readonly kind: 'app' | 'sidecar' | 'init';
  readonly requests: Resources;
  readonly limits: Limits;
  /** CPU time this container spends per request the pod serves (0 for one off the request path). */
  readonly cpuPerRequestMs: number;
  readonly cpuPerRequestCv: number;
  /** CPU the container uses with no traffic. */
  readonly idleCpuMilli: number;
  /** Threads that serve requests in this container (its parallelism). */
  readonly workerThreads: number;
  readonly fanout: number;
  readonly memoryUsageBytes: number;
  /** The container whose queue is the request latency (exactly one per workload). */
  readonly serving: boolean;
}

export interface WorkloadConfig {
  readonly name: string;
  readonly namespace: string;
  readonly kind: 'Deployment' | 'StatefulSet';
  readonly replicas: number;
  /**
   * The pod's effective requests, as the scheduler computes them: the larger of the running
   * containers' sum (app + sidecars) and each init container's peak (pod resource calculation,
   * KEP-753).
   */
  readonly requests: Resources;
  /** The pod-level limits: the sum of the running containers' limits, or null when one has none. */
  readonly limits: Limits;
  /**
   * The pod's containers. A workload written with a single `resources` block has one app container
   * named after the workload; the workload-level load terms below are the serving container's.
   */
  readonly containers: readonly ContainerConfig[];
  /** The pod template's metadata.labels (selectors of spread constraints and pod affinity read them). */
  readonly labels: Readonly<Record<string, string>>;
  readonly podAffinity: PodAffinityRules | null;
  readonly podAntiAffinity: PodAffinityRules | null;
  /** spec.topologySpreadConstraints; empty = the scheduler's default constraints. */
  readonly topologySpreadConstraints: readonly TopologySpreadConstraint[];
  readonly preemptionPolicy: 'PreemptLowerPriority' | 'Never';
  readonly nodeSelector: Readonly<Record<string, string>>;
  readonly tolerations: readonly Toleration[];
  /** spec.affinity.nodeAffinity as the scheduler reads it; null = none. */
  readonly nodeAffinity: NodeAffinity | null;
  /** The resolved autoscaling/v2 spec; null = no HPA. */
  readonly hpa: HpaSpec | null;
  readonly load: LoadConfig;
  readonly cpuPerRequestMs: number;
  readonly cpuPerRequestCv: number;
  readonly fanout: number;
  readonly workerThreads: number;
  readonly idleCpuMilli: number;
  readonly memoryUsageBytes: number;
  /** null = no latency SLO written. */
  readonly slo: { readonly latencyMs: number; readonly percentile: number } | null;
  readonly podStartup: { readonly imagePullMs: number; readonly containerStartMs: number; readonly readinessDelayMs: number };
  readonly terminationGracePeriodMs: number;
  readonly podDisruptionBudget: { readonly minAvailable: number | string | null; readonly maxUnavailable: number | string | null } | null;
  /** spec.priority from priorityClassName (or the global default PriorityClass; 0 without one). */
  readonly priority: number;
  readonly priorityClassName: string | null;
}
