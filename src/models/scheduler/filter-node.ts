/**
 * Filter plugins of the default profile that matter for the simulator, in upstream order
 * (apis/config/v1/default_plugins.go): NodeUnschedulable → TaintToleration → NodeAffinity →
 * NodeResourcesFit → PodTopologySpread → InterPodAffinity. As in the framework, a node's
 * evaluation stops at the first failing plugin; NodeResourcesFit reports every insufficient
 * resource (noderesources/fit.go).
 *
 * The last two need cluster-wide counts: {@link preFilter} computes them once per scheduling
 * attempt (their PreFilter) and {@link filterNode} reads them per node. Without a state those two
 * plugins are not run, which is right only for a pod without spread constraints or pod
 * (anti-)affinity on a cluster whose pods have no required anti-affinity.
 */
import { filterReasons, taintKeys, untoleratedTaintReason } from './defaults.js';
import { filterInterPodAffinity, preFilterInterPodAffinity, type InterPodAffinityFilterState } from './inter-pod-affinity.js';
import { matchesNodeSelectorAndAffinity } from './node-affinity.js';
import { filterTopologySpread, podSpreadConstraints, preFilterTopologySpread, type TopologySpreadFilterState } from './pod-topology-spread.js';
import type { ClusterKnowledge, SchedulingContext } from './scheduling-context.js';
import { effectiveTaints, findUntoleratedTaint, isTolerated } from './taint-toleration.js';
import type { NodeView, PodView } from './types.js';

/** PreFilter results of the cluster-wide filter plugins for one pod; null = the plugin is skipped. */
export interface FilterState {
  readonly topologySpread: TopologySpreadFilterState | null;
  readonly interPodAffinity: InterPodAffinityFilterState | null;
}

/** No cluster-wide plugin to run. */
export const NO_CLUSTER_FILTERS: FilterState = { topologySpread: null, interPodAffinity: null };

/**
 * PreFilter of PodTopologySpread and InterPodAffinity for `pod` over `ctx.allNodes`. Recompute it
 * whenever a pod is bound or removed in the cluster (counts change).
 */
export function preFilter(pod: PodView, ctx: SchedulingContext): FilterState {
  const topologySpread = preFilterTopologySpread(pod, ctx.allNodes);
  const interPodAffinity = preFilterInterPodAffinity(pod, ctx);
  return topologySpread === null && interPodAffinity === null ? NO_CLUSTER_FILTERS : { topologySpread, interPodAffinity };
}

/** Result of {@link filterNode}: fits, or the upstream reason strings why not. */
export interface FilterResult {
  readonly fits: boolean;
  readonly reasons: readonly string[];
}

const FITS: FilterResult = { fits: true, reasons: [] };
const UNSCHEDULABLE_TAINT = { key: taintKeys.unschedulable, effect: 'NoSchedule' } as const;

/**
 * NodeResourcesFit filter alone: a free pod slot, and cpu/memory requests within
 * allocatable − requested. A pod without cpu and memory requests only needs a pod slot.
 * Allocation-free; safe for hot loops.
 */
export function fitsResources(pod: PodView, node: NodeView): boolean {
  if (node.requested.pods + 1 > node.allocatable.pods) return false;
  const cpu = pod.requests.cpuMilli;
  const mem = pod.requests.memoryBytes;
  if (cpu > 0 && cpu > node.allocatable.cpuMilli - node.requested.cpuMilli) return false;
  if (mem > 0 && mem > node.allocatable.memoryBytes - node.requested.memoryBytes) return false;
  return true;
}

/**
 * The failure of a fixed set of reasons, one shared object each: an unschedulable pod is filtered
 * against every node, and a fresh result per node was most of a large cluster's failed cycles.
 */
const failures = new Map<string, FilterResult>();
function failure(reason: string): FilterResult {
  let f = failures.get(reason);
  if (f === undefined) failures.set(reason, (f = Object.freeze({ fits: false, reasons: Object.freeze([reason]) })));
  return f;
}
/** NodeResourcesFit's failures by the bits of too many pods (1), cpu (2) and memory (4). */
const RESOURCE_FAILURES: readonly (FilterResult | null)[] = Array.from({ length: 8 }, (_, bits) => {
  const reasons = [
    ...(bits & 1 ? [filterReasons.tooManyPods] : []),
    ...(bits & 2 ? [filterReasons.insufficientCpu] : []),
    ...(bits & 4 ? [filterReasons.insufficientMemory] : []),
  ];
  return reasons.length === 0 ? null : Object.freeze({ fits: false, reasons: Object.freeze(reasons) });
});

/** NodeResourcesFit's failure (too many pods, then cpu, then memory, as upstream lists them), or null when it fits. */
function resourceFailure(pod: PodView, node: NodeView): FilterResult | null {
  let bits = 0;
  if (node.requested.pods + 1 > node.allocatable.pods) bits |= 1;
  const cpu = pod.requests.cpuMilli;
  const mem = pod.requests.memoryBytes;
  if (cpu > 0 && cpu > node.allocatable.cpuMilli - node.requested.cpuMilli) bits |= 2;
  if (mem > 0 && mem > node.allocatable.memoryBytes - node.requested.memoryBytes) bits |= 4;
  return RESOURCE_FAILURES[bits]!;
}

/** Runs the filter plugins for `pod` on `node`; `state` from {@link preFilter} (absent = no cluster-wide plugin). */
export function filterNode(pod: PodView, node: NodeView, state: FilterState = NO_CLUSTER_FILTERS): FilterResult {
  if (node.unschedulable && !isTolerated(pod.tolerations, UNSCHEDULABLE_TAINT)) return failure(filterReasons.unschedulable);
  const taint = findUntoleratedTaint(effectiveTaints(node), pod.tolerations);
  if (taint !== undefined) return failure(untoleratedTaintReason(taint.key, taint.value));
  if (!matchesNodeSelectorAndAffinity(pod, node.labels)) return failure(filterReasons.affinityMismatch);
  const resources = resourceFailure(pod, node);
  if (resources !== null) return resources;
  const reason = clusterFilterReason(state, node);
  return reason === null ? FITS : failure(reason);
}

/**
 * PodTopologySpread then InterPodAffinity alone on `node`: null when both pass, else the first
 * failure message. For callers that check the other plugins themselves (planned NodeClaims).
 */
export function clusterFilterReason(state: FilterState, node: NodeView): string | null {
  if (state.topologySpread !== null) {
    const reason = filterTopologySpread(state.topologySpread, node);
    if (reason !== null) return reason;
  }
  return state.interPodAffinity === null ? null : filterInterPodAffinity(state.interPodAffinity, node);
}

/**
 * First node of `nodes` (in order) where `pod` passes every filter, with the cluster-wide plugins
 * evaluated over `nodes` (which must be the whole snapshot). For what-if placement (autoscalers).
 */
export function findFittingNode(pod: PodView, nodes: readonly NodeView[], cluster: ClusterKnowledge = {}): NodeView | undefined {
  const state = preFilter(pod, { ...cluster, allNodes: nodes });
  // The resource check first: most nodes a what-if passes over are full, and filterNode would
  // build its failure reasons for each.
  for (const n of nodes) if (fitsResources(pod, n) && filterNode(pod, n, state).fits) return n;
  return undefined;
}

/**
 * False when neither cluster-wide filter can reject `pod`, whatever the nodes hold: it has no
 * DoNotSchedule spread constraint and no pod in the cluster has pod (anti-)affinity. Its PreFilter
 * is then {@link NO_CLUSTER_FILTERS} without looking at any node.
 */
export function hasClusterFilters(pod: PodView, cluster: ClusterKnowledge): boolean {
  return cluster.podAffinityInCluster !== false || podSpreadConstraints(pod, 'DoNotSchedule').length > 0;
}

/**
 * The FitError message: `0/N nodes are available: <count> <reason>, ...` with the
 * "<count> <reason>" strings sorted (framework/types.go FitError.Error).
 */
export function formatFitError(numAllNodes: number, reasonsPerNode: readonly (readonly string[])[]): string {
  const histogram = new Map<string, number>();
  for (const reasons of reasonsPerNode) for (const r of reasons) histogram.set(r, (histogram.get(r) ?? 0) + 1);
  const parts = [...histogram].map(([r, n]) => `${n} ${r}`).sort();
  return `0/${numAllNodes} nodes are available: ${parts.join(', ')}.`;
}
