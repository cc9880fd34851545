/**
 * price (expander/price/price.go, preferred.go): lowest
 *   score = suppressedUnfitness × (nodesPrice + c) / (podsPrice + c),
 *   suppressedUnfitness = (unfitness − 1)·(1 − tanh((nodeCount − 1)/15)) + 1,
 *   unfitness = max(preferredCpu/nodeCpu, nodeCpu/preferredCpu),
 * c = price of a 0.5 CPU / 500 MiB stabilisation pod, ×2 for groups that do not exist yet.
 * Preferred node CPU grows with cluster size (≤2 nodes: 1; ≤6: 2; ≤20: 4; ≤60: 8; ≤200: 16; else 32).
 * Pod prices use per-unit prices from `clusterAutoscalerDefaults` in place of GCE's pricing model.
 */
import { clusterAutoscalerDefaults as D } from '../defaults.js';
import type { Expander } from './expander.js';
import type { ExpansionOption, Resources } from '../types.js';

const GiB = 2 ** 30;
const MiB = 2 ** 20;

/** Preferred node CPU (cores) for a cluster of `nodeCount` nodes (preferred.go). */
export function preferredNodeCpu(nodeCount: number): number {
  if (nodeCount <= 2) return 1;
  if (nodeCount <= 6) return 2;
  if (nodeCount <= 20) return 4;
  if (nodeCount <= 60) return 8;
  if (nodeCount <= 200) return 16;
  return 32;
}

/** Hourly price of a pod's requests, USD. */
export function podPriceUsdPerHour(r: Resources): number {
  return (r.cpuMilli / 1000) * D.priceExpanderCpuUsdPerVcpuHour + (r.memoryBytes / GiB) * D.priceExpanderRamUsdPerGiBHour;
}

const STABILIZATION_USD = podPriceUsdPerHour({ cpuMilli: 500, memoryBytes: 500 * MiB });
const NOT_EXIST_COEFFICIENT = 2;

export function priceScore(o: ExpansionOption, clusterNodeCount: number): number {
  const nodesPrice = o.nodeGroup.priceUsdPerHour * o.nodeCount;
  let podsPrice = 0;
  for (const p of o.pods) podsPrice += podPriceUsdPerHour(p.requests);
  const preferred = preferredNodeCpu(clusterNodeCount);
  const nodeCpu = o.nodeGroup.template.capacity.cpuMilli / 1000;
  const unfitness = nodeCpu > 0 ? Math.max(preferred / nodeCpu, nodeCpu / preferred) : 1;
  const suppressed = (unfitness - 1) * (1 - Math.tanh((o.nodeCount - 1) / 15)) + 1;
  const score = (suppressed * (nodesPrice + STABILIZATION_USD)) / (podsPrice + STABILIZATION_USD);
  return o.nodeGroup.exists === false ? score * NOT_EXIST_COEFFICIENT : score;
}

export const priceExpander: Expander = {
  name: 'price',
  bestOptions(options, ctx) {
    // Upstream returns the single first option with the lowest score.
    let best: ExpansionOption | undefined;
    let bestScore = Infinity;
    for (const o of options) {
      const s = priceScore(o, ctx.nodes.length);
      if (best === undefined || s < bestScore) {
        best = o;
        bestScore = s;
      }
    }
    return best === undefined ? [] : [best];
  },
};
