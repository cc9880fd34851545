/**
 * Score phase of the default profile: Σ weight × normalised plugin score (0-100) per feasible node.
 * Plugins: TaintToleration (3), NodeAffinity (2), PodTopologySpread (2), InterPodAffinity (2),
 * NodeResourcesFit (1), NodeResourcesBalancedAllocation (1). ImageLocality is constant for the
 * simulator's pods and left out. A skipped plugin scores 0 on every node.
 */
import { schedulerDefaults, type ScoringStrategy } from './defaults.js';
import { preferredAffinityWeight } from './node-affinity.js';
import {
  balancedAllocationScore,
  leastAllocatedResourceScore,
  mostAllocatedResourceScore,
  weightedResourceScore,
} from './resource-scores.js';
import { countIntolerablePreferNoSchedule, effectiveTaints } from './taint-toleration.js';
import { interPodAffinityScores } from './inter-pod-affinity-score.js';
import { podOwnSpreadScores } from './pod-topology-spread.js';
import type { ClusterKnowledge } from './scheduling-context.js';
import { topologySpreadScores } from './topology-spread-score.js';
import type { NodeView, PodView, Resources } from './types.js';

/** Score plugin weights. */
export interface ScoreWeights {
  readonly taintToleration: number;
  readonly nodeAffinity: number;
  readonly podTopologySpread: number;
  readonly interPodAffinity: number;
  readonly nodeResourcesFit: number;
  readonly balancedAllocation: number;
}

/** Options of the score phase; absent fields use `schedulerDefaults`. */
export interface ScoreOptions {
  /** NodeResourcesFit strategy. @default 'LeastAllocated' */
  readonly strategy?: ScoringStrategy;
  readonly weights?: Partial<ScoreWeights>;
  /** @default { cpu: 1, memory: 1 } */
  readonly resourceWeights?: { readonly cpu: number; readonly memory: number };
}

/** Per-node score with each plugin's normalised score. */
export interface NodeScore {
  readonly nodeName: string;
  readonly total: number;
  readonly plugins: ScoreWeights;
}

/** The pod's scoring request with the non-zero defaults (100 m / 200 MiB) for missing values. */
export function nonZeroRequests(pod: PodView): Resources {
  return {
    cpuMilli: pod.requests.cpuMilli > 0 ? pod.requests.cpuMilli : schedulerDefaults.nonZeroCpuMilli,
    memoryBytes: pod.requests.memoryBytes > 0 ? pod.requests.memoryBytes : schedulerDefaults.nonZeroMemoryBytes,
  };
}

/** NodeResourcesFit score of one node (before weighting). */
export function resourceFitScore(pod: PodView, node: NodeView, strategy: ScoringStrategy, cpuWeight = 1, memWeight = 1): number {
  const nz = nonZeroRequests(pod);
  const base = node.nonZeroRequested ?? node.requested;
  const cpuReq = base.cpuMilli + nz.cpuMilli;
  const memReq = base.memoryBytes + nz.memoryBytes;
  const f = strategy === 'MostAllocated' ? mostAllocatedResourceScore : leastAllocatedResourceScore;
  return weightedResourceScore(f(cpuReq, node.allocatable.cpuMilli), f(memReq, node.allocatable.memoryBytes), cpuWeight, memWeight);
}

/** BalancedAllocation score of one node; 0 for a pod without requests (the plugin skips BestEffort pods). */
export function balancedScore(pod: PodView, node: NodeView): number {
  if (pod.requests.cpuMilli === 0 && pod.requests.memoryBytes === 0) return 0;
  return balancedAllocationScore(
    node.requested.cpuMilli + pod.requests.cpuMilli,
    node.allocatable.cpuMilli,
    node.requested.memoryBytes + pod.requests.memoryBytes,
    node.allocatable.memoryBytes,
  );
}

const ZEROS = (n: number): number[] => new Array<number>(n).fill(0);

/** DefaultNormalizeScore: scale to 0-100 by the maximum; `reverse` turns counts into "fewer is better". */
function normalize(raw: number[], reverse: boolean): number[] {
  const M = schedulerDefaults.maxNodeScore;
  let max = 0;
  for (const v of raw) max = Math.max(max, v);
  if (max === 0) return raw.map(() => (reverse ? M : 0));
  return raw.map((v) => {
    const s = Math.floor((M * v) / max);
    return reverse ? M - s : s;
  });
}

/**
 * Scores every node in `feasible` (nodes that passed the filters) for `pod`.
 * `allNodes` feeds the cluster-wide counts of topology spreading and pod affinity; defaults to
 * `feasible`. `cluster.namespaceLabels` serve the namespaceSelector of affinity terms.
 */
export function scoreNodes(
  pod: PodView,
  feasible: readonly NodeView[],
  options: ScoreOptions = {},
  allNodes: readonly NodeView[] = feasible,
  cluster: ClusterKnowledge = {},
): NodeScore[] {
  const w: ScoreWeights = { ...schedulerDefaults.scoreWeights, ...options.weights };
  const strategy = options.strategy ?? schedulerDefaults.scoringStrategy;
  const rw = options.resourceWeights ?? schedulerDefaults.resourceWeights;
  const taint = normalize(feasible.map((n) => countIntolerablePreferNoSchedule(effectiveTaints(n), pod.tolerations)), true);
  const affinity = normalize(feasible.map((n) => preferredAffinityWeight(pod, n.labels)), false);
  // The system default constraints apply only to a pod without constraints of its own (common.go).
  const spread =
    pod.topologySpreadConstraints !== undefined && pod.topologySpreadConstraints.length > 0
      ? (podOwnSpreadScores(pod, feasible, allNodes) ?? ZEROS(feasible.length))
      : topologySpreadScores(pod, feasible, allNodes);
  const podAffinity = interPodAffinityScores(pod, feasible, { ...cluster, allNodes }) ?? ZEROS(feasible.length);
  return feasible.map((node, i) => {
    const plugins: ScoreWeights = {
      taintToleration: taint[i] as number,
      nodeAffinity: affinity[i] as number,
      podTopologySpread: spread[i] as number,
      interPodAffinity: podAffinity[i] as number,
      nodeResourcesFit: resourceFitScore(pod, node, strategy, rw.cpu, rw.memory),
      balancedAllocation: balancedScore(pod, node),
    };
    const total =
      w.taintToleration * plugins.taintToleration +
      w.nodeAffinity * plugins.nodeAffinity +
      w.podTopologySpread * plugins.podTopologySpread +
      w.interPodAffinity * plugins.interPodAffinity +
      w.nodeResourcesFit * plugins.nodeResourcesFit +
      w.balancedAllocation * plugins.balancedAllocation;
    return { nodeName: node.name, total, plugins };
  });
}
