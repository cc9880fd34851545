import { Environment, RandomStreams, Timer, Priority, type RandomStream } from '../engine/index.js';
import type { Scenario } from '../scenario/types.js';
import { ClusterState } from './cluster-state.js';
import { NodePhase, PodPhase } from './pod-phase.js';
import { createWorkloadRuntime, type WorkloadRuntime } from './workload-runtime.js';
import { createPoolRuntime, type PoolRuntime, type PoolInstanceType } from './pool-runtime.js';
import { EventLog } from './event-log.js';
import { createNodeCpuScratch, createNodeCpuState, type NodeCpuScratch, type NodeCpuState } from '../models/cpu/node-cpu-state.js';
import { milliToShares } from '../models/cpu/kubelet-mapping.js';
import { selectNode } from '../models/scheduler/select-node.js';
import { filterNode } from '../models/scheduler/filter-node.js';
import { liveNodeView, livePodView, templateNodeView } from './scheduling-views.js';
import { cgroupWeight } from './cgroup-weight.js';
import { zoneOfOrdinal } from '../scenario/pool-template.js';
import type { NodeView, PodView } from '../models/scheduler/types.js';

/**
 * Observers of placement and node lifetime (cost attribution, Karpenter's consolidateAfter,
 * debug invariant checks). Called synchronously; they must not change the simulation.
 */
export interface SimulationObserver {
  /** Pod `pod` was bound to node `node` (its requests now count there). */
  podBound?(pod: number, node: number): void;
  /** Pod `pod` left node `node` for good; called before the pod slot is freed. */
  podUnbound?(pod: number, node: number): void;
  /** Pod `pod` is gone (bound or not); called before the slot is freed. */
  podReleased?(pod: number): void;
  /** Node slot `node` was created (billing starts). */
  nodeAdded?(node: number): void;
  /** Node `node` is gone (billing ends); called after its pods left, before the slot is freed. */
  nodeRemoved?(node: number): void;
  /** A scheduling pass left these pod slots Pending (PodScheduled=False, Unschedulable). */
  podsUnschedulable?(pods: readonly number[]): void;
}

/** Admission of a pod creation (ResourceQuota, LimitRange); denial is the ReplicaSet's FailedCreate. */
export interface PodAdmission {
  admit(w: WorkloadRuntime): { readonly allowed: true } | { readonly allowed: false; readonly message: string };
}

/** Test-only hook: called with every new Simulation (invariant checkers); null in normal runs. */
export const simulationDebugHooks: { onCreate: ((sim: Simulation) => void) | null } = { onCreate: null };

/**
 * The simulated cluster: state, streams and the operations controllers apply (create and delete
 * pods and nodes, bind pods). Controllers decide through pure model functions and call these to
 * apply their decisions (house style point 7).
 */
export class Simulation {
  readonly env = new Environment();
  readonly streams: RandomStreams;
  readonly state: ClusterState;
  readonly workloads: WorkloadRuntime[];
  readonly pools: PoolRuntime[];
  readonly log = new EventLog(60_000);
  readonly nodeCpu: (NodeCpuState | undefined)[] = [];
  readonly nodeScratch: (NodeCpuScratch | undefined)[] = [];
  /** DaemonSet requests per node. */
  readonly daemonCpuMilli: number;
  readonly daemonMemBytes: number;
  readonly daemonPods: number;
  private readonly podTimers: (Timer | undefined)[] = [];
  private readonly nodeTimers: (Timer | undefined)[] = [];
  private readonly schedulerTimer: Timer;
  private readonly tieBreak: RandomStream;
  /** Pods removed from nodes by scale-down, per workload (for the report). */
  readonly evictions: number[];
  readonly observers: SimulationObserver[] = [];
  /** null admits every pod creation. */
  admission: PodAdmission | null = null;
  /** Node slots tainted NoSchedule by an autoscaler before removal (karpenter.sh/disrupted). */
  readonly cordoned = new Set<number>();

  constructor(
    readonly scenario: Scenario,
    readonly seed: number,
  ) {
    this.streams = new RandomStreams(seed);
    const podCapacity = scenario.workloads.reduce((n, w) => n + Math.max(w.replicas, w.hpa?.maxReplicas ?? 0), 0) * 2;
    const nodeCapacity = scenario.cluster.nodePools.reduce((n, p) => n + p.maxNodes, 0) + 4;
    this.state = new ClusterState(podCapacity, nodeCapacity);
    this.workloads = scenario.workloads.map((w, i) => createWorkloadRuntime(i, w, this.streams.stream(`load/${w.name}`), (x) => this.weightOf(x), scenario.startOffsetMs));
    this.pools = scenario.cluster.nodePools.map((p, i) => createPoolRuntime(i, p, scenario.cluster));
    this.daemonCpuMilli = scenario.cluster.daemonSets.reduce((s, d) => s + d.requests.cpuMilli, 0);
    this.daemonMemBytes = scenario.cluster.daemonSets.reduce((s, d) => s + d.requests.memoryBytes, 0);
    this.daemonPods = scenario.cluster.daemonSets.length;
    this.schedulerTimer = new Timer(this.env, () => this.schedulePending());
    this.tieBreak = this.streams.stream('scheduler/tie-break');
    this.evictions = scenario.workloads.map(() => 0);
    simulationDebugHooks.onCreate?.(this);
  }

  /** A cgroup's CFS weight from its v1 shares, per the nodes' cgroup version (cgroup-weight.ts). */
  weightOf(shares: number): number {
    return cgroupWeight(shares, this.scenario.cluster.cpuWeightConversion);
  }

  // ----- pods -------------------------------------------------------------------------------

  /** Creates a Pending pod of workload `w` (the ReplicaSet controller's create). */
  createPod(w: WorkloadRuntime): number {
    const s = this.state;
    const slot = s.allocatePod();
    s.podWorkload[slot] = w.index;
    s.podNode[slot] = -1;
    s.podPhase[slot] = PodPhase.pending;
    s.podCreatedMs[slot] = this.env.now;
    s.podStartMs[slot] = -1;
    s.podReadyMs[slot] = -1;
    s.podCpuSeconds[slot] = 0;
    s.podBacklog[slot] = 0;
    s.podRps[slot] = 0;
    s.podName[slot] = `${w.config.name}-${w.nextPodSerial++}`;
    this.requestSchedulingPass();
    return slot;
  }

  /** Starts deleting a pod: no more traffic; its node keeps the requests until the grace period ends. */
  deletePod(slot: number): void {
    const s = this.state;
    const phase = s.podPhase[slot]!;
    if (phase === PodPhase.free || phase === PodPhase.terminating) return;
    if (phase === PodPhase.pending) {
      this.releasePod(slot);
      return;
    }
    s.podPhase[slot] = PodPhase.terminating;
    const w = this.workloads[s.podWorkload[slot]!]!;
    this.podTimer(slot).arm(w.config.terminationGracePeriodMs);
  }

  private releasePod(slot: number): void {
    const s = this.state;
    const node = s.podNode[slot]!;
    if (node >= 0) {
      const w = this.workloads[s.podWorkload[slot]!]!.config;
      s.nodeReqCpu[node]! -= w.requests.cpuMilli;
      s.nodeReqMem[node]! -= w.requests.memoryBytes;
      s.nodePodCount[node]! -= 1;
      for (const o of this.observers) o.podUnbound?.(slot, node);
    }
    for (const o of this.observers) o.podReleased?.(slot);
    this.podTimers[slot]?.cancel();
    s.releasePod(slot);
    this.requestSchedulingPass();
  }

  private podTimer(slot: number): Timer {
    let timer = this.podTimers[slot];
    if (!timer) {
      timer = new Timer(this.env, () => this.advancePod(slot));
      this.podTimers[slot] = timer;
    }
    return timer;
  }

  /** Pod lifecycle: bound -> containers started -> Ready; terminating -> gone. */
  private advancePod(slot: number): void {
    const s = this.state;
    const w = this.workloads[s.podWorkload[slot]!]!.config;
    switch (s.podPhase[slot]) {
      case PodPhase.starting:
        s.podPhase[slot] = PodPhase.running;
        s.podStartMs[slot] = this.env.now;
        this.podTimer(slot).arm(w.podStartup.readinessDelayMs);
        break;
      case PodPhase.running:
        s.podPhase[slot] = PodPhase.ready;
        s.podReadyMs[slot] = this.env.now;
        break;
      case PodPhase.terminating:
        this.releasePod(slot);
        break;
    }
  }

  private bindPod(slot: number, node: number): void {
    const s = this.state;
    const w = this.workloads[s.podWorkload[slot]!]!.config;
    s.podNode[slot] = node;
    s.podPhase[slot] = PodPhase.starting;
    s.nodeReqCpu[node]! += w.requests.cpuMilli;
    s.nodeReqMem[node]! += w.requests.memoryBytes;
    s.nodePodCount[node]! += 1;
    for (const o of this.observers) o.podBound?.(slot, node);
    this.podTimer(slot).arm(w.podStartup.imagePullMs + w.podStartup.containerStartMs);
  }

  /** Brings a workload's pods to `replicas` (ReplicaSet controller), deleting the least useful first. */
  scaleWorkload(w: WorkloadRuntime, replicas: number): void {
    w.desiredReplicas = replicas;
    this.reconcileWorkload(w);
  }

  reconcileWorkload(w: WorkloadRuntime): void {
    const s = this.state;
    const alive: number[] = [];
    for (let p = 0; p < s.podHighWater; p++) {
      const phase = s.podPhase[p]!;
      if (s.podWorkload[p] === w.index && phase !== PodPhase.free && phase !== PodPhase.terminating) alive.push(p);
    }
    for (let n = alive.length; n < w.desiredReplicas; n++) {
      const admitted = this.admission?.admit(w) ?? { allowed: true };
      if (!admitted.allowed) {
        // replica_set.go manageReplicas: the failed create is an event; the rest of the batch is skipped.
        this.log.add({ timeMs: this.env.now, source: 'replicaset', subject: w.config.name, reason: 'FailedCreate', message: admitted.message });
        break;
      }
      this.createPod(w);
    }
    if (alive.length > w.desiredReplicas) {
      // ReplicaSet deletion order (controller_utils ActivePods): unassigned < assigned, then
      // not-ready < ready, then the newest first.
      alive.sort((a, b) => rank(s, a) - rank(s, b) || s.podCreatedMs[b]! - s.podCreatedMs[a]! || b - a);
      for (let k = 0; k < alive.length - w.desiredReplicas; k++) this.deletePod(alive[k]!);
    }
  }

  // ----- nodes ------------------------------------------------------------------------------

  /** Requests a node of `pool` (type `typeIndex`); it joins after the pool's provisioning delay unless `ready`. */
  addNode(pool: PoolRuntime, typeIndex: number, ready: boolean): number {
    const s = this.state;
    const type: PoolInstanceType = pool.types[typeIndex]!;
    const slot = s.allocateNode();
    const ordinal = pool.nextOrdinal++;
    const name = `${pool.config.name}-${ordinal}`;
    s.nodeName[slot] = name;
    s.nodeZone[slot] = zoneOfOrdinal(pool.config, ordinal);
    s.nodeType[slot] = type.info.name;
    s.nodePool[slot] = pool.index;
    s.nodeCreatedMs[slot] = this.env.now;
    s.nodeCores[slot] = type.info.vcpu;
    s.nodeAllocCpu[slot] = type.allocatable.allocatable.cpuMilli;
    s.nodeAllocMem[slot] = type.allocatable.allocatable.memoryBytes;
    s.nodeAllocPods[slot] = type.allocatable.allocatable.pods;
    s.nodePriceHourly[slot] = type.priceHourly;
    s.nodeReqCpu[slot] = this.daemonCpuMilli;
    s.nodeReqMem[slot] = this.daemonMemBytes;
    s.nodePodCount[slot] = this.daemonPods;
    pool.billedNodes++;
    const cpu = createNodeCpuState(type.allocatable.allocatable.pods + 1, type.allocatable.allocatable.pods + 1, type.info.vcpu);
    cpu.kubepodsShares = this.weightOf(milliToShares(type.allocatable.allocatable.cpuMilli));
    cpu.besteffortShares = this.weightOf(cpu.besteffortShares);
    cpu.systemShares = this.weightOf(cpu.systemShares);
    this.nodeCpu[slot] = cpu;
    this.nodeScratch[slot] = createNodeCpuScratch(cpu);
    for (const o of this.observers) o.nodeAdded?.(slot);
    if (ready) {
      s.nodePhase[slot] = NodePhase.ready;
      s.nodeReadyMs[slot] = this.env.now;
      this.requestSchedulingPass();
    } else {
      s.nodePhase[slot] = NodePhase.provisioning;
      s.nodeReadyMs[slot] = -1;
      const { min, max } = pool.config.provisioningDelayMs;
      // One stream per node name: the boot delay of shared-7 is the same in before and after runs.
      const u = this.streams.stream(`node/${name}/boot`).next();
      this.nodeTimer(slot).arm(Math.round(min + u * (max - min)));
    }
    return slot;
  }

  private nodeTimer(slot: number): Timer {
    let timer = this.nodeTimers[slot];
    if (!timer) {
      timer = new Timer(this.env, () => this.advanceNode(slot));
      this.nodeTimers[slot] = timer;
    }
    return timer;
  }

  private advanceNode(slot: number): void {
    const s = this.state;
    if (s.nodePhase[slot] === NodePhase.provisioning) {
      s.nodePhase[slot] = NodePhase.ready;
      s.nodeReadyMs[slot] = this.env.now;
      this.log.add({ timeMs: this.env.now, source: 'node', subject: s.nodeName[slot]!, reason: 'NodeReady', message: `node ${s.nodeName[slot]} is Ready` });
      this.requestSchedulingPass();
    } else if (s.nodePhase[slot] === NodePhase.deleting) {
      this.finishNodeDeletion(slot);
    }
  }

  /**
   * Drains and deletes a node: its pods are deleted (their ReplicaSets recreate them elsewhere)
   * and the node is gone once the longest grace period has passed.
   */
  deleteNode(slot: number): void {
    const s = this.state;
    if (s.nodePhase[slot] === NodePhase.free || s.nodePhase[slot] === NodePhase.deleting) return;
    if (s.nodePhase[slot] === NodePhase.provisioning) {
      this.finishNodeDeletion(slot);
      return;
    }
    s.nodePhase[slot] = NodePhase.deleting;
    let graceMs = 0;
    const touched = new Set<WorkloadRuntime>();
    for (let p = 0; p < s.podHighWater; p++) {
      if (s.podNode[p] !== slot || s.podPhase[p] === PodPhase.free) continue;
      const w = this.workloads[s.podWorkload[p]!]!;
      if (s.podPhase[p] !== PodPhase.terminating) this.evictions[w.index]!++;
      graceMs = Math.max(graceMs, w.config.terminationGracePeriodMs);
      this.deletePod(p);
      touched.add(w);
    }
    for (const w of touched) this.reconcileWorkload(w);
    this.nodeTimer(slot).arm(graceMs);
  }

  private finishNodeDeletion(slot: number): void {
    const s = this.state;
    for (let p = 0; p < s.podHighWater; p++) {
      if (s.podNode[p] === slot && s.podPhase[p] !== PodPhase.free) this.releasePod(p);
    }
    const pool = this.pools[s.nodePool[slot]!]!;
    const billedMs = this.env.now - s.nodeCreatedMs[slot]!;
    pool.billedNodes--;
    pool.closedNodeMs += billedMs;
    pool.closedCostUsd += (billedMs / 3_600_000) * s.nodePriceHourly[slot]!;
    for (const o of this.observers) o.nodeRemoved?.(slot);
    this.cordoned.delete(slot);
    this.nodeTimers[slot]?.cancel();
    this.nodeCpu[slot] = undefined;
    this.nodeScratch[slot] = undefined;
    s.releaseNode(slot);
  }

  /** Billed node-ms and cost of a pool up to now, live nodes included (cost = node-hours x price). */
  poolBilling(pool: PoolRuntime): { nodeMs: number; costUsd: number } {
    const s = this.state;
    let nodeMs = pool.closedNodeMs;
    let costUsd = pool.closedCostUsd;
    for (let n = 0; n < s.nodeHighWater; n++) {
      if (s.nodePhase[n] === NodePhase.free || s.nodePool[n] !== pool.index) continue;
      const ms = this.env.now - s.nodeCreatedMs[n]!;
      nodeMs += ms;
      costUsd += (ms / 3_600_000) * s.nodePriceHourly[n]!;
    }
    return { nodeMs, costUsd };
  }

  // ----- scheduling -------------------------------------------------------------------------

  /** Runs a scheduling pass at the current instant, once, however many changes asked for it. */
  requestSchedulingPass(): void {
    if (!this.schedulerTimer.isArmed) this.schedulerTimer.arm(0, Priority.urgent);
  }

  /** The kube-scheduler: binds Pending pods in queue order (priority, then creation time). */
  schedulePending(): void {
    const s = this.state;
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
      const result = selectNode(pod, nodes, { strategy: this.scenario.cluster.schedulerScoring }, () => this.tieBreak.next());
      if (result.nodeName === null) {
        this.log.add({ timeMs: this.env.now, source: 'scheduler', subject: pod.workload, reason: 'FailedScheduling', message: `${pod.name}: ${result.message}` });
        unschedulable.push(p);
        continue;
      }
      const k = nodes.findIndex((v) => v.name === result.nodeName);
      const slot = nodeSlots[k]!;
      this.bindPod(p, slot);
      nodes[k] = this.nodeView(slot);
    }
    if (unschedulable.length > 0) for (const o of this.observers) o.podsUnschedulable?.(unschedulable);
  }

  /** True when the pod fits some node shape a pool can launch (for initial sizing). */
  templateFits(pod: PodView, pool: PoolRuntime, typeIndex: number): boolean {
    return filterNode(pod, this.templateView(pool, typeIndex)).fits;
  }

  /** The scheduler's view of a fresh node of `pool` (DaemonSets already on it). */
  templateView(pool: PoolRuntime, typeIndex: number): NodeView {
    return templateNodeView(this, pool, typeIndex);
  }

  /** The scheduler's view of node slot `n`. */
  nodeView(n: number): NodeView {
    return liveNodeView(this, n);
  }

  /** The scheduler's view of pod slot `p`. */
  podView(p: number): PodView {
    return livePodView(this, p);
  }
}

function rank(s: ClusterState, p: number): number {
  const phase = s.podPhase[p]!;
  if (phase === PodPhase.pending) return 0;
  if (phase === PodPhase.starting || phase === PodPhase.running) return 1;
  return 2;
}
