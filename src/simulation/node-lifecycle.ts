import type { Simulation } from './simulation.js';
import { SlotTimers } from './slot-timers.js';
import { NodePhase, PodPhase } from './pod-phase.js';
import type { PoolRuntime, PoolInstanceType } from './pool-runtime.js';
import type { WorkloadRuntime } from './workload-runtime.js';
import { createNodeCpuState, type NodeCpuState } from '../models/cpu/node-cpu-state.js';
import { INITIAL_CPU_ROOM_PODS } from './defaults.js';
import { milliToShares } from '../models/cpu/kubelet-mapping.js';
import { nodeLabels, zoneOfOrdinal, zonePriceHourly } from '../scenario/pool-template.js';

/** The DaemonSet pods every node runs, summed (they land on a node as soon as it exists). */
export interface DaemonLoad {
  readonly cpuMilli: number;
  readonly memBytes: number;
  readonly pods: number;
}

/**
 * Nodes from launch to removal: provisioning (billed, not Ready) for the pool's boot delay, Ready,
 * then drained (its pods deleted, their ReplicaSets recreating them elsewhere) and gone once the
 * longest grace period has passed. Owns each node's CPU state and the autoscalers' cordons.
 */
export class NodeLifecycle {
  readonly cpu: (NodeCpuState | undefined)[] = [];
  /** Each node's labels, built once when it is launched (they never change while it lives). */
  readonly labels: (Readonly<Record<string, string>> | undefined)[] = [];
  readonly daemon: DaemonLoad;
  /** Node slots tainted NoSchedule by an autoscaler before removal (karpenter.sh/disrupted). */
  readonly cordoned = new Set<number>();
  /** Pods removed from nodes by scale-down, per workload (for the report). */
  readonly evictions: number[];
  private readonly timers: SlotTimers;
  /** Pods a new node's CPU state has room for at first (run-simulation.ts sets it for the twin test). */
  cpuRoomPods = INITIAL_CPU_ROOM_PODS;

  constructor(private readonly sim: Simulation) {
    const ds = sim.scenario.cluster.daemonSets;
    this.daemon = {
      cpuMilli: ds.reduce((s, d) => s + d.requests.cpuMilli, 0),
      memBytes: ds.reduce((s, d) => s + d.requests.memoryBytes, 0),
      pods: ds.length,
    };
    this.evictions = sim.scenario.workloads.map(() => 0);
    this.timers = new SlotTimers(sim.env, (slot) => this.advance(slot));
  }

  /**
   * Launches a node of `pool` (type `typeIndex`); it joins after the pool's provisioning delay
   * unless `ready`. Its zone is `zone` (Karpenter's chosen offering), else the pool's zones in turn.
   */
  add(pool: PoolRuntime, typeIndex: number, ready: boolean, zone?: string): number {
    const { state: s, env } = this.sim;
    const type: PoolInstanceType = pool.types[typeIndex]!;
    const slot = s.allocateNode();
    const ordinal = pool.nextOrdinal++;
    const name = `${pool.config.name}-${ordinal}`;
    const alloc = type.allocatable.allocatable;
    s.nodeName[slot] = name;
    s.nodeZone[slot] = zone ?? zoneOfOrdinal(pool.config, ordinal);
    s.nodeType[slot] = type.info.name;
    s.nodePool[slot] = pool.index;
    s.nodeCreatedMs[slot] = env.now;
    s.nodeCores[slot] = type.info.vcpu;
    s.nodeAllocCpu[slot] = alloc.cpuMilli;
    s.nodeAllocMem[slot] = alloc.memoryBytes;
    s.nodeAllocPods[slot] = alloc.pods;
    s.nodePriceHourly[slot] = zonePriceHourly(type, pool.config.capacityType, s.nodeZone[slot]!);
    s.nodeReqCpu[slot] = this.daemon.cpuMilli;
    s.nodeReqMem[slot] = this.daemon.memBytes;
    s.nodePodCount[slot] = this.daemon.pods;
    s.nodeVersion[slot]!++;
    this.labels[slot] = nodeLabels(this.sim.scenario.cluster, pool.config, type.info, name, s.nodeZone[slot]!);
    this.sim.billing.open(pool);
    // Room for a few pods to start with; the CPU step grows it as pods arrive (node-cpu-state.ts).
    const cpu = createNodeCpuState(this.cpuRoomPods * s.containersPerPod + 1, this.cpuRoomPods + 1, type.info.vcpu);
    cpu.kubepodsShares = this.sim.weightOf(milliToShares(alloc.cpuMilli));
    cpu.besteffortShares = this.sim.weightOf(cpu.besteffortShares);
    cpu.systemShares = this.sim.weightOf(cpu.systemShares);
    this.cpu[slot] = cpu;
    for (const o of this.sim.observers) o.nodeAdded?.(slot);
    if (ready) {
      s.nodePhase[slot] = NodePhase.ready;
      s.nodeReadyMs[slot] = env.now;
      this.sim.scheduler.requestPass();
    } else {
      s.nodePhase[slot] = NodePhase.provisioning;
      s.nodeReadyMs[slot] = -1;
      const { min, max } = pool.config.provisioningDelayMs;
      // One stream per node name: the boot delay of shared-7 is the same in before and after runs.
      const u = this.sim.streams.stream(`node/${name}/boot`).next();
      this.timers.arm(slot, Math.round(min + u * (max - min)));
    }
    return slot;
  }

  /**
   * Drains and deletes a node: its pods are deleted (their ReplicaSets recreate them elsewhere)
   * and the node is gone once the longest grace period has passed.
   */
  delete(slot: number): void {
    const s = this.sim.state;
    if (s.nodePhase[slot] === NodePhase.free || s.nodePhase[slot] === NodePhase.deleting) return;
    if (s.nodePhase[slot] === NodePhase.provisioning) {
      this.finishDeletion(slot);
      return;
    }
    s.nodePhase[slot] = NodePhase.deleting;
    let graceMs = 0;
    const touched = new Set<WorkloadRuntime>();
    for (let p = 0; p < s.podHighWater; p++) {
      if (s.podNode[p] !== slot || s.podPhase[p] === PodPhase.free) continue;
      const w = this.sim.workloads[s.podWorkload[p]!]!;
      if (s.podPhase[p] !== PodPhase.terminating) this.evictions[w.index]!++;
      graceMs = Math.max(graceMs, w.config.terminationGracePeriodMs);
      this.sim.pods.delete(p);
      touched.add(w);
    }
    for (const w of touched) this.sim.replicaSets.reconcile(w);
    this.timers.arm(slot, graceMs);
  }

  private advance(slot: number): void {
    const { state: s, env } = this.sim;
    if (s.nodePhase[slot] === NodePhase.provisioning) {
      s.nodePhase[slot] = NodePhase.ready;
      s.nodeReadyMs[slot] = env.now;
      this.sim.log.add({ timeMs: env.now, source: 'node', subject: s.nodeName[slot]!, reason: 'NodeReady', message: `node ${s.nodeName[slot]} is Ready` });
      for (const o of this.sim.observers) o.nodeReady?.(slot);
      this.sim.scheduler.requestPass();
    } else if (s.nodePhase[slot] === NodePhase.deleting) {
      this.finishDeletion(slot);
    }
  }

  private finishDeletion(slot: number): void {
    const s = this.sim.state;
    for (let p = 0; p < s.podHighWater; p++) {
      if (s.podNode[p] === slot && s.podPhase[p] !== PodPhase.free) this.sim.pods.release(p);
    }
    this.sim.billing.close(slot);
    for (const o of this.sim.observers) o.nodeRemoved?.(slot);
    this.cordoned.delete(slot);
    this.timers.cancel(slot);
    this.cpu[slot] = undefined;
    this.labels[slot] = undefined;
    s.releaseNode(slot);
  }
}
