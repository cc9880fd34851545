/**
 * The pods bound to each node, as the scale-down planner reads them: a node's own list for the
 * nodes it simulates, and a cheap "does it run anything movable" for ranking every node. A caller
 * holding one list of pods wraps it with {@link boundPodsOf}; the simulation answers from its
 * slot arrays, so a loop that simulates 20 nodes does not build a view of every pod in the cluster.
 */
import type { PodView } from './types.js';

export interface BoundPods {
  /** The pods bound to `nodeName`, in a stable order (the order drains are simulated in). */
  on(nodeName: string): readonly PodView[];
  /** Whether `nodeName` runs a pod that is neither a DaemonSet nor a mirror pod. */
  hasMovable(nodeName: string): boolean;
  /** status.disruptionsAllowed of the PodDisruptionBudget named `pdbName`, if a bound pod has it. */
  disruptionsAllowed(pdbName: string): number | undefined;
}

const none: readonly PodView[] = [];

/** Whether a drain leaves `p` alone: DaemonSet and mirror pods stay with their node. */
export function staysWithNode(p: PodView): boolean {
  return p.isDaemonSet === true || p.isMirror === true;
}

/** {@link BoundPods} over one list (unbound pods are left out), grouped in one pass. */
export function boundPodsOf(pods: readonly PodView[]): BoundPods {
  const byNode = new Map<string, PodView[]>();
  const allowed = new Map<string, number>();
  for (const p of pods) {
    if (p.pdb) allowed.set(p.pdb.name, p.pdb.disruptionsAllowed);
    if (p.nodeName === null) continue;
    const l = byNode.get(p.nodeName);
    if (l === undefined) byNode.set(p.nodeName, [p]);
    else l.push(p);
  }
  return {
    on: (nodeName) => byNode.get(nodeName) ?? none,
    hasMovable: (nodeName) => (byNode.get(nodeName) ?? none).some((p) => !staysWithNode(p)),
    disruptionsAllowed: (pdbName) => allowed.get(pdbName),
  };
}
