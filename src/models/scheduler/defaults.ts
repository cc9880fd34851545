/**
 * kube-scheduler defaults (docs/models/scheduler.md). Units in names; sources in comments.
 */

const MiB = 2 ** 20;

export const schedulerDefaults = {
  /** MaxNodeScore of the scheduler framework (pkg/scheduler/framework/interface.go). */
  maxNodeScore: 100,
  /** Scoring-only CPU request for a pod without one (pkg/scheduler/util/pod_resources.go DefaultMilliCPURequest). */
  nonZeroCpuMilli: 100,
  /** Scoring-only memory request for a pod without one (DefaultMemoryRequest, 200 MiB). */
  nonZeroMemoryBytes: 200 * MiB,
  /** Score plugin weights of the default profile (pkg/scheduler/apis/config/v1/default_plugins.go). */
  scoreWeights: {
    taintToleration: 3,
    nodeAffinity: 2,
    podTopologySpread: 2,
    interPodAffinity: 2,
    nodeResourcesFit: 1,
    balancedAllocation: 1,
  },
  /** NodeResourcesFit scoring strategy and per-resource weights (apis/config/v1/defaults.go). */
  scoringStrategy: 'LeastAllocated' as ScoringStrategy,
  resourceWeights: { cpu: 1, memory: 1 },
  /**
   * System default topology spread constraints (podtopologyspread/plugin.go systemDefaultConstraints):
   * soft, hostname maxSkew 3, zone maxSkew 5; for pods owned by RS/RC/StatefulSet (or a Service).
   */
  defaultSpreadHostnameMaxSkew: 3,
  defaultSpreadZoneMaxSkew: 5,
  /**
   * InterPodAffinityArgs.hardPodAffinityWeight: the score an existing pod's required affinity term
   * adds when it selects the incoming pod (apis/config/v1/defaults.go).
   */
  hardPodAffinityWeight: 1,
  /**
   * KubeSchedulerConfiguration percentageOfNodesToScore: 0 means adaptive
   * (pkg/scheduler/apis/config/v1/defaults.go leaves it unset; schedule_one.go adapts it).
   */
  percentageOfNodesToScore: 0,
  /** schedule_one.go minFeasibleNodesToFind: clusters below this filter every node. */
  minFeasibleNodesToFind: 100,
  /** schedule_one.go minFeasibleNodesPercentageToFind: the adaptive percentage's floor. */
  minFeasibleNodesPercentageToFind: 5,
  /** schedule_one.go basePercentageOfNodesToScore: the adaptive percentage at zero nodes. */
  basePercentageOfNodesToScore: 50,
} as const;

export type ScoringStrategy = 'LeastAllocated' | 'MostAllocated';

/** Well-known labels and taints. */
export const labels = {
  hostname: 'kubernetes.io/hostname',
  zone: 'topology.kubernetes.io/zone',
  /** The simulator's own pool label on every node (real nodes carry their provider's pool label instead). */
  pool: 'kube-whatif/pool',
} as const;

export const taintKeys = {
  /** Added by the node lifecycle controller to NotReady nodes. */
  notReady: 'node.kubernetes.io/not-ready',
  /** Tolerated by pods that may land on cordoned nodes (NodeUnschedulable plugin). */
  unschedulable: 'node.kubernetes.io/unschedulable',
  /** Cluster Autoscaler's deletion taint (utils/taints/taints.go). */
  toBeDeleted: 'ToBeDeletedByClusterAutoscaler',
} as const;

/** Filter failure messages, verbatim from the scheduler plugins. */
export const filterReasons = {
  unschedulable: 'node(s) were unschedulable',
  affinityMismatch: "node(s) didn't match Pod's node affinity/selector",
  tooManyPods: 'Too many pods',
  insufficientCpu: 'Insufficient cpu',
  insufficientMemory: 'Insufficient memory',
  /** podtopologyspread/plugin.go ErrReasonConstraintsNotMatch. */
  spreadConstraintsNotMatch: "node(s) didn't match pod topology spread constraints",
  /** podtopologyspread/plugin.go ErrReasonNodeLabelNotMatch. */
  spreadMissingLabel: "node(s) didn't match pod topology spread constraints (missing required label)",
  /** interpodaffinity/filtering.go ErrReasonAffinityRulesNotMatch. */
  podAffinityNotMatch: "node(s) didn't match pod affinity rules",
  /** interpodaffinity/filtering.go ErrReasonAntiAffinityRulesNotMatch. */
  podAntiAffinityNotMatch: "node(s) didn't match pod anti-affinity rules",
  /** interpodaffinity/filtering.go ErrReasonExistingAntiAffinityRulesNotMatch. */
  existingAntiAffinityNotMatch: "node(s) didn't satisfy existing pods anti-affinity rules",
} as const;

/** `node(s) had untolerated taint {key: value}` (tainttoleration/taint_toleration.go). */
export function untoleratedTaintReason(key: string, value: string | undefined): string {
  return `node(s) had untolerated taint {${key}: ${value ?? ''}}`;
}

/**
 * DefaultPreemptionArgs defaults (pkg/scheduler/apis/config/v1/defaults.go
 * SetDefaults_DefaultPreemptionArgs): how many nodes the preemption dry run looks at.
 */
export const preemptionDefaults = {
  /** minCandidateNodesPercentage: share of the nodes to dry-run, in percent. */
  minCandidateNodesPercent: 10,
  /** minCandidateNodesAbsolute: at least this many nodes (all of them in clusters up to 100 nodes). */
  minCandidateNodesAbsolute: 100,
} as const;
