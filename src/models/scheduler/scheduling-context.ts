/**
 * What the cluster-wide plugins (PodTopologySpread, InterPodAffinity) read beyond the node being
 * filtered: every node of the snapshot, for pod counts per topology domain, and the namespaces'
 * labels, for namespaceSelector. Also the pod's template group as a node records it.
 *
 * To feed them, a caller gives each NodeView its `podGroups` (one shared PodGroup per workload
 * with the count of its pods on the node) and each PodView its `labels`, `affinity` and
 * `topologySpreadConstraints` (and `group`, to share the workload's PodGroup object). Then:
 * - one scheduling cycle: `selectNode(pod, allNodes, options, tieBreak, { namespaceLabels })`;
 * - a what-if on a PlacementSnapshot: `snapshot.fittingNode(pod)`, then `snapshot.bindPod`, which
 *   records the pod in the node's pod groups;
 * - several nodes for one pod: `preFilter(pod, { ...snapshot.clusterFor(pod), allNodes })` once, then
 *   `filterNode(pod, node, state)` per node.
 * Without pod groups and pod rules, all of these behave as before the two plugins existed.
 */
import type { NodeView, PodGroup, PodView } from './types.js';

type Labels = Readonly<Record<string, string>>;

/** Cluster state for one scheduling attempt. */
export interface SchedulingContext {
  /** Every node in the snapshot (not only the feasible ones): domains and counts are cluster-wide upstream. */
  readonly allNodes: readonly NodeView[];
  /** metadata.labels per namespace name; a namespace absent here has no labels. */
  readonly namespaceLabels?: Readonly<Record<string, Labels>>;
  /**
   * False when the caller knows that no pod, incoming or existing, has pod affinity or
   * anti-affinity terms: InterPodAffinity then skips at once instead of walking every node's pods
   * to find nothing (at 1,000 nodes that walk is most of a scheduling cycle). Absent: unknown.
   */
  readonly podAffinityInCluster?: boolean;
}

/** Whether pods of `group` carry pod affinity or anti-affinity terms. */
export function hasPodAffinityTerms(group: PodGroup): boolean {
  return group.podAffinity !== undefined || group.podAntiAffinity !== undefined;
}

/** A scheduling context without its nodes: what a caller knows of the cluster beyond them. */
export type ClusterKnowledge = Omit<SchedulingContext, 'allNodes'>;

const EMPTY: Labels = {};
const derived = new WeakMap<PodView, PodGroup>();

/** The pod's {@link PodGroup}: `pod.group`, else one derived once per pod object (key namespace/workload). */
export function podGroupOf(pod: PodView): PodGroup {
  if (pod.group !== undefined) return pod.group;
  let g = derived.get(pod);
  if (g === undefined) {
    g = {
      key: `${pod.namespace}/${pod.workload}`,
      namespace: pod.namespace,
      labels: pod.labels ?? EMPTY,
      podAffinity: pod.affinity?.podAffinity,
      podAntiAffinity: pod.affinity?.podAntiAffinity,
    };
    derived.set(pod, g);
  }
  return g;
}
