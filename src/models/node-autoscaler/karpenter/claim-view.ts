/**
 * NodeClaims that do not exist yet, as nodes for the scheduler's cluster-wide filters (pod
 * (anti-)affinity and topology spread). Karpenter's scheduler tracks topology over nodes and
 * planned claims alike, and takes its domains from the NodePools' requirements as well as from
 * the nodes (scheduling/topology.go): a zone a NodePool could launch in is a spread domain with no
 * pods even while no node is there. Such a view has nothing allocatable, so no pod is ever placed
 * on it.
 */
import { labels as wellKnown } from '../../scheduler/defaults.js';
import type { PodGroupCount } from '../../scheduler/types.js';
import { offeringLabels } from './claim-fit.js';
import type { KarpenterNodeView, NodePool } from './types.js';

/** A claim as a node named after itself (its hostname), with the labels `labels` and its pods' groups. */
export function claimView(c: { name: string; pool: NodePool; podGroups: readonly PodGroupCount[] }, labels: Readonly<Record<string, string>>): KarpenterNodeView {
  return {
    name: c.name,
    pool: c.pool.name,
    instanceType: '',
    labels: { ...labels, [wellKnown.hostname]: c.name },
    taints: c.pool.taints,
    allocatable: { cpuMilli: 0, memoryBytes: 0, pods: 0 },
    requested: { cpuMilli: 0, memoryBytes: 0, pods: 0 },
    podGroups: c.podGroups,
    ready: true,
    createdMs: 0,
    unschedulable: false,
    deleting: false,
    spot: false,
    capacityType: 'on-demand',
    priceUsdPerHour: 0,
    initializedMs: null,
    lastPodEventMs: 0,
  };
}

/** An empty view of every offering of `pools`: each label value a launch could carry is a domain. */
export function nodePoolDomains(pools: readonly NodePool[]): KarpenterNodeView[] {
  return pools.flatMap((pool) => pool.offerings.map((o, i) => claimView({ name: `domain-${pool.name}-${i}`, pool, podGroups: [] }, offeringLabels(pool, o))));
}
