/**
 * What-if for a consolidation (disruption/helpers.go SimulateScheduling, consolidation.go
 * computeConsolidation): remove the candidates and reschedule their pods on the remaining nodes;
 * the pods left over go through the provisioning scheduler, with its topology spread, pod
 * affinity and NodePool limits, over the remaining nodes. They must fit exactly one new
 * NodeClaim, and the replacement is the cheapest of that claim's instance options that costs less
 * than the candidates together. Runs on a forked layer that is always reverted.
 */
import { withForkedSnapshot, type PlacementSnapshot } from '../../scheduler/placement-snapshot.js';
import type { Candidate } from './consolidation-candidates.js';
import { planProvisioning, podHasTopologyRules, poolHasLimits, type ProvisioningPlan } from './plan-provisioning.js';
import { compareOfferings } from './select-instance-type.js';
import type { InstanceOffering, KarpenterNodeView, NodePool, PodView } from './types.js';

export type ConsolidationOutcome =
  | { readonly action: 'Delete'; readonly savingsUsdPerHour: number }
  | { readonly action: 'Replace'; readonly pool: NodePool; readonly offering: InstanceOffering; readonly savingsUsdPerHour: number }
  | { readonly action: 'None'; readonly message: string };

export function simulateConsolidation(
  snapshot: PlacementSnapshot,
  candidates: readonly Candidate[],
  pools: readonly NodePool[],
  spotToSpotConsolidation: boolean,
): ConsolidationOutcome {
  const price = candidates.reduce((a, c) => a + c.node.priceUsdPerHour, 0);
  const allSpot = candidates.every((c) => c.node.capacityType === 'spot');
  const plan = withForkedSnapshot(snapshot, (s) => {
    for (const c of candidates) s.removeNode(c.node.name);
    const pods = candidates
      .flatMap((c) => c.pods)
      .sort((a, b) => b.requests.cpuMilli - a.requests.cpuMilli || b.requests.memoryBytes - a.requests.memoryBytes);
    const left: PodView[] = [];
    for (const p of pods) {
      const target = s.fittingNode(p);
      if (target === undefined) left.push(p);
      else s.bindPod(p, target.name);
    }
    if (left.length === 0 || (allSpot && !spotToSpotConsolidation)) return { result: left.length === 0 ? null : undefined, commit: false };
    // The provisioning placement reads the nodes only for topology (a pod's own spread or
    // affinity, or a pod's anti-affinity on a node) and for NodePool limits. Without either it is
    // given none: a single-node scan plans for each of a thousand candidates in turn.
    const affinity = s.podAffinityInNodes;
    const readsNodes = affinity || left.some(podHasTopologyRules) || pools.some(poolHasLimits);
    // The snapshot's views keep the Karpenter fields of the views it was built from.
    const nodes = readsNodes ? (s.nodes() as KarpenterNodeView[]) : [];
    return { result: planProvisioning({ nowMs: 0, pendingPods: left, nodes, nodePools: pools, existingNodesTried: true, podAffinityInNodes: affinity }), commit: false };
  });
  if (plan === null) return { action: 'Delete', savingsUsdPerHour: price };
  if (plan === undefined) return { action: 'None', message: 'pods do not fit on other nodes and SpotToSpotConsolidation is disabled' };
  return replacementOf(plan, pools, price, allSpot);
}

/** The one replacement a provisioning plan for the leftover pods allows, cheaper than `price`. */
function replacementOf(plan: ProvisioningPlan, pools: readonly NodePool[], price: number, allSpot: boolean): ConsolidationOutcome {
  const unschedulable = Object.values(plan.unschedulable);
  if (unschedulable.length > 0) return { action: 'None', message: unschedulable[0]!.message };
  if (plan.nodeClaims.length !== 1) return { action: 'None', message: `can't remove without creating ${plan.nodeClaims.length} candidates` };
  const claim = plan.nodeClaims[0]!;
  const pool = pools.find((p) => p.name === claim.nodePool);
  let best: InstanceOffering | undefined;
  for (const o of claim.options) {
    if (o.priceUsdPerHour >= price) continue;
    if (allSpot && o.capacityType !== 'spot') continue;
    if (best === undefined || compareOfferings(o, best) < 0) best = o;
  }
  if (pool === undefined || best === undefined) return { action: 'None', message: "can't replace with a cheaper node" };
  return { action: 'Replace', pool, offering: best, savingsUsdPerHour: price - best.priceUsdPerHour };
}
