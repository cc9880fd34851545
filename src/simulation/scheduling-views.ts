import type { Simulation } from './simulation.js';
import type { PoolRuntime } from './pool-runtime.js';
import { NodePhase, PodPhase } from './pod-phase.js';
import type { NodeView, PodView } from '../models/scheduler/types.js';
import type { WorkloadConfig } from '../scenario/types.js';

/** The parts of a pod's scheduling view that come from its workload's template. */
export function workloadPodTemplate(w: WorkloadConfig): Omit<PodView, 'name' | 'nodeName' | 'createdMs'> {
  return {
    namespace: w.namespace,
    workload: w.name,
    ownerKind: w.kind === 'StatefulSet' ? 'StatefulSet' : 'ReplicaSet',
    requests: { cpuMilli: w.requests.cpuMilli, memoryBytes: w.requests.memoryBytes },
    nodeSelector: w.nodeSelector,
    tolerations: w.tolerations.map((t) => ({
      ...(t.key !== null ? { key: t.key } : {}),
      operator: t.operator,
      value: t.value,
      ...(t.effect !== null ? { effect: t.effect } : {}),
    })),
    ...(w.nodeAffinity ? { affinity: { nodeAffinity: w.nodeAffinity } } : {}),
    priority: w.priority,
  };
}

/** Well-known node labels (kubelet, cloud providers, Karpenter) plus the pool's own. */
export function poolNodeLabels(pool: PoolRuntime, type: string, name: string): Record<string, string> {
  return {
    ...pool.config.labels,
    'kubernetes.io/hostname': name,
    'node.kubernetes.io/instance-type': type,
    'karpenter.sh/capacity-type': pool.config.capacityType,
    // Karpenter labels its nodes with their NodePool; a pod may select it (claim-fit.ts plans with it).
    'karpenter.sh/nodepool': pool.config.name,
    'kube-whatif/pool': pool.config.name,
  };
}

/** A fresh node of `pool` with its DaemonSet pods, as CA's template NodeInfo. */
export function templateNodeView(sim: Simulation, pool: PoolRuntime, typeIndex: number): NodeView {
  const t = pool.types[typeIndex]!;
  return {
    name: `${pool.config.name}-template`,
    pool: pool.config.name,
    instanceType: t.info.name,
    labels: poolNodeLabels(pool, t.info.name, `${pool.config.name}-template`),
    taints: pool.config.taints,
    allocatable: t.allocatable.allocatable,
    requested: { cpuMilli: sim.daemonCpuMilli, memoryBytes: sim.daemonMemBytes, pods: sim.daemonPods },
    ready: true,
    createdMs: sim.env.now,
    unschedulable: false,
    deleting: false,
    spot: pool.config.capacityType === 'spot',
  };
}

/** Node slot `n` as the scheduler and the autoscalers see it. */
export function liveNodeView(sim: Simulation, n: number): NodeView {
  const s = sim.state;
  const pool = sim.pools[s.nodePool[n]!]!;
  const counts: Record<string, number> = {};
  for (let p = 0; p < s.podHighWater; p++) {
    if (s.podNode[p] === n && s.podPhase[p] !== PodPhase.free) {
      const name = sim.workloads[s.podWorkload[p]!]!.config.name;
      counts[name] = (counts[name] ?? 0) + 1;
    }
  }
  return {
    name: s.nodeName[n]!,
    pool: pool.config.name,
    instanceType: s.nodeType[n]!,
    labels: poolNodeLabels(pool, s.nodeType[n]!, s.nodeName[n]!),
    taints: pool.config.taints,
    allocatable: { cpuMilli: s.nodeAllocCpu[n]!, memoryBytes: s.nodeAllocMem[n]!, pods: s.nodeAllocPods[n]! },
    requested: { cpuMilli: s.nodeReqCpu[n]!, memoryBytes: s.nodeReqMem[n]!, pods: s.nodePodCount[n]! },
    workloadPodCounts: counts,
    ready: s.nodePhase[n] === NodePhase.ready,
    createdMs: s.nodeCreatedMs[n]!,
    unschedulable: sim.cordoned.has(n),
    deleting: s.nodePhase[n] === NodePhase.deleting,
    spot: pool.config.capacityType === 'spot',
  };
}

/** Pod slot `p` as the scheduler and the autoscalers see it. */
export function livePodView(sim: Simulation, p: number): PodView {
  const s = sim.state;
  const node = s.podNode[p]!;
  return {
    ...workloadPodTemplate(sim.workloads[s.podWorkload[p]!]!.config),
    name: s.podName[p]!,
    nodeName: node >= 0 ? s.nodeName[node]! : null,
    createdMs: s.podCreatedMs[p]!,
  };
}
