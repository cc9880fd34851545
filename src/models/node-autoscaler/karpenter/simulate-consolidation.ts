/**
 * What-if for a consolidation (disruption/helpers.go SimulateScheduling, consolidation.go
 * computeConsolidation): remove the candidates and reschedule their pods on the remaining nodes;
 * if some pods are left, they need exactly one replacement node that is cheaper than the
 * candidates together. Runs on a forked layer that is always reverted.
 */
import { withForkedSnapshot, type PlacementSnapshot } from '../../scheduler/placement-snapshot.js';
import { podCompatible } from './claim-fit.js';
import type { Candidate } from './consolidation-candidates.js';
import { compareOfferings, offeringFits } from './select-instance-type.js';
import type { InstanceOffering, NodePool, NodeResources, PodView } from './types.js';

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
  const leftovers = withForkedSnapshot(snapshot, (s) => {
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
    return { result: left, commit: false };
  });
  const price = candidates.reduce((a, c) => a + c.node.priceUsdPerHour, 0);
  if (leftovers.length === 0) return { action: 'Delete', savingsUsdPerHour: price };
  const allSpot = candidates.every((c) => c.node.capacityType === 'spot');
  if (allSpot && !spotToSpotConsolidation) {
    return { action: 'None', message: 'pods do not fit on other nodes and SpotToSpotConsolidation is disabled' };
  }
  const req: NodeResources = {
    cpuMilli: leftovers.reduce((a, p) => a + p.requests.cpuMilli, 0),
    memoryBytes: leftovers.reduce((a, p) => a + p.requests.memoryBytes, 0),
    pods: leftovers.length,
  };
  let best: { pool: NodePool; offering: InstanceOffering } | undefined;
  for (const pool of pools) {
    for (const o of pool.offerings) {
      if (o.priceUsdPerHour >= price) continue;
      if (allSpot && o.capacityType !== 'spot') continue;
      if (!offeringFits(o, req, pool.daemonSetOverhead)) continue;
      if (!leftovers.every((p) => podCompatible(p, pool, o))) continue;
      if (best === undefined || compareOfferings(o, best.offering) < 0) best = { pool, offering: o };
    }
  }
  if (best === undefined) return { action: 'None', message: "can't replace with a cheaper node" };
  return { action: 'Replace', pool: best.pool, offering: best.offering, savingsUsdPerHour: price - best.offering.priceUsdPerHour };
}
