/**
 * One scheduling cycle for one pod: filter all nodes, score the feasible ones, pick the highest
 * total; ties broken by the injected `tieBreak` (upstream selectHost picks uniformly at random).
 * All nodes are scored (upstream scores every node below 100 nodes; above that it samples a
 * percentage, which this model does not reproduce).
 */
import { filterNode, formatFitError, preFilter } from './filter-node.js';
import type { SchedulingContext } from './scheduling-context.js';
import { scoreNodes, type ScoreOptions } from './score-nodes.js';
import type { NodeView, PodView } from './types.js';

/** `Scheduled` when a node was chosen; `Unschedulable` is the PodScheduled condition reason upstream. */
export type SelectNodeReason = 'Scheduled' | 'Unschedulable';

/** Result of {@link selectNode}. */
export interface SelectNodeResult {
  readonly nodeName: string | null;
  readonly reason: SelectNodeReason;
  /** "Successfully assigned ns/pod to node" or the FitError text "0/N nodes are available: ...". */
  readonly message: string;
  /** Filter failure reasons per rejected node (empty when scheduled on the first try). */
  readonly failedNodes: Readonly<Record<string, readonly string[]>>;
}

/**
 * Chooses a node for `pod` among `nodes` (the whole cluster: PodTopologySpread and InterPodAffinity
 * count over it). `tieBreak` returns a number in [0, 1) and is called only when several nodes
 * share the top score, so the same inputs and seed give the same choice. `namespaceLabels`
 * (metadata.labels per namespace) serve namespaceSelector in pod affinity terms.
 */
export function selectNode(
  pod: PodView,
  nodes: readonly NodeView[],
  options: ScoreOptions,
  tieBreak: () => number,
  namespaceLabels?: SchedulingContext['namespaceLabels'],
): SelectNodeResult {
  const state = preFilter(pod, { allNodes: nodes, namespaceLabels });
  const feasible: NodeView[] = [];
  const failed: Record<string, readonly string[]> = {};
  const failedReasons: (readonly string[])[] = [];
  for (const node of nodes) {
    const r = filterNode(pod, node, state);
    if (r.fits) feasible.push(node);
    else {
      failed[node.name] = r.reasons;
      failedReasons.push(r.reasons);
    }
  }
  if (feasible.length === 0) {
    return { nodeName: null, reason: 'Unschedulable', message: formatFitError(nodes.length, failedReasons), failedNodes: failed };
  }
  let chosen = feasible[0] as NodeView;
  // Upstream skips scoring when exactly one node is feasible.
  if (feasible.length > 1) {
    const scores = scoreNodes(pod, feasible, options, nodes, namespaceLabels);
    let best = -Infinity;
    const top: number[] = [];
    scores.forEach((s, i) => {
      if (s.total > best) {
        best = s.total;
        top.length = 0;
        top.push(i);
      } else if (s.total === best) top.push(i);
    });
    const pick = top.length === 1 ? (top[0] as number) : (top[Math.min(top.length - 1, Math.floor(tieBreak() * top.length))] as number);
    chosen = feasible[pick] as NodeView;
  }
  return {
    nodeName: chosen.name,
    reason: 'Scheduled',
    message: `Successfully assigned ${pod.namespace}/${pod.name} to ${chosen.name}`,
    failedNodes: failed,
  };
}
