import type { Simulation } from './simulation.js';
import { SlotTimers } from './slot-timers.js';
import { PodPhase } from './pod-phase.js';
import type { WorkloadRuntime } from './workload-runtime.js';

/**
 * The kubelet's side of a pod, as the simulation needs it: created Pending, bound (its requests
 * count on the node), containers started, Ready after the readiness delay; deleted with a grace
 * period, then gone. Pod state lives in the cluster state's arrays; this owns the pods' timers.
 */
export class PodLifecycle {
  private readonly timers: SlotTimers;

  constructor(private readonly sim: Simulation) {
    this.timers = new SlotTimers(sim.env, (slot) => this.advance(slot));
  }

  /** Creates a Pending pod of workload `w` (the ReplicaSet controller's create). */
  create(w: WorkloadRuntime): number {
    const { state: s, env } = this.sim;
    const slot = s.allocatePod(w.index);
    s.podNode[slot] = -1;
    s.podPhase[slot] = PodPhase.pending;
    s.podCreatedMs[slot] = env.now;
    s.podStartMs[slot] = -1;
    s.podReadyMs[slot] = -1;
    s.podCpuSeconds[slot] = 0;
    s.ctrCpuSeconds.fill(0, slot * s.containersPerPod, (slot + 1) * s.containersPerPod);
    s.ctrBacklog.fill(0, slot * s.containersPerPod, (slot + 1) * s.containersPerPod);
    s.podRps[slot] = 0;
    s.podName[slot] = `${w.config.name}-${w.nextPodSerial++}`;
    this.sim.scheduler.requestPass();
    return slot;
  }

  /** Starts deleting a pod: no more traffic; its node keeps the requests until the grace period ends. */
  delete(slot: number): void {
    const s = this.sim.state;
    const phase = s.podPhase[slot]!;
    if (phase === PodPhase.free || phase === PodPhase.terminating) return;
    if (phase === PodPhase.pending) {
      this.release(slot);
      return;
    }
    s.podPhase[slot] = PodPhase.terminating;
    const w = this.sim.workloads[s.podWorkload[slot]!]!;
    this.timers.arm(slot, w.config.terminationGracePeriodMs);
  }

  /** Binds a Pending pod to `node`: its requests count there from now on and its containers start. */
  bind(slot: number, node: number): void {
    const s = this.sim.state;
    const w = this.sim.workloads[s.podWorkload[slot]!]!.config;
    s.podNode[slot] = node;
    s.podPhase[slot] = PodPhase.starting;
    s.nodeReqCpu[node]! += w.requests.cpuMilli;
    s.nodeReqMem[node]! += w.requests.memoryBytes;
    s.nodePodCount[node]! += 1;
    s.nodeWorkloadPods[node * s.workloadCount + s.podWorkload[slot]!]! += 1;
    s.nodeVersion[node]!++;
    for (const o of this.sim.observers) o.podBound?.(slot, node);
    this.timers.arm(slot, w.podStartup.imagePullMs + w.podStartup.containerStartMs);
  }

  /** The pod is gone: its requests leave its node and its slot is freed. */
  release(slot: number): void {
    const s = this.sim.state;
    const node = s.podNode[slot]!;
    if (node >= 0) {
      const w = this.sim.workloads[s.podWorkload[slot]!]!.config;
      s.nodeReqCpu[node]! -= w.requests.cpuMilli;
      s.nodeReqMem[node]! -= w.requests.memoryBytes;
      s.nodePodCount[node]! -= 1;
      s.nodeWorkloadPods[node * s.workloadCount + s.podWorkload[slot]!]! -= 1;
      s.nodeVersion[node]!++;
      for (const o of this.sim.observers) o.podUnbound?.(slot, node);
    }
    for (const o of this.sim.observers) o.podReleased?.(slot);
    this.timers.cancel(slot);
    this.sim.scheduler.forget(slot);
    s.releasePod(slot);
    this.sim.scheduler.requestPass();
  }

  /** bound -> containers started -> Ready; terminating -> gone. */
  private advance(slot: number): void {
    const { state: s, env } = this.sim;
    const w = this.sim.workloads[s.podWorkload[slot]!]!.config;
    switch (s.podPhase[slot]) {
      case PodPhase.starting:
        s.podPhase[slot] = PodPhase.running;
        s.podStartMs[slot] = env.now;
        this.timers.arm(slot, w.podStartup.readinessDelayMs);
        break;
      case PodPhase.running:
        s.podPhase[slot] = PodPhase.ready;
        s.podReadyMs[slot] = env.now;
        break;
      case PodPhase.terminating:
        this.release(slot);
        break;
    }
  }
}
