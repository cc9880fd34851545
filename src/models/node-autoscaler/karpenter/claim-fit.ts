/**
 * Whether a pod may go on a (planned) node of a NodePool offering: the pod tolerates the pool's
 * taints and its node selector / required affinity match the labels such a node would carry.
 */
import { matchesNodeSelectorAndAffinity } from '../../scheduler/node-affinity.js';
import { findUntoleratedTaint } from '../../scheduler/taint-toleration.js';
import { karpenterLabels } from './defaults.js';
import type { InstanceOffering, NodePool, PodView } from './types.js';

/** Labels of a node launched from `pool` with `offering`. */
export function offeringLabels(pool: NodePool, offering: InstanceOffering): Record<string, string> {
  return {
    ...pool.labels,
    ...offering.labels,
    [karpenterLabels.nodePool]: pool.name,
    [karpenterLabels.capacityType]: offering.capacityType,
    [karpenterLabels.instanceType]: offering.instanceType,
  };
}

/** True when `pod` is compatible with nodes of `pool` launched as `offering`. */
export function podCompatible(pod: PodView, pool: NodePool, offering: InstanceOffering): boolean {
  if (findUntoleratedTaint(pool.taints, pod.tolerations) !== undefined) return false;
  return matchesNodeSelectorAndAffinity(pod, offeringLabels(pool, offering));
}
