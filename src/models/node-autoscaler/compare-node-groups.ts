/**
 * Whether two node groups are similar enough to be balanced as one set, as the Cluster Autoscaler
 * decides for --balance-similar-node-groups (cluster-autoscaler/processors/nodegroupset/
 * compare_nodegroups.go IsCloudProviderNodeInfoSimilar, with the per-provider ignored labels of
 * gce_nodegroups.go, aws_nodegroups.go and azure_nodegroups.go).
 */
import type { NodeResources, Resources } from '../scheduler/types.js';
import type { NodeGroup } from './types.js';
import { labels as wellKnownLabels } from '../scheduler/defaults.js';

/** The tolerances of config.NodeGroupDifferenceRatios (flags in {@link clusterAutoscalerDefaults}). */
export interface NodeGroupDifferenceRatios {
  /** Allocatable may differ by this share of the larger value. */
  readonly maxAllocatableDifferenceRatio: number;
  /** Free (allocatable − requests) may differ by this share of the larger value. */
  readonly maxFreeDifferenceRatio: number;
  /** Memory capacity may differ by this share of the larger value; other capacities must be equal. */
  readonly memoryDifferenceRatio: number;
}

/** What the comparison reads of a node (a group's template NodeInfo). */
export interface ComparableNode {
  readonly labels: Readonly<Record<string, string>>;
  readonly capacity: NodeResources;
  readonly allocatable: NodeResources;
  /** Σ requests of the pods on the node (DaemonSet pods on a template). */
  readonly requested: Resources;
}

/**
 * BasicIgnoredLabels: hostname, the zone and region labels (beta and stable), and two
 * labels whose values differ per group by construction.
 */
export const basicIgnoredLabels: readonly string[] = [
  'kubernetes.io/hostname',
  'failure-domain.beta.kubernetes.io/zone',
  'failure-domain.beta.kubernetes.io/region',
  'topology.kubernetes.io/zone',
  'topology.kubernetes.io/region',
  'beta.kubernetes.io/fluentd-ds-ready',
  'kops.k8s.io/instancegroup',
];

/** Extra labels each provider's comparator ignores. */
export const providerIgnoredLabels: Readonly<Record<NodeGroup['provider'], readonly string[]>> = {
  // gce_nodegroups.go: the PD CSI driver's zone label. The GKE node pool label is compared, so
  // only the per-zone groups of one node pool are similar by default.
  gke: ['topology.gke.io/zone'],
  // aws_nodegroups.go
  eks: ['alpha.eksctl.io/instance-id', 'alpha.eksctl.io/nodegroup-name', 'eks.amazonaws.com/nodegroup', 'k8s.amazonaws.com/eniConfig', 'lifecycle'],
  // azure_nodegroups.go
  aks: ['agentpool'],
  generic: [],
};

/** Azure's node pool label: two groups of the same agent pool are always similar. */
const azureNodepoolLabel = 'agentpool';

/** larger − smaller ≤ larger × ratio (resourceListWithinTolerance). */
export function withinTolerance(a: number, b: number, ratio: number): boolean {
  const larger = Math.max(a, b);
  const smaller = Math.min(a, b);
  return larger - smaller <= larger * ratio;
}

function labelsMatch(a: Readonly<Record<string, string>>, b: Readonly<Record<string, string>>, ignored: ReadonlySet<string>): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const k of keys) {
    if (ignored.has(k)) continue;
    if (a[k] === undefined || b[k] === undefined || a[k] !== b[k]) return false;
  }
  return true;
}

/**
 * IsCloudProviderNodeInfoSimilar: equal cpu and pod capacity, memory capacity within
 * `memoryDifferenceRatio`, allocatable and free cpu/memory/pods within their ratios, and the same
 * labels apart from `ignoredLabels`.
 */
export function isNodeInfoSimilar(n1: ComparableNode, n2: ComparableNode, ignoredLabels: ReadonlySet<string>, r: NodeGroupDifferenceRatios): boolean {
  if (n1.capacity.cpuMilli !== n2.capacity.cpuMilli || n1.capacity.pods !== n2.capacity.pods) return false;
  if (!withinTolerance(n1.capacity.memoryBytes, n2.capacity.memoryBytes, r.memoryDifferenceRatio)) return false;
  const a1 = n1.allocatable;
  const a2 = n2.allocatable;
  for (const [x, y] of [[a1.cpuMilli, a2.cpuMilli], [a1.memoryBytes, a2.memoryBytes], [a1.pods, a2.pods]] as const) {
    if (!withinTolerance(x, y, r.maxAllocatableDifferenceRatio)) return false;
  }
  const free1 = [a1.cpuMilli - n1.requested.cpuMilli, a1.memoryBytes - n1.requested.memoryBytes];
  const free2 = [a2.cpuMilli - n2.requested.cpuMilli, a2.memoryBytes - n2.requested.memoryBytes];
  for (let i = 0; i < free1.length; i++) {
    if (!withinTolerance(free1[i]!, free2[i]!, r.maxFreeDifferenceRatio)) return false;
  }
  return labelsMatch(n1.labels, n2.labels, ignoredLabels);
}

/** The comparable view of a group's template node. Capacity pods = allocatable pods, as on real nodes. */
export function templateNodeInfo(g: NodeGroup): ComparableNode {
  const t = g.template;
  return {
    labels: t.labels,
    capacity: { cpuMilli: t.capacity.cpuMilli, memoryBytes: t.capacity.memoryBytes, pods: t.allocatable.pods },
    allocatable: t.allocatable,
    requested: t.daemonSetOverhead,
  };
}

/**
 * Ignored labels of `provider`'s comparator plus --balancing-ignore-label values, and the
 * simulator's own pool label, which real nodes do not carry.
 */
export function ignoredLabelsFor(provider: NodeGroup['provider'], extra: readonly string[] = []): ReadonlySet<string> {
  return new Set([...basicIgnoredLabels, ...providerIgnoredLabels[provider], ...extra, wellKnownLabels.pool]);
}

/** The provider's NodeInfoComparator applied to two groups' templates. */
export function nodeGroupsSimilar(g1: NodeGroup, g2: NodeGroup, ratios: NodeGroupDifferenceRatios, extraIgnoredLabels: readonly string[] = []): boolean {
  const n1 = templateNodeInfo(g1);
  const n2 = templateNodeInfo(g2);
  if (g1.provider === 'aks') {
    const p = n1.labels[azureNodepoolLabel];
    if (p !== undefined && p !== '' && p === n2.labels[azureNodepoolLabel]) return true;
  }
  return isNodeInfoSimilar(n1, n2, ignoredLabelsFor(g1.provider, extraIgnoredLabels), ratios);
}

/** FindSimilarNodeGroups: the other groups similar to `group`, in `groups` order. */
export function findSimilarNodeGroups(
  group: NodeGroup,
  groups: readonly NodeGroup[],
  ratios: NodeGroupDifferenceRatios,
  extraIgnoredLabels: readonly string[] = [],
): NodeGroup[] {
  return groups.filter((g) => g.name !== group.name && nodeGroupsSimilar(group, g, ratios, extraIgnoredLabels));
}
