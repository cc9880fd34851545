/**
 * BalanceScaleUpBetweenGroups (cluster-autoscaler/processors/nodegroupset/balancing_processor.go):
 * spread `newNodes` over similar node groups, always adding to the smallest, within each group's
 * maximum size.
 */

/** A group's size before and after the balanced scale-up (ScaleUpInfo). */
export interface ScaleUpInfo {
  readonly group: string;
  readonly currentSize: number;
  readonly newSize: number;
  readonly maxSize: number;
}

/** What balancing reads of a node group. */
export interface BalancedGroup {
  readonly name: string;
  /** Target size, including nodes not Ready yet. */
  readonly targetSize: number;
  readonly maxNodes: number;
}

/**
 * Groups whose size changes, with their new size. Groups already at their maximum are skipped;
 * more nodes than the groups can take are capped to what they can. Groups are visited
 * smallest first; the order of equal-size groups is their input order (upstream: sort.Slice,
 * unspecified).
 */
export function balanceScaleUpBetweenGroups(groups: readonly BalancedGroup[], newNodes: number): ScaleUpInfo[] {
  const infos: { group: string; currentSize: number; newSize: number; maxSize: number }[] = [];
  let totalCapacity = 0;
  for (const g of groups) {
    if (g.targetSize === g.maxNodes) continue;
    if (g.maxNodes > g.targetSize) totalCapacity += g.maxNodes - g.targetSize;
    infos.push({ group: g.name, currentSize: g.targetSize, newSize: g.targetSize, maxSize: g.maxNodes });
  }
  let left = Math.min(newNodes, totalCapacity);
  infos.sort((a, b) => a.currentSize - b.currentSize);
  // Round-robin over the run of smallest groups; a full group is swapped to the front and dropped
  // (startIndex), so each step adds one node or drops one group.
  let start = 0;
  let current = 0;
  while (left > 0) {
    const info = infos[current]!;
    if (info.newSize < info.maxSize) {
      info.newSize++;
      left--;
    } else {
      infos[current] = infos[start]!;
      infos[start] = info;
      start++;
    }
    // Upstream reads the slot at `current` after the swap (a pointer into the slice), not the moved group.
    const cur = infos[current]!;
    const next = infos[current + 1];
    if (next !== undefined && cur.newSize > next.newSize) current++;
    else current = start;
  }
  return infos.filter((i) => i.newSize !== i.currentSize);
}
