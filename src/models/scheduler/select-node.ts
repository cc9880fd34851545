/**
 * One scheduling cycle for one pod: filter nodes from a rotating start until enough feasible ones
 * are found (numFeasibleNodesToFind: every node below 100 nodes), score those, pick the highest
 * total; ties broken by the injected `tieBreak` (upstream selectHost picks uniformly at random).
 * Filtering is sequential where upstream's is parallel, so the nodes examined are exactly the
 * first ones in rotation order (upstream may examine a few more before its cancel takes effect).
 */
import { withLazyProperty } from '../../engine/lazy-property.js';
import { filterNode, formatFitError, preFilter } from './filter-node.js';
import { numFeasibleNodesToFind } from './num-feasible-nodes-to-find.js';
import type { ClusterKnowledge } from './scheduling-context.js';
import { scoreTotals, type ScoreOptions } from './score-nodes.js';
import type { NodeView, PodView } from './types.js';

/** `Scheduled` when a node was chosen; `Unschedulable` is the PodScheduled condition reason upstream. */
export type SelectNodeReason = 'Scheduled' | 'Unschedulable';

/** Result of {@link selectNode}. */
export interface SelectNodeResult {
  readonly nodeName: string | null;
  readonly reason: SelectNodeReason;
  /** "Successfully assigned ns/pod to node" or the FitError text "0/N nodes are available: ...". */
  readonly message: string;
  /** Filter failure reasons per rejected node examined (empty when scheduled on the first try). */
  readonly failedNodes: ReadonlyMap<string, readonly string[]>;
  /**
   * Nodes examined, feasible or not: the caller advances its start index by this
   * (schedule_one.go nextStartNodeIndex), so every node gets its turn across pods.
   */
  readonly processedNodes: number;
}

/** The score phase's options plus where the filter's search starts and how far it goes. */
export interface SelectOptions extends ScoreOptions {
  /** Index in `nodes` the search starts from (upstream's nextStartNodeIndex). @default 0 */
  readonly startIndex?: number;
  /** KubeSchedulerConfiguration percentageOfNodesToScore; 0 is adaptive. @default 0 */
  readonly percentageOfNodesToScore?: number;
}

/**
 * Chooses a node for `pod` among `nodes` (the whole cluster: PodTopologySpread and InterPodAffinity
 * count over it). `tieBreak` returns a number in [0, 1) and is called only when several nodes
 * share the top score, so the same inputs and seed give the same choice. `cluster` is what the
 * caller knows beyond the nodes: namespaces' labels for namespaceSelector in pod affinity terms,
 * and whether any pod has pod affinity terms at all.
 */
export function selectNode(
  pod: PodView,
  nodes: readonly NodeView[],
  options: SelectOptions,
  tieBreak: () => number,
  cluster: ClusterKnowledge = {},
): SelectNodeResult {
  const state = preFilter(pod, { ...cluster, allNodes: nodes });
  const feasible: NodeView[] = [];
  const failedList: NodeView[] = [];
  const failedReasons: (readonly string[])[] = [];
  const total = nodes.length;
  const toFind = numFeasibleNodesToFind(total, options.percentageOfNodesToScore);
  const start = total > 0 ? (options.startIndex ?? 0) % total : 0;
  let processedNodes = 0;
  while (processedNodes < total && feasible.length < toFind) {
    const node = nodes[(start + processedNodes) % total] as NodeView;
    processedNodes++;
    const r = filterNode(pod, node, state);
    if (r.fits) feasible.push(node);
    else {
      failedList.push(node);
      failedReasons.push(r.reasons);
    }
  }
  if (feasible.length === 0) {
    return withFailedNodes({ nodeName: null, reason: 'Unschedulable', message: formatFitError(total, failedReasons), processedNodes }, failedList, failedReasons);
  }
  let chosen = feasible[0] as NodeView;
  // Upstream skips scoring when exactly one node is feasible.
  if (feasible.length > 1) {
    const totals = scoreTotals(pod, feasible, options, nodes, cluster);
    let best = -Infinity;
    const top: number[] = [];
    for (let i = 0; i < totals.length; i++) {
      const total = totals[i]!;
      if (total > best) {
        best = total;
        top.length = 0;
        top.push(i);
      } else if (total === best) top.push(i);
    }
    const pick = top.length === 1 ? (top[0] as number) : (top[Math.min(top.length - 1, Math.floor(tieBreak() * top.length))] as number);
    chosen = feasible[pick] as NodeView;
  }
  return withFailedNodes({ nodeName: chosen.name, reason: 'Scheduled', message: `Successfully assigned ${pod.namespace}/${pod.name} to ${chosen.name}`, processedNodes }, failedList, failedReasons);
}

/**
 * The failed nodes by name, as a Map built when first read: only diagnostics read it, and on a
 * large cluster a pod's cycle filters hundreds of full nodes (a Map, because an object given a
 * key per node turns into a slow dictionary).
 */
function withFailedNodes(result: Omit<SelectNodeResult, 'failedNodes'>, nodes: readonly NodeView[], reasons: readonly (readonly string[])[]): SelectNodeResult {
  return withLazyProperty(result, 'failedNodes', () => {
    const map = new Map<string, readonly string[]>();
    for (let i = 0; i < nodes.length; i++) map.set(nodes[i]!.name, reasons[i]!);
    return map as ReadonlyMap<string, readonly string[]>;
  });
}
