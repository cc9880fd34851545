/**
 * least-waste (expander/waste/waste.go): minimise
 * (cpuOffered − cpuRequested)/cpuOffered + (memOffered − memRequested)/memOffered,
 * offered = node capacity × node count, requested = Σ requests of the helped pods. Ties kept.
 */
import { keepBest, type Expander } from './expander.js';
import type { ExpansionOption } from '../types.js';

export function wastedScore(o: ExpansionOption): number {
  const cap = o.nodeGroup.template.capacity;
  const cpuOffered = cap.cpuMilli * o.nodeCount;
  const memOffered = cap.memoryBytes * o.nodeCount;
  let cpu = 0;
  let mem = 0;
  for (const p of o.pods) {
    cpu += p.requests.cpuMilli;
    mem += p.requests.memoryBytes;
  }
  const cpuWaste = cpuOffered > 0 ? (cpuOffered - cpu) / cpuOffered : 0;
  const memWaste = memOffered > 0 ? (memOffered - mem) / memOffered : 0;
  return cpuWaste + memWaste;
}

export const leastWasteExpander: Expander = {
  name: 'least-waste',
  bestOptions: (options) => keepBest(options, wastedScore),
};
