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
import { nonZeroCpuMilli, nonZeroMemoryBytes } from './non-zero-requests.js';
import { podOwnSpreadScores } from './pod-topology-spread.js';
import type { ClusterKnowledge } from './scheduling-context.js';
import { topologySpreadScores } from './topology-spread-score.js';
import type { NodeView, PodView } from './types.js';

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

/** NodeResourcesFit score of one node (before weighting). */
export function resourceFitScore(pod: PodView, node: NodeView, strategy: ScoringStrategy, cpuWeight = 1, memWeight = 1): number {
  // The two numbers, not nonZeroRequests' object: this runs for every feasible node of every cycle.
  const base = node.nonZeroRequested ?? node.requested;
  const cpuReq = base.cpuMilli + nonZeroCpuMilli(pod);
  const memReq = base.memoryBytes + nonZeroMemoryBytes(pod);
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

/** The cluster-wide plugins' normalised scores, one array each, in `feasible` order. */
interface ClusterPluginScores {
  readonly taint: readonly number[];
  readonly affinity: readonly number[];
  readonly spread: readonly number[];
  readonly podAffinity: readonly number[];
}

function clusterPluginScores(pod: PodView, feasible: readonly NodeView[], allNodes: readonly NodeView[], cluster: ClusterKnowledge): ClusterPluginScores {
  const taint = normalize(feasible.map((n) => countIntolerablePreferNoSchedule(effectiveTaints(n), pod.tolerations)), true);
  const affinity = normalize(feasible.map((n) => preferredAffinityWeight(pod, n.labels)), false);
  // The system default constraints apply only to a pod without constraints of its own (common.go).
  const spread =
    pod.topologySpreadConstraints !== undefined && pod.topologySpreadConstraints.length > 0
      ? (podOwnSpreadScores(pod, feasible, allNodes) ?? ZEROS(feasible.length))
      : topologySpreadScores(pod, feasible, allNodes);
  const podAffinity = interPodAffinityScores(pod, feasible, { ...cluster, allNodes }) ?? ZEROS(feasible.length);
  return { taint, affinity, spread, podAffinity };
}

/** Node i's plugin scores, each before weighting. */
function pluginsOf(pod: PodView, node: NodeView, i: number, c: ClusterPluginScores, strategy: ScoringStrategy, rw: ResourceWeights): ScoreWeights {
  return {
    taintToleration: c.taint[i] as number,
    nodeAffinity: c.affinity[i] as number,
    podTopologySpread: c.spread[i] as number,
    interPodAffinity: c.podAffinity[i] as number,
    nodeResourcesFit: resourceFitScore(pod, node, strategy, rw.cpu, rw.memory),
    balancedAllocation: balancedScore(pod, node),
  };
}

/** Σ weight × score over the plugins, in one order for {@link scoreNodes} and {@link scoreTotals}. */
function weightedTotal(w: ScoreWeights, taint: number, affinity: number, spread: number, podAffinity: number, fit: number, balanced: number): number {
  return (
    w.taintToleration * taint +
    w.nodeAffinity * affinity +
    w.podTopologySpread * spread +
    w.interPodAffinity * podAffinity +
    w.nodeResourcesFit * fit +
    w.balancedAllocation * balanced
  );
}

type ResourceWeights = NonNullable<ScoreOptions['resourceWeights']>;

/** The weights and strategy the options give, and the cluster-wide plugins' scores. */
function scoringInputs(pod: PodView, feasible: readonly NodeView[], options: ScoreOptions, allNodes: readonly NodeView[], cluster: ClusterKnowledge) {
  const w: ScoreWeights = { ...schedulerDefaults.scoreWeights, ...options.weights };
  const strategy = options.strategy ?? schedulerDefaults.scoringStrategy;
  const rw: ResourceWeights = options.resourceWeights ?? schedulerDefaults.resourceWeights;
  return { w, strategy, rw, c: clusterPluginScores(pod, feasible, allNodes, cluster) };
}

/**
 * Scores every node in `feasible` (nodes that passed the filters) for `pod`, with each plugin's
 * score. `allNodes` feeds the cluster-wide counts of topology spreading and pod affinity; defaults
 * to `feasible`. `cluster.namespaceLabels` serve the namespaceSelector of affinity terms.
 */
export function scoreNodes(
  pod: PodView,
  feasible: readonly NodeView[],
  options: ScoreOptions = {},
  allNodes: readonly NodeView[] = feasible,
  cluster: ClusterKnowledge = {},
): NodeScore[] {
  const { w, strategy, rw, c } = scoringInputs(pod, feasible, options, allNodes, cluster);
  return feasible.map((node, i) => {
    const p = pluginsOf(pod, node, i, c, strategy, rw);
    const total = weightedTotal(w, p.taintToleration, p.nodeAffinity, p.podTopologySpread, p.interPodAffinity, p.nodeResourcesFit, p.balancedAllocation);
    return { nodeName: node.name, total, plugins: p };
  });
}

/**
 * The totals of {@link scoreNodes} alone, in `feasible` order, without an object per node: a
 * scheduling cycle on a large cluster scores hundreds of nodes and reads only the totals.
 */
export function scoreTotals(
  pod: PodView,
  feasible: readonly NodeView[],
  options: ScoreOptions = {},
  allNodes: readonly NodeView[] = feasible,
  cluster: ClusterKnowledge = {},
): number[] {
  const { w, strategy, rw, c } = scoringInputs(pod, feasible, options, allNodes, cluster);
  const totals = new Array<number>(feasible.length);
  for (let i = 0; i < feasible.length; i++) {
    const node = feasible[i]!;
    const fit = resourceFitScore(pod, node, strategy, rw.cpu, rw.memory);
    totals[i] = weightedTotal(w, c.taint[i]!, c.affinity[i]!, c.spread[i]!, c.podAffinity[i]!, fit, balancedScore(pod, node));
  }
  return totals;
}
