/**
 * PodTopologySpread scoring with the system default soft constraints (podtopologyspread/
 * scoring.go, plugin.go): hostname maxSkew 3 and zone maxSkew 5, for pods owned by a
 * ReplicaSet, StatefulSet or ReplicationController. Raw score per node =
 * Σ_constraints count_in_domain × ln(domains + 2) + (maxSkew − 1), rounded; normalised so the
 * emptiest domain gets 100: 100 × (max + min − s) / max.
 */
import { labels, schedulerDefaults } from './defaults.js';
import { matchesNodeSelectorAndAffinity } from './node-affinity.js';
import type { NodeView, PodView } from './types.js';

const SPREAD_OWNERS = new Set(['ReplicaSet', 'StatefulSet', 'ReplicationController']);

/** True when the system default constraints apply to `pod`. */
export function hasDefaultSpreadConstraints(pod: PodView): boolean {
  return pod.ownerKind !== null && SPREAD_OWNERS.has(pod.ownerKind);
}

/**
 * Normalised spread scores (0-100) for `feasible`, in order. Zone counts are taken over
 * `allNodes` that match the pod's node selector/affinity (nodeInclusionPolicy Honor default).
 * Returns all zeros when the constraints do not apply (the plugin is skipped).
 */
export function topologySpreadScores(pod: PodView, feasible: readonly NodeView[], allNodes: readonly NodeView[]): number[] {
  const out = new Array<number>(feasible.length).fill(0);
  if (!hasDefaultSpreadConstraints(pod) || feasible.length === 0) return out;
  const count = (n: NodeView): number => n.workloadPodCounts?.get(pod.workload) ?? 0;
  const zoneCounts = new Map<string, number>();
  for (const n of allNodes) {
    // A node without the workload's pods adds nothing (an absent zone reads as 0 below): on a large
    // cluster most nodes, and the label and affinity checks are the costly part.
    const c = count(n);
    if (c === 0) continue;
    const zone = n.labels[labels.zone];
    if (zone === undefined || !matchesNodeSelectorAndAffinity(pod, n.labels)) continue;
    zoneCounts.set(zone, (zoneCounts.get(zone) ?? 0) + c);
  }
  const feasibleZones = new Set<string>();
  for (const n of feasible) {
    const z = n.labels[labels.zone];
    if (z !== undefined) feasibleZones.add(z);
  }
  const hostWeight = Math.log(feasible.length + 2);
  const zoneWeight = Math.log(feasibleZones.size + 2);
  const hostSkew = schedulerDefaults.defaultSpreadHostnameMaxSkew;
  const zoneSkew = schedulerDefaults.defaultSpreadZoneMaxSkew;
  let min = Infinity;
  let max = 0;
  for (let i = 0; i < feasible.length; i++) {
    const n = feasible[i] as NodeView;
    // Every node carries kubernetes.io/hostname (set by the kubelet), so the hostname constraint always applies.
    let s = count(n) * hostWeight + (hostSkew - 1);
    const zone = n.labels[labels.zone];
    if (zone !== undefined) s += (zoneCounts.get(zone) ?? 0) * zoneWeight + (zoneSkew - 1);
    const rounded = Math.round(s);
    out[i] = rounded;
    min = Math.min(min, rounded);
    max = Math.max(max, rounded);
  }
  const M = schedulerDefaults.maxNodeScore;
  for (let i = 0; i < out.length; i++) {
    out[i] = max === 0 ? M : Math.floor((M * (max + min - (out[i] as number))) / max);
  }
  return out;
}
