/**
 * InterPodAffinity filter (kubernetes pkg/scheduler/framework/plugins/interpodaffinity/filtering.go).
 *
 * PreFilter walks every node's pod groups once and counts, per (topology key, value):
 * - existing anti-affinity: required anti-affinity terms of existing pods that select the incoming
 *   pod (symmetry), keyed by the existing pod's node;
 * - affinity: existing pods that match all the incoming pod's required affinity terms;
 * - anti-affinity: existing pods that match each of the incoming pod's required anti-affinity terms.
 * Filter then checks, in upstream order: every required affinity term has a matching pod in the
 * node's domain (a node without the key fails) — except that when no pod in the cluster matches
 * and the pod matches all its own terms, any node passes (the first pod of a self-affine group);
 * no anti-affinity term has a matching pod in the node's domain; no existing pod's anti-affinity
 * term covers the node's domain.
 */
import { resolveAffinity, resolveGroupAffinity, termMatches, type ResolvedTerm } from './affinity-term.js';
import { filterReasons } from './defaults.js';
import { addToDomain, domainAmount, type TopologyCounts } from './topology-counts.js';
import type { SchedulingContext } from './scheduling-context.js';
import type { NodeView, PodGroup, PodView } from './types.js';


/** PreFilter state of the plugin. */
export interface InterPodAffinityFilterState {
  readonly requiredAffinity: readonly ResolvedTerm[];
  readonly requiredAntiAffinity: readonly ResolvedTerm[];
  readonly affinityCounts: TopologyCounts;
  readonly antiAffinityCounts: TopologyCounts;
  readonly existingAntiAffinityCounts: TopologyCounts;
  /** The incoming pod matches all its own required affinity terms. */
  readonly selfMatchesAffinity: boolean;
}

const matchesAll = (terms: readonly ResolvedTerm[], pod: PodGroup | PodView, ns: SchedulingContext['namespaceLabels']): boolean => {
  for (const t of terms) if (!termMatches(t, pod, ns)) return false;
  return true;
};

/** PreFilter over `ctx.allNodes`; null when there is nothing to check (Skip). */
export function preFilterInterPodAffinity(pod: PodView, ctx: SchedulingContext): InterPodAffinityFilterState | null {
  if (ctx.podAffinityInCluster === false) return null;
  const own = resolveAffinity(pod, pod.affinity?.podAffinity, pod.affinity?.podAntiAffinity);
  const { requiredAffinity, requiredAntiAffinity } = own;
  const ns = ctx.namespaceLabels;
  const affinityCounts: TopologyCounts = new Map();
  const antiAffinityCounts: TopologyCounts = new Map();
  const existingAntiAffinityCounts: TopologyCounts = new Map();
  const hasOwn = requiredAffinity.length > 0 || requiredAntiAffinity.length > 0;
  // Without terms of its own, only an existing pod's required anti-affinity can reject the pod:
  // a cheap scan for one saves resolving every group on every node for each pod of a large cluster.
  if (!hasOwn && !anyRequiredAntiAffinity(ctx.allNodes)) return null;
  // Per group: does it match all affinity terms; which anti-affinity terms select it; which of its terms select the pod.
  const memo = new Map<PodGroup, { all: boolean; anti: boolean[]; theirs: ResolvedTerm[] }>();
  for (const node of ctx.allNodes) {
    const groups = node.podGroups;
    if (groups === undefined) continue;
    for (const { group, count } of groups) {
      if (count <= 0) continue;
      let m = memo.get(group);
      if (m === undefined) {
        const theirs = resolveGroupAffinity(group).requiredAntiAffinity.filter((t) => termMatches(t, pod, ns));
        m = {
          all: requiredAffinity.length > 0 && matchesAll(requiredAffinity, group, ns),
          anti: requiredAntiAffinity.map((t) => termMatches(t, group, ns)),
          theirs,
        };
        memo.set(group, m);
      }
      // Each pod of the group adds its own count (upstream counts pods, not groups).
      for (const t of m.theirs) addToDomain(existingAntiAffinityCounts, node, t.topologyKey, count);
      if (!hasOwn) continue;
      if (m.all) for (const t of requiredAffinity) addToDomain(affinityCounts, node, t.topologyKey, count);
      m.anti.forEach((hit, i) => {
        if (hit) addToDomain(antiAffinityCounts, node, (requiredAntiAffinity[i] as ResolvedTerm).topologyKey, count);
      });
    }
  }
  if (!hasOwn && existingAntiAffinityCounts.size === 0) return null;
  return {
    requiredAffinity,
    requiredAntiAffinity,
    affinityCounts,
    antiAffinityCounts,
    existingAntiAffinityCounts,
    selfMatchesAffinity: requiredAffinity.length > 0 && matchesAll(requiredAffinity, pod, ns),
  };
}

function anyRequiredAntiAffinity(nodes: readonly NodeView[]): boolean {
  for (const node of nodes) {
    const groups = node.podGroups;
    if (groups === undefined) continue;
    for (const g of groups) if (g.count > 0 && (g.group.podAntiAffinity?.required?.length ?? 0) > 0) return true;
  }
  return false;
}

function satisfiesAffinity(s: InterPodAffinityFilterState, node: NodeView): boolean {
  let podsExist = true;
  for (const t of s.requiredAffinity) {
    const v = node.labels[t.topologyKey];
    if (v === undefined) return false;
    if (domainAmount(s.affinityCounts, t.topologyKey, v) <= 0) podsExist = false;
  }
  if (podsExist) return true;
  // No pod anywhere matches and the pod matches its own terms: it may start the group.
  return s.affinityCounts.size === 0 && s.selfMatchesAffinity;
}

function satisfiesAntiAffinity(s: InterPodAffinityFilterState, node: NodeView): boolean {
  if (s.antiAffinityCounts.size === 0) return true;
  for (const t of s.requiredAntiAffinity) {
    const v = node.labels[t.topologyKey];
    if (v !== undefined && domainAmount(s.antiAffinityCounts, t.topologyKey, v) > 0) return false;
  }
  return true;
}

function satisfiesExistingAntiAffinity(s: InterPodAffinityFilterState, node: NodeView): boolean {
  if (s.existingAntiAffinityCounts.size === 0) return true;
  // Only the keys some existing term uses can match; usually one or two.
  for (const [key, byValue] of s.existingAntiAffinityCounts) {
    const v = node.labels[key];
    if (v !== undefined && (byValue.get(v) ?? 0) > 0) return false;
  }
  return true;
}

/** Filter of the plugin: null when `node` passes, else the upstream failure message. */
export function filterInterPodAffinity(state: InterPodAffinityFilterState, node: NodeView): string | null {
  if (!satisfiesAffinity(state, node)) return filterReasons.podAffinityNotMatch;
  if (!satisfiesAntiAffinity(state, node)) return filterReasons.podAntiAffinityNotMatch;
  if (!satisfiesExistingAntiAffinity(state, node)) return filterReasons.existingAntiAffinityNotMatch;
  return null;
}
