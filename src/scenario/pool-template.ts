/**
 * A node pool's nodes as the cluster sees them: their instance types with allocatable and price,
 * the labels the kubelet and the provider put on them, their zone, and the template node the
 * autoscalers plan with. The one place that builds these, so that `explain`, the scheduler in a
 * run and the autoscalers' estimators agree on what a node of a pool looks like.
 */
import type { CapacityType, ClusterConfig, NodePoolConfig, Provider } from './types.js';
import type { InstanceTypeInfo } from '../models/cost/types.js';
import { lookupInstanceType, hourlyPriceUsd } from '../models/cost/price-table.js';
import { allocatableForInstanceType, type NodeAllocatable } from '../models/cost/allocatable.js';
import { instanceArch } from '../models/cost/instance-arch.js';
import type { NodeView } from '../models/scheduler/types.js';
import { labels as schedulerLabels } from '../models/scheduler/defaults.js';
import type { NodeGroup, NodeResources } from '../models/node-autoscaler/types.js';

/**
 * Regions for types the price table does not place (scenario-defined types, `generic`): each
 * provider's first region in its own price source. Zone names follow each provider's scheme:
 * GCP `us-central1-a`, AWS `us-east-1a`, Azure `eastus-1` (AKS labels zones region-number).
 */
export const nodeTopologyDefaults = {
  regionByProvider: { gke: 'us-central1', eks: 'us-east-1', aks: 'eastus', generic: 'region-1' } as Readonly<Record<Provider, string>>,
} as const;

export function defaultZone(region: string, provider: Provider): string {
  switch (provider) {
    case 'gke':
      return `${region}-a`;
    case 'eks':
      return `${region}a`;
    case 'aks':
      return `${region}-1`;
    case 'generic':
      return `${region}a`;
  }
}

/** One instance type a pool can launch, with its allocatable and price. */
export interface PoolInstanceType {
  readonly info: InstanceTypeInfo;
  readonly allocatable: NodeAllocatable;
  readonly priceHourly: number;
}

/** The pool's instance types in the order written (the first is a node group's template type). */
export function poolInstanceTypes(pool: NodePoolConfig, cluster: ClusterConfig): PoolInstanceType[] {
  return pool.instanceTypes.map((name): PoolInstanceType => {
    const info = lookupInstanceType(name, cluster.instanceTypeOverrides);
    // The scenario loader has checked every type name, so a miss here is a bug.
    if (!info) throw new Error(`unknown instance type ${name} after validation`);
    const allocatable = allocatableForInstanceType(info, pool.maxPods !== null ? { maxPods: pool.maxPods } : {});
    return { info, allocatable, priceHourly: hourlyPriceUsd(info, pool.capacityType) };
  });
}

/** Requests and count of the DaemonSet pods on every node. */
export function daemonSetOverhead(cluster: ClusterConfig): NodeResources {
  let cpuMilli = 0;
  let memoryBytes = 0;
  for (const d of cluster.daemonSets) {
    cpuMilli += d.requests.cpuMilli;
    memoryBytes += d.requests.memoryBytes;
  }
  return { cpuMilli, memoryBytes, pods: cluster.daemonSets.length };
}

/** The zone of the pool's node with ordinal `ordinal` (0, 1, 2, ... in creation order). */
export function zoneOfOrdinal(pool: NodePoolConfig, ordinal: number): string {
  return pool.zones[ordinal % pool.zones.length]!;
}

/**
 * The labels of a node: the pool's own, then the kubelet's well-known labels (kubernetes.io/os,
 * arch, hostname, instance type, region, zone, with the beta os/arch twins the kubelet still
 * sets), then the labels of whoever manages the pool: Karpenter's NodePool and capacity type, or
 * the managed node group of GKE, EKS or AKS. Well-known labels win over a pool label of the same
 * key, as the kubelet's do on a real node.
 */
export function nodeLabels(cluster: ClusterConfig, pool: NodePoolConfig, info: InstanceTypeInfo, nodeName: string, zone: string): Record<string, string> {
  const arch = instanceArch(info);
  const labels: Record<string, string> = {
    ...pool.labels,
    'kubernetes.io/os': 'linux',
    'kubernetes.io/arch': arch,
    'beta.kubernetes.io/os': 'linux',
    'beta.kubernetes.io/arch': arch,
    'kubernetes.io/hostname': nodeName,
    'node.kubernetes.io/instance-type': info.name,
    'beta.kubernetes.io/instance-type': info.name,
    'topology.kubernetes.io/region': pool.region,
    'topology.kubernetes.io/zone': zone,
    [schedulerLabels.pool]: pool.name,
  };
  const spot = pool.capacityType === 'spot';
  if (cluster.nodeAutoscaler.type === 'karpenter') {
    labels['karpenter.sh/nodepool'] = pool.name;
    labels['karpenter.sh/capacity-type'] = pool.capacityType;
    return labels;
  }
  switch (cluster.provider) {
    case 'gke':
      labels['cloud.google.com/gke-nodepool'] = pool.name;
      labels['cloud.google.com/machine-family'] = info.name.split('-')[0] ?? info.name;
      if (spot) labels['cloud.google.com/gke-spot'] = 'true';
      break;
    case 'eks':
      labels['eks.amazonaws.com/nodegroup'] = pool.name;
      labels['eks.amazonaws.com/capacityType'] = spot ? 'SPOT' : 'ON_DEMAND';
      break;
    case 'aks':
      labels['kubernetes.azure.com/agentpool'] = pool.name;
      labels['agentpool'] = pool.name;
      if (spot) labels['kubernetes.azure.com/scalesetpriority'] = 'spot';
      break;
    case 'generic':
      break;
  }
  return labels;
}

/**
 * A fresh node of the pool with its DaemonSet pods on it: the Cluster Autoscaler's template
 * NodeInfo and Karpenter's launch candidate. It stands in the pool's first zone.
 */
export function templateNodeView(cluster: ClusterConfig, pool: NodePoolConfig, type: PoolInstanceType, createdMs: number, zone: string = zoneOfOrdinal(pool, 0)): NodeView {
  const name = `${pool.name}-template`;
  return {
    name,
    pool: pool.name,
    instanceType: type.info.name,
    labels: nodeLabels(cluster, pool, type.info, name, zone),
    taints: pool.taints,
    allocatable: type.allocatable.allocatable,
    requested: daemonSetOverhead(cluster),
    ready: true,
    createdMs,
    unschedulable: false,
    deleting: false,
    spot: pool.capacityType === 'spot',
  };
}

/**
 * The Cluster Autoscaler's node group of a pool in one zone. A pool over several zones is one
 * node group per zone, as a GKE regional node pool is one instance group per zone and an EKS
 * node group spanning zones is balanced per zone: each group's template node is in its zone, so
 * the estimator can place a pod that a zone spread or affinity sends to a given zone.
 */
export function zoneGroupName(pool: NodePoolConfig, zone: string): string {
  return pool.zones.length > 1 ? `${pool.name}/${zone}` : pool.name;
}

/**
 * The pool (in `zone`, for a pool over several zones) as a Cluster Autoscaler node group whose
 * template is its first instance type. With several zones the pool's bounds are shared: each
 * zone's group may grow by what the whole pool has left, and keeps its share of the minimum.
 */
export function nodeGroupOf(
  cluster: ClusterConfig,
  pool: NodePoolConfig,
  types: readonly PoolInstanceType[],
  targetSize: number,
  zone: string = zoneOfOrdinal(pool, 0),
  poolSize: number = targetSize,
): NodeGroup {
  const t = types[0]!;
  const template = templateNodeView(cluster, pool, t, 0, zone);
  const zones = pool.zones.length;
  return {
    name: zoneGroupName(pool, zone),
    minNodes: zones > 1 ? Math.ceil(pool.minNodes / zones) : pool.minNodes,
    maxNodes: zones > 1 ? targetSize + Math.max(0, pool.maxNodes - poolSize) : pool.maxNodes,
    targetSize,
    provider: t.info.provider,
    capacityType: pool.capacityType,
    template: {
      instanceType: t.info.name,
      labels: template.labels,
      taints: template.taints,
      capacity: { cpuMilli: t.allocatable.capacity.cpuMilli, memoryBytes: t.allocatable.capacity.memoryBytes },
      allocatable: t.allocatable.allocatable,
      daemonSetOverhead: template.requested,
    },
    priceUsdPerHour: zonePriceHourly(t, pool.capacityType, zone),
  };
}

/** The hourly price of a node of `type` in `zone`: the price table's zone price, else the type's price. */
export function zonePriceHourly(type: PoolInstanceType, capacityType: CapacityType, zone: string): number {
  return type.info.zonePrices?.[zone] ? hourlyPriceUsd(type.info, capacityType, zone) : type.priceHourly;
}
