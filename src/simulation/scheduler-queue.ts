import { Timer, Priority, type RandomStream } from '../engine/index.js';
import type { Simulation } from './simulation.js';
import { NodePhase, PodPhase } from './pod-phase.js';
import type { PoolRuntime } from './pool-runtime.js';
import { selectNode } from '../models/scheduler/select-node.js';
import { filterNode } from '../models/scheduler/filter-node.js';
import { liveNodeView, livePodView, templateNodeView } from './scheduling-views.js';
import type { NodeView, PodView } from '../models/scheduler/types.js';

/**
 * The kube-scheduler's queue and binding cycle: whatever changed (a pod created or gone, a node
 * Ready), one pass at that instant takes the Pending pods in queue order and binds each to the node
 * the scheduling model picks, or records FailedScheduling.
 */
export class SchedulerQueue {
  private readonly timer: Timer;
  private readonly tieBreak: RandomStream;

  constructor(private readonly sim: Simulation) {
    this.timer = new Timer(sim.env, () => this.schedulePending());
    this.tieBreak = sim.streams.stream('scheduler/tie-break');
  }

  /** Runs a scheduling pass at the current instant, once, however many changes asked for it. */
  requestPass(): void {
    if (!this.timer.isArmed) this.timer.arm(0, Priority.urgent);
  }

  /** Binds Pending pods in queue order (creation time). */
  schedulePending(): void {
    const { state: s, env } = this.sim;
    const pending: number[] = [];
    for (let p = 0; p < s.podHighWater; p++) if (s.podPhase[p] === PodPhase.pending) pending.push(p);
    if (pending.length === 0) return;
    pending.sort((a, b) => s.podCreatedMs[a]! - s.podCreatedMs[b]! || a - b);
    const nodes: NodeView[] = [];
    const nodeSlots: number[] = [];
    for (let n = 0; n < s.nodeHighWater; n++) {
      if (s.nodePhase[n] !== NodePhase.ready) continue;
      nodes.push(this.nodeView(n));
      nodeSlots.push(n);
    }
    const unschedulable: number[] = [];
    for (const p of pending) {
      const pod = this.podView(p);
      const result = selectNode(pod, nodes, { strategy: this.sim.scenario.cluster.schedulerScoring }, () => this.tieBreak.next());
      if (result.nodeName === null) {
        this.sim.log.add({ timeMs: env.now, source: 'scheduler', subject: pod.workload, reason: 'FailedScheduling', message: `${pod.name}: ${result.message}` });
        unschedulable.push(p);
        continue;
      }
      const k = nodes.findIndex((v) => v.name === result.nodeName);
      const slot = nodeSlots[k]!;
      this.sim.pods.bind(p, slot);
      nodes[k] = this.nodeView(slot);
    }
    if (unschedulable.length > 0) for (const o of this.sim.observers) o.podsUnschedulable?.(unschedulable);
  }

  /** True when the pod fits some node shape a pool can launch (for initial sizing). */
  templateFits(pod: PodView, pool: PoolRuntime, typeIndex: number): boolean {
    return filterNode(pod, this.templateView(pool, typeIndex)).fits;
  }

  /** The scheduler's view of a fresh node of `pool` (DaemonSets already on it). */
  templateView(pool: PoolRuntime, typeIndex: number): NodeView {
    return templateNodeView(this.sim, pool, typeIndex);
  }

  /** The scheduler's view of node slot `n`. */
  nodeView(n: number): NodeView {
    return liveNodeView(this.sim, n);
  }

  /** The scheduler's view of pod slot `p`. */
  podView(p: number): PodView {
    return livePodView(this.sim, p);
  }
}
