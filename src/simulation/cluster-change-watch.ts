import type { NodeView } from '../models/scheduler/types.js';
import type { ClusterState } from './cluster-state.js';
import { sameElements } from '../engine/same-elements.js';

/**
 * Whether what the Cluster Autoscaler's scale-down search reads has changed since the last loop:
 * the nodes (their views are reused while a node's pods, requests, phase and cordon are unchanged),
 * every pod's phase (a pod going Terminating leaves its node's view as it is), and the PDB budgets.
 * A quiet cluster then skips the drain simulations (plan-scale-down.ts ScaleDownSearch): on the
 * flagship 99 % of the loops, on the 1,000-node bench cluster two in three.
 */
export class ClusterChangeWatch {
  private nodes: readonly NodeView[] = [];
  private podPhase = new Uint8Array(0);
  private podCount = -1;
  private budgets: readonly (number | undefined)[] = [];

  /** True when nothing read has changed since the previous call; then remembers the present. */
  unchanged(nodes: readonly NodeView[], s: ClusterState, budgets: readonly (number | undefined)[]): boolean {
    const n = s.podHighWater;
    let same = sameElements(nodes, this.nodes) && n === this.podCount && sameElements(budgets, this.budgets);
    for (let p = 0; same && p < n; p++) same = s.podPhase[p] === this.podPhase[p];
    if (same) return true;
    if (this.podPhase.length < n) this.podPhase = new Uint8Array(s.podPhase.length);
    this.podPhase.set(s.podPhase.subarray(0, n));
    this.podCount = n;
    this.nodes = nodes;
    this.budgets = budgets;
    return false;
  }
}
