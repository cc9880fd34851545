import type { NodeCpuState } from '../models/cpu/node-cpu-state.js';
import { copyPrefix, type ClusterState } from './cluster-state.js';
import type { WorkloadRuntime } from './workload-runtime.js';

/*
 * A whole CPU step reads, besides the configuration, only these: each pod slot's phase, node and
 * workload, each container's carried backlog, each node slot's phase and CPU state, and each
 * workload's arrivals, Ready pods and rate (cpu-step.ts fillNodeStates and stepNode). When all of
 * them equal the last step's and every node was recorded for replay (quiet-node-replay.ts), each
 * node would find its inputs repeated and replay its record. The step can then skip straight to
 * the replays: no filling of the nodes' CPU states, no per-node comparison of inputs. That is the
 * stride over a quiet span: one pass over the recorded additions per step, with every total
 * receiving the values a recomputed step adds, in the same order.
 */

/** Snapshot of a step's raw inputs, and whether the current step's equal it. */
export class RepeatedStep {
  private podCount = -1;
  private nodeCount = -1;
  private phase = new Uint8Array(0);
  private node = new Int32Array(0);
  private workload = new Int32Array(0);
  private backlog = new Float64Array(0);
  private nodePhase = new Uint8Array(0);
  private cpu: (NodeCpuState | undefined)[] = [];
  /** Per workload: arrivals, Ready pods, rate. */
  private offered: Float64Array;

  constructor(
    private readonly s: ClusterState,
    private readonly workloads: readonly WorkloadRuntime[],
    private readonly nodeCpu: readonly (NodeCpuState | undefined)[],
  ) {
    this.offered = new Float64Array(workloads.length * 3);
  }

  /** Forgets the snapshot: the next {@link same} is false until {@link take} is called again. */
  clear(): void {
    this.podCount = -1;
  }

  /** Whether the current inputs equal the snapshot's (false when there is none). */
  same(): boolean {
    const s = this.s;
    if (this.podCount !== s.podHighWater || this.nodeCount !== s.nodeHighWater) return false;
    const offered = this.offered;
    for (let i = 0, o = 0; i < this.workloads.length; i++, o += 3) {
      const w = this.workloads[i]!;
      if (offered[o] !== w.arrivals || offered[o + 1] !== w.readyPods || offered[o + 2] !== w.rate) return false;
    }
    for (let n = 0; n < this.nodeCount; n++) {
      if (this.nodePhase[n] !== s.nodePhase[n] || this.cpu[n] !== this.nodeCpu[n]) return false;
    }
    for (let p = 0; p < this.podCount; p++) {
      if (this.phase[p] !== s.podPhase[p] || this.node[p] !== s.podNode[p] || this.workload[p] !== s.podWorkload[p]) return false;
    }
    const containers = this.podCount * s.containersPerPod;
    const backlog = this.backlog;
    const now = s.ctrBacklog;
    for (let k = 0; k < containers; k++) if (backlog[k] !== now[k]) return false;
    return true;
  }

  /** Keeps the current inputs as the snapshot. */
  take(): void {
    const s = this.s;
    const pods = s.podHighWater;
    const nodes = s.nodeHighWater;
    this.phase = copyPrefix(this.phase, s.podPhase, pods);
    this.node = copyPrefix(this.node, s.podNode, pods);
    this.workload = copyPrefix(this.workload, s.podWorkload, pods);
    this.backlog = copyPrefix(this.backlog, s.ctrBacklog, pods * s.containersPerPod);
    this.nodePhase = copyPrefix(this.nodePhase, s.nodePhase, nodes);
    for (let n = 0; n < nodes; n++) this.cpu[n] = this.nodeCpu[n];
    for (let i = 0, o = 0; i < this.workloads.length; i++, o += 3) {
      const w = this.workloads[i]!;
      this.offered[o] = w.arrivals;
      this.offered[o + 1] = w.readyPods;
      this.offered[o + 2] = w.rate;
    }
    this.podCount = pods;
    this.nodeCount = nodes;
  }
}
