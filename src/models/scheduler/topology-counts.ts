import type { NodeView } from './types.js';

/**
 * Amounts per topology domain: topology key, then the key's value on the node (nested so that
 * look-ups build no strings). Pod counts for the InterPodAffinity filter, weights for its score.
 */
export type TopologyCounts = Map<string, Map<string, number>>;

/** Adds `amount` to the domain `node` is in for `key`; a node without the label is in none. */
export function addToDomain(m: TopologyCounts, node: NodeView, key: string, amount: number): void {
  const v = node.labels[key];
  if (v === undefined) return;
  let byValue = m.get(key);
  if (byValue === undefined) m.set(key, (byValue = new Map()));
  byValue.set(v, (byValue.get(v) ?? 0) + amount);
}

/** The amount of the domain `key` = `value` (0 when nothing was added there). */
export function domainAmount(m: TopologyCounts, key: string, value: string): number {
  return m.get(key)?.get(value) ?? 0;
}
