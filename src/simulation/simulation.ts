import { Environment, RandomStreams } from '../engine/index.js';
import type { Scenario } from '../scenario/types.js';
import { ClusterState } from './cluster-state.js';
import { createWorkloadRuntime, type WorkloadRuntime } from './workload-runtime.js';
import { createPoolRuntime, type PoolRuntime } from './pool-runtime.js';
import { EventLog } from './event-log.js';
import { cgroupWeight } from './cgroup-weight.js';
import { PodLifecycle } from './pod-lifecycle.js';
import { ReplicaSetController } from './replica-set-controller.js';
import { NodeLifecycle } from './node-lifecycle.js';
import { Billing } from './billing.js';
import { SchedulerQueue } from './scheduler-queue.js';

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
  /** Node `node` finished provisioning and is Ready (a node created Ready reports only nodeAdded). */
  nodeReady?(node: number): void;
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
 * The simulated cluster: its state and random streams, and the parts that act on it, each in its
 * own file: pods (kubelet lifecycle), replicaSets, nodes (launch to removal), billing and the
 * scheduler's queue. Controllers decide through pure model functions and apply their decisions
 * through these (house style point 7).
 */
export class Simulation {
  readonly env = new Environment();
  readonly streams: RandomStreams;
  readonly state: ClusterState;
  readonly workloads: WorkloadRuntime[];
  /** Running containers over all workloads (per-container sums are indexed 0..containerCount-1). */
  readonly containerCount: number;
  readonly pools: PoolRuntime[];
  readonly log = new EventLog(60_000);
  readonly observers: SimulationObserver[] = [];
  /** null admits every pod creation. */
  admission: PodAdmission | null = null;
  readonly pods: PodLifecycle;
  readonly replicaSets: ReplicaSetController;
  readonly nodes: NodeLifecycle;
  readonly billing: Billing;
  readonly scheduler: SchedulerQueue;

  constructor(
    readonly scenario: Scenario,
    readonly seed: number,
  ) {
    this.streams = new RandomStreams(seed);
    const podCapacity = scenario.workloads.reduce((n, w) => n + Math.max(w.replicas, w.hpa?.maxReplicas ?? 0), 0) * 2;
    const nodeCapacity = scenario.cluster.nodePools.reduce((n, p) => n + p.maxNodes, 0) + 4;
    let containers = 0;
    this.workloads = scenario.workloads.map((w, i) => {
      const runtime = createWorkloadRuntime(i, w, this.streams.stream(`load/${w.name}`), (x) => this.weightOf(x), scenario.startOffsetMs, containers);
      containers += runtime.containers.length;
      return runtime;
    });
    this.containerCount = containers;
    this.state = new ClusterState(podCapacity, nodeCapacity, Math.max(1, ...this.workloads.map((w) => w.containers.length)), this.workloads.length);
    this.pools = scenario.cluster.nodePools.map((p, i) => createPoolRuntime(i, p, scenario.cluster));
    this.scheduler = new SchedulerQueue(this);
    this.pods = new PodLifecycle(this);
    this.replicaSets = new ReplicaSetController(this);
    this.nodes = new NodeLifecycle(this);
    this.billing = new Billing(this);
    simulationDebugHooks.onCreate?.(this);
  }

  /** A cgroup's CFS weight from its v1 shares, per the nodes' cgroup version (cgroup-weight.ts). */
  weightOf(shares: number): number {
    return cgroupWeight(shares, this.scenario.cluster.cpuWeightConversion);
  }
}
