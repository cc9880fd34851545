/**
 * Cluster Autoscaler defaults (CA 1.34; docs/models/cluster-autoscaler.md). Times in ms of simulated
 * time; every constant cites its flag. Flag defaults live in cluster-autoscaler/config/flags/flags.go
 * and config/const.go unless a line says otherwise.
 */
import type { ProvisioningDelayDistribution } from './types.js';

const SECOND = 1000;
const MINUTE = 60 * SECOND;

export const clusterAutoscalerDefaults = {
  /** --scan-interval 10 s (DefaultScanInterval). */
  scanIntervalMs: 10 * SECOND,
  /** --scale-down-unneeded-time 10 min. */
  scaleDownUnneededTimeMs: 10 * MINUTE,
  /** --scale-down-unready-time 20 min. */
  scaleDownUnreadyTimeMs: 20 * MINUTE,
  /** --scale-down-delay-after-add 10 min. */
  scaleDownDelayAfterAddMs: 10 * MINUTE,
  /** --scale-down-delay-after-delete 0 s (AKS profile: equal to the scan interval, docs/models/cluster-autoscaler.md). */
  scaleDownDelayAfterDeleteMs: 0,
  /**
   * --unremovable-node-recheck-timeout 5 min: a node whose drain simulation failed is not simulated
   * again before this (core/scaledown/unremovable/nodes.go AddTimeout).
   */
  unremovableNodeRecheckTimeoutMs: 5 * MINUTE,
  /** --scale-down-delay-after-failure 3 min. */
  scaleDownDelayAfterFailureMs: 3 * MINUTE,
  /** --scale-down-utilization-threshold 0.5 (node removable when util is strictly below). */
  scaleDownUtilizationThreshold: 0.5,
  /** --max-scale-down-parallelism 10 (formerly --max-empty-bulk-delete 10, removed in CA 1.33). */
  maxScaleDownParallelism: 10,
  /** --max-drain-parallelism 1: one non-empty node drained at a time. */
  maxDrainParallelism: 1,
  /** --max-nodes-total 0 = unlimited. */
  maxNodesTotal: 0,
  /** --cores-total 0:320000 (cores). */
  minCoresTotal: 0,
  maxCoresTotal: 320_000,
  /** --memory-total 0:6400000 (GB; read here as GiB-sized units ×2^30 bytes like CA's own conversion). */
  minMemoryGiBTotal: 0,
  maxMemoryGiBTotal: 6_400_000,
  /** --max-graceful-termination-sec 600 s. */
  maxGracefulTerminationMs: 600 * SECOND,
  /** --max-pod-eviction-time 2 min. */
  maxPodEvictionTimeMs: 2 * MINUTE,
  /** --node-delete-delay-after-taint 5 s. */
  nodeDeleteDelayAfterTaintMs: 5 * SECOND,
  /** --max-node-provision-time 15 min. */
  maxNodeProvisionTimeMs: 15 * MINUTE,
  /** --expendable-pods-priority-cutoff −10: lower-priority pods neither trigger scale-up nor block scale-down. */
  expendablePodsPriorityCutoff: -10,
  /**
   * --balance-similar-node-groups false: when on, a scale-up is spread over the node groups similar
   * to the chosen one (processors/nodegroupset/balancing_processor.go).
   */
  balanceSimilarNodeGroups: false,
  /** --max-allocatable-difference-ratio 0.05 (DefaultMaxAllocatableDifferenceRatio). */
  maxAllocatableDifferenceRatio: 0.05,
  /** --max-free-difference-ratio 0.05 (DefaultMaxFreeDifferenceRatio): allocatable − requests. */
  maxFreeDifferenceRatio: 0.05,
  /** --memory-difference-ratio 0.015 (DefaultMaxCapacityMemoryDifferenceRatio): memory capacity. */
  memoryDifferenceRatio: 0.015,
  /** --balancing-ignore-label (repeated), none by default: labels not compared when balancing. */
  balancingIgnoreLabels: [] as readonly string[],
  /** --new-pod-scale-up-delay 0 s. */
  newPodScaleUpDelayMs: 0,
  /** --expander least-waste (default since CA 1.33, PR #7631; `random` up to 1.32 and on AKS). */
  expanders: ['least-waste'] as readonly string[],
  /** --skip-nodes-with-system-pods true. */
  skipNodesWithSystemPods: true,
  /** --skip-nodes-with-local-storage true. */
  skipNodesWithLocalStorage: true,
  /** --skip-nodes-with-custom-controller-pods true. */
  skipNodesWithCustomControllerPods: true,
  /** --blocking-system-pod-distruption-timeout 1 h (CA ≥1.33: older kube-system pods stop blocking). */
  blockingSystemPodDisruptionTimeoutMs: 60 * MINUTE,
  /** --ignore-daemonsets-utilization false. */
  ignoreDaemonSetsUtilization: false,
  /** --initial-node-group-backoff-duration 5 min. */
  initialNodeGroupBackoffMs: 5 * MINUTE,
  /** --max-node-group-backoff-duration 30 min. */
  maxNodeGroupBackoffMs: 30 * MINUTE,
  /** --node-group-backoff-reset-timeout 3 h. */
  nodeGroupBackoffResetMs: 180 * MINUTE,
  /**
   * Price expander pod pricing, USD per vCPU-hour and per GiB-hour: the n2 per-unit prices of
   * CA's gce_price_info.go (0.031611, 0.004237; docs/models/allocatable-and-prices.md#prices), also OpenCost's defaults.
   */
  priceExpanderCpuUsdPerVcpuHour: 0.031611,
  priceExpanderRamUsdPerGiBHour: 0.004237,
} as const;

/** Resolved CA options: same shape as the defaults, every field required. */
export type ClusterAutoscalerOptions = {
  -readonly [K in keyof typeof clusterAutoscalerDefaults]: (typeof clusterAutoscalerDefaults)[K] extends readonly string[]
    ? readonly string[]
    : (typeof clusterAutoscalerDefaults)[K] extends boolean
      ? boolean
      : number;
};

/** Fills absent options from {@link clusterAutoscalerDefaults}. */
export function resolveClusterAutoscalerOptions(written: Partial<ClusterAutoscalerOptions> = {}): ClusterAutoscalerOptions {
  return { ...clusterAutoscalerDefaults, ...written };
}

/**
 * Time from the scale-up request until the node is Ready, per provider (docs/models/allocatable-and-prices.md#provisioning-delays): a uniform
 * distribution the simulator samples with its seeded RNG.
 * GKE: FAQ "~3-4 min until pods can schedule"; EKS+CA: AWS blog "1-2 min" via ASG, suggested
 * 90-120 s; AKS: not measured in the sources, GKE's range assumed; generic: EKS's range.
 */
export const provisioningDelayByProvider: Readonly<Record<'gke' | 'eks' | 'aks' | 'generic', ProvisioningDelayDistribution>> = {
  gke: { kind: 'uniform', minMs: 180 * SECOND, maxMs: 240 * SECOND },
  eks: { kind: 'uniform', minMs: 90 * SECOND, maxMs: 120 * SECOND },
  aks: { kind: 'uniform', minMs: 180 * SECOND, maxMs: 240 * SECOND },
  generic: { kind: 'uniform', minMs: 90 * SECOND, maxMs: 120 * SECOND },
};

/** Annotations read by the Cluster Autoscaler (FAQ.md). */
export const caAnnotations = {
  safeToEvict: 'cluster-autoscaler.kubernetes.io/safe-to-evict',
  scaleDownDisabled: 'cluster-autoscaler.kubernetes.io/scale-down-disabled',
} as const;
