import type { Simulation } from './simulation.js';
import { buildClusterView, type ClusterView } from './cluster-view.js';
import { copyPrefix } from './cluster-state.js';

/*
 * A Cluster Autoscaler loop runs every 10 s, and on most loops nothing in the cluster has changed
 * since the last (the flagship: 99 % of them). The view it reads (cluster-view.ts) is a function
 * of a few arrays: each node slot's phase, version (bumped whenever its pods or requests change,
 * or the slot is released) and cordon; each pod slot's phase, node and name (a reused slot has a
 * new name); and each workload's desired replicas (its PodDisruptionBudget's expected count). The
 * views of nodes and pods it holds are themselves rebuilt only when those change
 * (scheduling-views.ts). So when all of them equal the last loop's, the last view is the one a
 * new build would give, and it is handed out again instead of walking every node and pod slot
 * and filling a map of node names.
 */

/** Views built and handed out again, process-wide (for benchmarks and tests). */
export const clusterViewCounts = { built: 0, reused: 0 };

/**
 * A node autoscaler's cluster view (the Cluster Autoscaler's loop, Karpenter's disruption poll),
 * built again only when something it reads changed.
 */
export class ClusterViewReuse {
  private view: ClusterView | null = null;
  private podCount = -1;
  private nodeCount = -1;
  private podPhase = new Uint8Array(0);
  private podNode = new Int32Array(0);
  private podName: string[] = [];
  private nodePhase = new Uint8Array(0);
  private nodeVersion = new Int32Array(0);
  private cordoned = new Uint8Array(0);
  private readonly desired: Int32Array;

  /** @param reuse false builds a new view every time, with no list kept (to check that reusing changes no byte). */
  constructor(
    private readonly sim: Simulation,
    private readonly reuse = true,
  ) {
    this.desired = new Int32Array(sim.workloads.length);
  }

  /** The view of the cluster as it is now. */
  current(): ClusterView {
    if (this.view !== null && this.reuse && this.unchanged()) {
      clusterViewCounts.reused++;
      return this.view;
    }
    clusterViewCounts.built++;
    this.view = buildClusterView(this.sim, this.reuse);
    this.remember();
    return this.view;
  }

  private unchanged(): boolean {
    const s = this.sim.state;
    if (this.podCount !== s.podHighWater || this.nodeCount !== s.nodeHighWater) return false;
    const workloads = this.sim.workloads;
    for (let w = 0; w < workloads.length; w++) if (this.desired[w] !== workloads[w]!.desiredReplicas) return false;
    const cordoned = this.sim.nodes.cordoned;
    for (let n = 0; n < this.nodeCount; n++) {
      if (this.nodePhase[n] !== s.nodePhase[n] || this.nodeVersion[n] !== s.nodeVersion[n]) return false;
      if (this.cordoned[n] !== (cordoned.has(n) ? 1 : 0)) return false;
    }
    for (let p = 0; p < this.podCount; p++) {
      if (this.podPhase[p] !== s.podPhase[p] || this.podNode[p] !== s.podNode[p] || this.podName[p] !== s.podName[p]) return false;
    }
    return true;
  }

  private remember(): void {
    const s = this.sim.state;
    const pods = s.podHighWater;
    const nodes = s.nodeHighWater;
    this.podPhase = copyPrefix(this.podPhase, s.podPhase, pods);
    this.podNode = copyPrefix(this.podNode, s.podNode, pods);
    this.nodePhase = copyPrefix(this.nodePhase, s.nodePhase, nodes);
    this.nodeVersion = copyPrefix(this.nodeVersion, s.nodeVersion, nodes);
    if (this.cordoned.length < nodes) this.cordoned = new Uint8Array(Math.max(nodes, this.cordoned.length * 2));
    for (let p = 0; p < pods; p++) this.podName[p] = s.podName[p]!;
    const cordoned = this.sim.nodes.cordoned;
    for (let n = 0; n < nodes; n++) this.cordoned[n] = cordoned.has(n) ? 1 : 0;
    const workloads = this.sim.workloads;
    for (let w = 0; w < workloads.length; w++) this.desired[w] = workloads[w]!.desiredReplicas;
    this.podCount = pods;
    this.nodeCount = nodes;
  }
}
