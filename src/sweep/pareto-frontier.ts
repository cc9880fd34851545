/** A candidate on two axes, both "lower is better". */
export interface ParetoItem {
  readonly id: number;
  readonly cost: number;
  readonly quality: number;
}

/**
 * Ids of the items no other item dominates (another is no worse on both axes and better on one),
 * cheapest first (ties by quality, then id). Items equal on both axes do not dominate each other,
 * so both stay. One pass after sorting: O(n log n). Pure.
 */
export function paretoFrontier(items: readonly ParetoItem[]): number[] {
  const sorted = [...items].sort((a, b) => a.cost - b.cost || a.quality - b.quality || a.id - b.id);
  const out: number[] = [];
  // Best quality among strictly cheaper items.
  let cheaperBest = Infinity;
  for (let start = 0; start < sorted.length; ) {
    let end = start;
    while (end < sorted.length && sorted[end]!.cost === sorted[start]!.cost) end++;
    const groupBest = sorted[start]!.quality;
    for (let i = start; i < end; i++) {
      const q = sorted[i]!.quality;
      if (q < cheaperBest && q === groupBest) out.push(sorted[i]!.id);
    }
    cheaperBest = Math.min(cheaperBest, groupBest);
    start = end;
  }
  return out;
}
