/**
 * InterPodAffinity score (kubernetes pkg/scheduler/framework/plugins/interpodaffinity/scoring.go).
 *
 * PreScore sums weights per (topology key, value) over every existing pod in the cluster, at the
 * value of that pod's node:
 *   + w for each preferred affinity term of the incoming pod that selects the existing pod,
 *   − w for each of its preferred anti-affinity terms that selects it,
 *   + hardPodAffinityWeight for each required affinity term of the existing pod selecting the incoming pod,
 *   + w / − w for the existing pod's preferred affinity / anti-affinity terms selecting the incoming pod.
 * A node's raw score is the sum over the keys it carries of the value at its label. Scores are
 * normalised over the feasible nodes as ⌊100 × (s − min) / (max − min)⌋, or left at 0 when max = min
 * or nothing was counted.
 */
import { resolveAffinity, resolveGroupAffinity, termMatches, type ResolvedTerm } from './affinity-term.js';
import { schedulerDefaults } from './defaults.js';
import { addToDomain, type TopologyCounts } from './topology-counts.js';
import type { SchedulingContext } from './scheduling-context.js';
import type { NodeView, PodGroup, PodView } from './types.js';

/**
 * Normalised scores (0-100) for `feasible`, in order; null when the plugin has nothing to score
 * (no preferred terms on the pod and no existing pod with affinity that involves it).
 */
export function interPodAffinityScores(
  pod: PodView,
  feasible: readonly NodeView[],
  ctx: SchedulingContext,
  hardPodAffinityWeight: number = schedulerDefaults.hardPodAffinityWeight,
): number[] | null {
  if (ctx.podAffinityInCluster === false) return null;
  const own = resolveAffinity(pod, pod.affinity?.podAffinity, pod.affinity?.podAntiAffinity);
  const ns = ctx.namespaceLabels;
  const topo: TopologyCounts = new Map();
  // Per group: the signed weight each topology key receives from one of its pods.
  const memo = new Map<PodGroup, { key: string; w: number }[]>();
  const contributions = (group: PodGroup): { key: string; w: number }[] => {
    let c = memo.get(group);
    if (c !== undefined) return c;
    c = [];
    const theirs = resolveGroupAffinity(group);
    const push = (terms: readonly ResolvedTerm[], target: PodGroup | PodView, sign: number, weight?: number): void => {
      // Upstream matches the incoming pod's terms against existing pods with their namespaceSelector already
      // resolved to namespace names, which is what termMatches does with the namespaces' labels.
      for (const t of terms) if (termMatches(t, target, ns)) c?.push({ key: t.topologyKey, w: sign * (weight ?? t.weight) });
    };
    push(own.preferredAffinity, group, 1);
    push(own.preferredAntiAffinity, group, -1);
    if (hardPodAffinityWeight > 0) push(theirs.requiredAffinity, pod, 1, hardPodAffinityWeight);
    push(theirs.preferredAffinity, pod, 1);
    push(theirs.preferredAntiAffinity, pod, -1);
    memo.set(group, c);
    return c;
  };
  for (const node of ctx.allNodes) {
    const groups = node.podGroups;
    if (groups === undefined) continue;
    for (const { group, count } of groups) {
      if (count <= 0) continue;
      for (const { key, w } of contributions(group)) addToDomain(topo, node, key, w * count);
    }
  }
  if (topo.size === 0) return null;
  const raw = feasible.map((n) => {
    let s = 0;
    for (const [key, byValue] of topo) {
      const v = n.labels[key];
      if (v !== undefined) s += byValue.get(v) ?? 0;
    }
    return s;
  });
  let min = Infinity;
  let max = -Infinity;
  for (const s of raw) {
    min = Math.min(min, s);
    max = Math.max(max, s);
  }
  const diff = max - min;
  const M = schedulerDefaults.maxNodeScore;
  return raw.map((s) => (diff > 0 ? Math.trunc(M * ((s - min) / diff)) : 0));
}
