import type { NodeGroup } from '../../../src/models/node-autoscaler/types.js';
import { GiB } from '../scheduler/builders.js';

export type GroupOpts = Partial<Omit<NodeGroup, 'template'>> & {
  cpuMilli?: number;
  memoryBytes?: number;
  capacityCpuMilli?: number;
  capacityMemoryBytes?: number;
  maxPods?: number;
  dsCpuMilli?: number;
  dsMemoryBytes?: number;
  dsPods?: number;
  labels?: Record<string, string>;
  taints?: NodeGroup['template']['taints'];
};

/** A node group of e2-standard-4-like nodes: capacity 4000 m / 16 GiB, allocatable 3920 m / 13 GiB, no DaemonSets. */
export function buildGroup(name: string, o: GroupOpts = {}): NodeGroup {
  const {
    cpuMilli = 3920, memoryBytes = 13 * GiB, capacityCpuMilli = 4000, capacityMemoryBytes = 16 * GiB, maxPods = 110,
    dsCpuMilli = 0, dsMemoryBytes = 0, dsPods = 0, labels = {}, taints = [], ...rest
  } = o;
  return {
    name,
    minNodes: 0,
    maxNodes: 10,
    targetSize: 0,
    provider: 'gke',
    capacityType: 'on-demand',
    priceUsdPerHour: 0.13402,
    ...rest,
    template: {
      instanceType: 'e2-standard-4',
      labels,
      taints,
      capacity: { cpuMilli: capacityCpuMilli, memoryBytes: capacityMemoryBytes },
      allocatable: { cpuMilli, memoryBytes, pods: maxPods },
      daemonSetOverhead: { cpuMilli: dsCpuMilli, memoryBytes: dsMemoryBytes, pods: dsPods },
    },
  };
}
