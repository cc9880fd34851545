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
import { compareOfferings, offeringFits } from './select-instance-type.js';
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
  // What a replacement could be at most: an offering cheaper than the candidates (spot when they
  // all are) that holds every pod left over. The leftovers only grow, so once none holds them
  // the answer is None whatever the remaining pods do, and the what-if stops there.
  const cheaper = cheaperOfferings(pools, price, allSpot);
  const outcome = withForkedSnapshot<ConsolidationOutcome | ProvisioningPlan>(snapshot, (s) => {
    for (const c of candidates) s.removeNode(c.node.name);
    const pods = candidates
      .flatMap((c) => c.pods)
      .sort((a, b) => b.requests.cpuMilli - a.requests.cpuMilli || b.requests.memoryBytes - a.requests.memoryBytes);
    const left: PodView[] = [];
    const sum = { cpuMilli: 0, memoryBytes: 0, pods: 0 };
    for (const p of pods) {
      const target = s.fittingNode(p);
      if (target !== undefined) {
        s.bindPod(p, target.name);
        continue;
      }
      if (allSpot && !spotToSpotConsolidation) return { result: SPOT_TO_SPOT_OFF, commit: false };
      left.push(p);
      sum.cpuMilli += p.requests.cpuMilli;
      sum.memoryBytes += p.requests.memoryBytes;
      sum.pods++;
      if (!cheaper.some(({ pool, offering }) => offeringFits(offering, sum, pool.daemonSetOverhead))) return { result: NO_CHEAPER, commit: false };
    }
    if (left.length === 0) return { result: { action: 'Delete', savingsUsdPerHour: price }, commit: false };
    // The provisioning placement reads the nodes only for topology (a pod's own spread or
    // affinity, or a pod's anti-affinity on a node) and for NodePool limits. Without either it is
    // given none: a single-node scan plans for each of a thousand candidates in turn.
    const affinity = s.podAffinityInNodes;
    const readsNodes = affinity || left.some(podHasTopologyRules) || pools.some(poolHasLimits);
    // The snapshot's views keep the Karpenter fields of the views it was built from.
    const nodes = readsNodes ? (s.nodes() as KarpenterNodeView[]) : [];
    return { result: planProvisioning({ nowMs: 0, pendingPods: left, nodes, nodePools: pools, existingNodesTried: true, podAffinityInNodes: affinity }), commit: false };
  });
  return 'action' in outcome ? outcome : replacementOf(outcome, pools, price, allSpot);
}

const SPOT_TO_SPOT_OFF: ConsolidationOutcome = { action: 'None', message: 'pods do not fit on other nodes and SpotToSpotConsolidation is disabled' };
const NO_CHEAPER: ConsolidationOutcome = { action: 'None', message: "can't replace with a cheaper node" };

/** Whether `o` could replace candidates costing `price` together: cheaper, and spot when they all are. */
function replaces(o: InstanceOffering, price: number, allSpot: boolean): boolean {
  return o.priceUsdPerHour < price && (!allSpot || o.capacityType === 'spot');
}

/** Every pool's offerings that could replace candidates costing `price` together. */
function cheaperOfferings(pools: readonly NodePool[], price: number, allSpot: boolean): { pool: NodePool; offering: InstanceOffering }[] {
  const out: { pool: NodePool; offering: InstanceOffering }[] = [];
  for (const pool of pools) for (const offering of pool.offerings) if (replaces(offering, price, allSpot)) out.push({ pool, offering });
  return out;
}

/** The one replacement a provisioning plan for the leftover pods allows, cheaper than `price`. */
function replacementOf(plan: ProvisioningPlan, pools: readonly NodePool[], price: number, allSpot: boolean): ConsolidationOutcome {
  const unschedulable = Object.values(plan.unschedulable);
  if (unschedulable.length > 0) return { action: 'None', message: unschedulable[0]!.message };
  if (plan.nodeClaims.length !== 1) return { action: 'None', message: `can't remove without creating ${plan.nodeClaims.length} candidates` };
  const claim = plan.nodeClaims[0]!;
  const pool = pools.find((p) => p.name === claim.nodePool);
  let best: InstanceOffering | undefined;
  for (const o of claim.options) if (replaces(o, price, allSpot) && (best === undefined || compareOfferings(o, best) < 0)) best = o;
  if (pool === undefined || best === undefined) return { action: 'None', message: "can't replace with a cheaper node" };
  return { action: 'Replace', pool, offering: best, savingsUsdPerHour: price - best.priceUsdPerHour };
}
