import type { InstanceOffering, KarpenterNodeView, NodePool, PodView } from '../../../../src/models/node-autoscaler/karpenter/types.js';
import { buildNode, GiB, MiB } from '../../scheduler/builders.js';

/**
 * EKS offerings with allocatable from docs/models/allocatable-and-prices.md#allocatable (CPU: 1930/3920/7910 m; memory: nominal −
 * (11 MiB × maxPods + 255 MiB) − 100 MiB) and us-east-1 prices from docs/models/allocatable-and-prices.md#prices.
 */
export const offerings: Record<string, InstanceOffering> = {
  'm5.large': { instanceType: 'm5.large', capacityType: 'on-demand', priceUsdPerHour: 0.096, capacity: { cpuMilli: 2000, memoryBytes: 8 * GiB }, allocatable: { cpuMilli: 1930, memoryBytes: 7518 * MiB, pods: 29 } },
  'm5.xlarge': { instanceType: 'm5.xlarge', capacityType: 'on-demand', priceUsdPerHour: 0.192, capacity: { cpuMilli: 4000, memoryBytes: 16 * GiB }, allocatable: { cpuMilli: 3920, memoryBytes: 15391 * MiB, pods: 58 } },
  'm5.2xlarge': { instanceType: 'm5.2xlarge', capacityType: 'on-demand', priceUsdPerHour: 0.384, capacity: { cpuMilli: 8000, memoryBytes: 32 * GiB }, allocatable: { cpuMilli: 7910, memoryBytes: 31775 * MiB, pods: 58 } },
  'c5.xlarge': { instanceType: 'c5.xlarge', capacityType: 'on-demand', priceUsdPerHour: 0.17, capacity: { cpuMilli: 4000, memoryBytes: 8 * GiB }, allocatable: { cpuMilli: 3920, memoryBytes: 7199 * MiB, pods: 58 } },
};

/** Spot variant at on-demand × 0.4 (cost/defaults.ts AWS factor). */
export function spot(o: InstanceOffering): InstanceOffering {
  return { ...o, capacityType: 'spot', priceUsdPerHour: o.priceUsdPerHour * 0.4 };
}

/** DaemonSet overhead 150 m / 150 MiB per node (docs/models/allocatable-and-prices.md#allocatable, EKS). */
export const DS = { cpuMilli: 150, memoryBytes: 150 * MiB, pods: 1 };

export function buildPool(name: string, o: Partial<NodePool> = {}): NodePool {
  return {
    name,
    offerings: [offerings['m5.large']!, offerings['m5.xlarge']!, offerings['m5.2xlarge']!, offerings['c5.xlarge']!],
    labels: {},
    taints: [],
    daemonSetOverhead: DS,
    consolidationPolicy: 'WhenEmptyOrUnderutilized',
    consolidateAfterMs: 0,
    budgets: [{ nodes: '10%' }],
    expireAfterMs: 720 * 3_600_000,
    ...o,
  };
}

/** A Karpenter node of `type` in `pool` holding `pods` (requests include the DaemonSet overhead). */
export function buildKNode(name: string, type: string, pods: PodView[], o: Partial<KarpenterNodeView> = {}): { node: KarpenterNodeView; pods: PodView[] } {
  const off = offerings[type]!;
  const bound = pods.map((p) => ({ ...p, nodeName: name }));
  const cpu = bound.reduce((a, p) => a + p.requests.cpuMilli, DS.cpuMilli);
  const mem = bound.reduce((a, p) => a + p.requests.memoryBytes, DS.memoryBytes);
  const base = buildNode(name, {
    pool: 'default', instanceType: type, cpuMilli: off.allocatable.cpuMilli, memoryBytes: off.allocatable.memoryBytes, maxPods: off.allocatable.pods,
    reqCpuMilli: cpu, reqMemoryBytes: mem, reqPods: bound.length + 1,
  });
  return {
    node: { ...base, capacityType: 'on-demand', priceUsdPerHour: off.priceUsdPerHour, initializedMs: 0, lastPodEventMs: 0, ...o },
    pods: bound,
  };
}
