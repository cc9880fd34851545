import type { NodeView, PodView } from '../../../src/models/scheduler/types.js';

export const MiB = 2 ** 20;
export const GiB = 2 ** 30;

export type NodeOpts = Partial<Omit<NodeView, 'allocatable' | 'requested'>> & {
  cpuMilli?: number;
  memoryBytes?: number;
  maxPods?: number;
  reqCpuMilli?: number;
  reqMemoryBytes?: number;
  reqPods?: number;
};

/** A ready node, 4000 m / 16 GiB / 110 pods by default, nothing requested. */
export function buildNode(name: string, o: NodeOpts = {}): NodeView {
  const { cpuMilli = 4000, memoryBytes = 16 * GiB, maxPods = 110, reqCpuMilli = 0, reqMemoryBytes = 0, reqPods = 0, ...rest } = o;
  return {
    name,
    pool: 'pool-a',
    instanceType: 'e2-standard-4',
    labels: { 'kubernetes.io/hostname': name },
    taints: [],
    ready: true,
    createdMs: 0,
    unschedulable: false,
    deleting: false,
    spot: false,
    ...rest,
    allocatable: { cpuMilli, memoryBytes, pods: maxPods },
    requested: { cpuMilli: reqCpuMilli, memoryBytes: reqMemoryBytes, pods: reqPods },
  };
}

export type PodOpts = Partial<Omit<PodView, 'requests'>> & { cpuMilli?: number; memoryBytes?: number };

/** A ReplicaSet-owned pending pod with the given requests (default 0/0). */
export function buildPod(name: string, o: PodOpts = {}): PodView {
  const { cpuMilli = 0, memoryBytes = 0, ...rest } = o;
  return {
    name,
    namespace: 'default',
    workload: 'web',
    ownerKind: 'ReplicaSet',
    nodeName: null,
    ...rest,
    requests: { cpuMilli, memoryBytes },
  };
}
