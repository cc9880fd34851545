/**
 * What the cluster-wide plugins (PodTopologySpread, InterPodAffinity) read beyond the node being
 * filtered: every node of the snapshot, for pod counts per topology domain, and the namespaces'
 * labels, for namespaceSelector. Also the pod's template group as a node records it.
 */
import type { NodeView, PodGroup, PodView } from './types.js';

type Labels = Readonly<Record<string, string>>;

/** Cluster state for one scheduling attempt. */
export interface SchedulingContext {
  /** Every node in the snapshot (not only the feasible ones): domains and counts are cluster-wide upstream. */
  readonly allNodes: readonly NodeView[];
  /** metadata.labels per namespace name; a namespace absent here has no labels. */
  readonly namespaceLabels?: Readonly<Record<string, Labels>>;
}

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
