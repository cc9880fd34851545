import { Timer, Priority, type RandomStream } from '../engine/index.js';
import type { Simulation } from './simulation.js';
import { NodePhase, PodPhase } from './pod-phase.js';
import type { PoolRuntime } from './pool-runtime.js';
import { selectNode } from '../models/scheduler/select-node.js';
import { filterNode } from '../models/scheduler/filter-node.js';
import { liveNodeView, livePodView, templateNodeView, type CachedNodeView } from './scheduling-views.js';
import { sameElements } from '../engine/same-elements.js';
import type { NodeView, PodView } from '../models/scheduler/types.js';
import { hasPodAffinityTerms, type ClusterKnowledge } from '../models/scheduler/scheduling-context.js';
import { preempt, type PreemptionNode } from '../models/scheduler/preemption.js';
import type { TimedPod } from '../models/scheduler/pod-priority.js';
import { disruptionsAllowed } from './cluster-view.js';

/**
 * The kube-scheduler's queue and binding cycle: whatever changed (a pod created or gone, a node
 * Ready), one pass at that instant takes the Pending pods in queue order and binds each to the node
 * the scheduling model picks, or records FailedScheduling.
 */
export class SchedulerQueue {
  private readonly timer: Timer;
  private readonly tieBreak: RandomStream;
  /** status.nominatedNodeName of pods that preempted: pod slot -> node slot. */
  private readonly nominated = new Map<number, number>();
  /** Pods the scheduler preempted (terminating because of it). */
  private readonly preempted = new Set<number>();
  /** The last view built per node and per pod slot, reused while still current (scheduling-views.ts). */
  private readonly nodeViews: (CachedNodeView | undefined)[] = [];
  private readonly podViews: (PodView | undefined)[] = [];
  /**
   * The lowest priority of a bound pod, found once per pass when a pod first fails: within a pass
   * binds only add to it (kept in step) and preemption's victims stay bound until they are gone.
   */
  private passLowestPriority: number | null = null;
  /** Scheduling passes run, and the state of the Ready nodes' views: see schedulePending. */
  private pass = 0;
  private generation = 0;
  private lastPassNodes: readonly NodeView[] = [];
  /**
   * Each workload's last failed cycle: its message (not its per-node reasons, large and better left
   * to the young generation), and whether preemption then found nothing.
   */
  private readonly failures = new Map<number, { readonly generation: number; readonly pass: number; readonly message: string; readonly noPreemption: boolean }>();
  /** Where the next cycle's filter starts among the Ready nodes (schedule_one.go nextStartNodeIndex). */
  private nextStartNodeIndex = 0;
  /** Every pod comes from a workload, so when none has pod (anti-)affinity no pod ever will. */
  private readonly cluster: ClusterKnowledge;

  constructor(private readonly sim: Simulation) {
    this.timer = new Timer(sim.env, () => this.schedulePending());
    this.tieBreak = sim.streams.stream('scheduler/tie-break');
    this.cluster = { podAffinityInCluster: sim.workloads.some((w) => hasPodAffinityTerms(w.podGroup)) };
  }

  /** Runs a scheduling pass at the current instant, once, however many changes asked for it. */
  requestPass(): void {
    if (!this.timer.isArmed) this.timer.arm(0, Priority.urgent);
  }

  /**
   * Binds Pending pods in queue order (PrioritySort: priority, then creation time). A pod that fits
   * nowhere may preempt lower-priority pods (DefaultPreemption): the victims are deleted with their
   * grace period and the pod is bound once their requests are gone.
   */
  schedulePending(): void {
    const { state: s, env } = this.sim;
    const pending: number[] = [];
    for (let p = 0; p < s.podHighWater; p++) if (s.podPhase[p] === PodPhase.pending) pending.push(p);
    if (pending.length === 0) return;
    const priority = (p: number): number => this.sim.workloads[s.podWorkload[p]!]!.config.priority;
    pending.sort((a, b) => priority(b) - priority(a) || s.podCreatedMs[a]! - s.podCreatedMs[b]! || a - b);
    const nodes: NodeView[] = [];
    const nodeSlots: number[] = [];
    for (let n = 0; n < s.nodeHighWater; n++) {
      if (s.nodePhase[n] !== NodePhase.ready) continue;
      nodes.push(this.nodeView(n));
      nodeSlots.push(n);
    }
    const unschedulable: number[] = [];
    this.passLowestPriority = null;
    this.pass++;
    // Pods of one workload share their template, and a node's view is the same object while the node
    // is unchanged (scheduling-views.ts). So while the Ready nodes' views are the ones a workload's
    // pod failed on (`generation`: no bind, no preemption, no node changed since), its next pod fails
    // exactly the same way: the same filter reasons over every node (which leaves the start index
    // where it was). Within the pass, when that pod was not nominated, its preemption is also known
    // to find nothing. A burst of Pending replicas on a large cluster is then one filter pass per
    // workload and change, not one per pod and pass.
    if (!sameElements(nodes, this.lastPassNodes)) this.generation++;
    const { scoringStrategy, percentageOfNodesToScore } = this.sim.scenario.cluster.scheduler;
    for (const p of pending) {
      const pod = this.podView(p);
      const workload = s.podWorkload[p]!;
      const known = this.failures.get(workload);
      const same = known !== undefined && known.generation === this.generation;
      let nodeName: string | null = null;
      let message: string;
      if (same) message = known.message;
      else {
        const result = selectNode(pod, nodes, { strategy: scoringStrategy, percentageOfNodesToScore, startIndex: this.nextStartNodeIndex }, () => this.tieBreak.next(), this.cluster);
        if (nodes.length > 0) this.nextStartNodeIndex = (this.nextStartNodeIndex + result.processedNodes) % nodes.length;
        nodeName = result.nodeName;
        message = result.message;
      }
      if (nodeName === null) {
        this.sim.log.add({ timeMs: env.now, source: 'scheduler', subject: pod.workload, reason: 'FailedScheduling', message: `${pod.name}: ${message}` });
        const wasNominated = this.nominated.has(p);
        if (same && known.pass === this.pass && known.noPreemption && !wasNominated) {
          unschedulable.push(p);
          continue;
        }
        if (this.tryPreemption(p, pod, nodes, nodeSlots)) this.generation++;
        else unschedulable.push(p);
        this.failures.set(workload, { generation: this.generation, pass: this.pass, message, noPreemption: !wasNominated && !this.nominated.has(p) });
        continue;
      }
      const k = nodes.findIndex((v) => v.name === nodeName);
      const slot = nodeSlots[k]!;
      this.sim.pods.bind(p, slot);
      this.nominated.delete(p);
      nodes[k] = this.nodeView(slot);
      this.generation++;
      if (this.passLowestPriority !== null) this.passLowestPriority = Math.min(this.passLowestPriority, priority(p));
    }
    this.lastPassNodes = nodes;
    if (unschedulable.length > 0) for (const o of this.sim.observers) o.podsUnschedulable?.(unschedulable);
  }

  /**
   * DefaultPreemption for pod slot `p` that fit no node: when evicting lower-priority pods lets it
   * fit, they are deleted (event Preempted) and the pod is nominated to that node. True when the
   * pod is nominated (now or by an earlier pass whose victims are still terminating).
   */
  private tryPreemption(p: number, pod: PodView, nodes: readonly NodeView[], nodeSlots: readonly number[]): boolean {
    const { state: s, env } = this.sim;
    const preemptorPriority = pod.priority ?? 0;
    // Fast path: no bound pod has a lower priority, so no node has a victim.
    if (this.passLowestPriority === null) {
      let lowest = Infinity;
      for (let q = 0; q < s.podHighWater; q++) if (s.podNode[q]! >= 0 && s.podPhase[q] !== PodPhase.free) lowest = Math.min(lowest, this.sim.workloads[s.podWorkload[q]!]!.config.priority);
      this.passLowestPriority = lowest;
    }
    if (!(this.passLowestPriority < preemptorPriority)) return false;
    const nominatedSlot = this.nominated.get(p);
    const pdb = disruptionsAllowed(this.sim);
    const podsOn = new Map<number, TimedPod[]>();
    const slotByName = new Map<string, number>();
    for (let q = 0; q < s.podHighWater; q++) {
      const n = s.podNode[q]!;
      if (n < 0 || s.podPhase[q] === PodPhase.free) continue;
      slotByName.set(s.podName[q]!, q);
      // Terminating pods are leaving anyway: they are neither victims nor room.
      if (s.podPhase[q] === PodPhase.terminating) continue;
      const allowed = pdb[s.podWorkload[q]!];
      const view: TimedPod = { ...this.podView(q), ...(s.podStartMs[q]! >= 0 ? { startedMs: s.podStartMs[q]! } : {}), ...(allowed === undefined ? {} : { pdb: { name: this.sim.workloads[s.podWorkload[q]!]!.config.name, disruptionsAllowed: allowed } }) };
      (podsOn.get(n) ?? podsOn.set(n, []).get(n)!).push(view);
    }
    const candidates: PreemptionNode[] = nodes.map((node, i) => ({ node, pods: podsOn.get(nodeSlots[i]!) ?? [] }));
    const nominated =
      nominatedSlot !== undefined && s.nodePhase[nominatedSlot] === NodePhase.ready
        ? {
            unresolvable: false,
            pods: this.terminatingOn(nominatedSlot),
          }
        : undefined;
    const decision = preempt({ preemptor: pod, nodes: candidates, fits: (x, node) => filterNode(x, node), ...(nominated ? { nominated } : {}) });
    if (decision.reason === 'NotEligible') return nominated !== undefined;
    if (decision.nominatedNodeName === null) return false;
    for (const e of decision.events) {
      const victim = slotByName.get(e.pod.name)!;
      this.sim.log.add({ timeMs: env.now, source: 'scheduler', subject: e.pod.workload, reason: 'Preempted', message: `${e.pod.name}: ${e.message}` });
      this.preempted.add(victim);
      this.sim.nodes.evictions[s.podWorkload[victim]!]!++;
      this.sim.pods.delete(victim);
    }
    const k = nodes.findIndex((v) => v.name === decision.nominatedNodeName);
    this.nominated.set(p, nodeSlots[k]!);
    this.sim.log.add({ timeMs: env.now, source: 'scheduler', subject: pod.workload, reason: 'Nominated', message: `${pod.name}: nominated to ${decision.nominatedNodeName} after preempting ${decision.victims.length} pod(s)` });
    for (const w of new Set(decision.victims.map((v) => this.sim.workloads.find((x) => x.config.name === v.workload)!))) this.sim.replicaSets.reconcile(w);
    return true;
  }

  /** Pod slot `p` is gone: it holds no nomination and is no preemption victim any more. */
  forget(p: number): void {
    this.nominated.delete(p);
    this.preempted.delete(p);
  }

  /** The pods on node slot `n` with their priority and whether the scheduler's preemption is removing them. */
  private terminatingOn(n: number): { priority: number; terminatingByPreemption: boolean }[] {
    const s = this.sim.state;
    const out: { priority: number; terminatingByPreemption: boolean }[] = [];
    for (let q = 0; q < s.podHighWater; q++) {
      if (s.podNode[q] !== n || s.podPhase[q] === PodPhase.free) continue;
      out.push({ priority: this.sim.workloads[s.podWorkload[q]!]!.config.priority, terminatingByPreemption: s.podPhase[q] === PodPhase.terminating && this.preempted.has(q) });
    }
    return out;
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
    return liveNodeView(this.sim, n, this.nodeViews);
  }

  /** The scheduler's view of pod slot `p`. */
  podView(p: number): PodView {
    return livePodView(this.sim, p, this.podViews);
  }
}
