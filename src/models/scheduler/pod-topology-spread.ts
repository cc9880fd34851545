/**
 * PodTopologySpread for the pod's own spec.topologySpreadConstraints (kubernetes
 * pkg/scheduler/framework/plugins/podtopologyspread: common.go, filtering.go, scoring.go).
 *
 * Filter (DoNotSchedule constraints): PreFilter counts, per constraint, the pods matching the
 * selector in the pod's namespace per topology value over every node that carries all the
 * constraints' keys and passes the inclusion policies (nodeAffinityPolicy Honor: the pod's node
 * selector and required node affinity; nodeTaintsPolicy Honor: its NoSchedule/NoExecute taints
 * tolerated). A node passes when, for each constraint,
 *   count(node's domain) + (1 if the pod matches its own selector) − globalMin ≤ maxSkew,
 * with globalMin the smallest count over the domains found, or 0 when fewer than minDomains
 * domains exist. A node without a constraint's key fails as unresolvable.
 *
 * Score (ScheduleAnyway constraints): per feasible node Σ_c count_c(domain) × ln(domains_c + 2) +
 * (maxSkew_c − 1), rounded, where domains_c are the distinct values among feasible nodes (for the
 * hostname key, the number of feasible nodes carrying every key); nodes missing a key score 0;
 * normalised as 100 × (max + min − s) / max (100 everywhere when max is 0).
 *
 * The system default constraints apply only to a pod without constraints of its own
 * (topology-spread-score.ts).
 */
import { filterReasons, schedulerDefaults } from './defaults.js';
import { matchesLabelSelector, withLabelKeys } from './label-selector.js';
import { matchesNodeSelectorAndAffinity } from './node-affinity.js';
import { effectiveTaints, findUntoleratedTaint } from './taint-toleration.js';
import type { LabelSelector, NodeView, PodGroup, PodView, TopologySpreadConstraint } from './types.js';

/** A constraint with its selector merged with matchLabelKeys and its defaults filled. */
export interface SpreadConstraint {
  readonly maxSkew: number;
  readonly topologyKey: string;
  readonly selector: LabelSelector | null;
  readonly minDomains: number;
  readonly honorNodeAffinity: boolean;
  readonly honorNodeTaints: boolean;
}

/** The pod's own constraints with `whenUnsatisfiable === action` (filterTopologySpreadConstraints). */
export function podSpreadConstraints(pod: PodView, action: TopologySpreadConstraint['whenUnsatisfiable']): SpreadConstraint[] {
  const out: SpreadConstraint[] = [];
  for (const c of pod.topologySpreadConstraints ?? []) {
    if (c.whenUnsatisfiable !== action) continue;
    out.push({
      maxSkew: c.maxSkew,
      topologyKey: c.topologyKey,
      selector: withLabelKeys(c.labelSelector, pod.labels, c.matchLabelKeys),
      minDomains: c.minDomains ?? 1,
      honorNodeAffinity: (c.nodeAffinityPolicy ?? 'Honor') === 'Honor',
      honorNodeTaints: (c.nodeTaintsPolicy ?? 'Ignore') === 'Honor',
    });
  }
  return out;
}

/** True when the node carries every constraint's topology key (nodeLabelsMatchSpreadConstraints). */
export function hasAllTopologyKeys(node: NodeView, constraints: readonly SpreadConstraint[]): boolean {
  for (const c of constraints) if (!Object.prototype.hasOwnProperty.call(node.labels, c.topologyKey)) return false;
  return true;
}

/** Whether the node's pods count for `c` (matchNodeInclusionPolicies). */
function includesNode(c: SpreadConstraint, pod: PodView, node: NodeView): boolean {
  if (c.honorNodeAffinity && !matchesNodeSelectorAndAffinity(pod, node.labels)) return false;
  if (c.honorNodeTaints && findUntoleratedTaint(effectiveTaints(node), pod.tolerations) !== undefined) return false;
  return true;
}

/**
 * Counts the node's pods in `namespace` that `selector` matches (countPodsMatchSelector); `memo`
 * caches the match per group, groups being shared by a workload's pods.
 */
export function countMatchingPods(node: NodeView, selector: LabelSelector | null, namespace: string, memo: Map<PodGroup, boolean>): number {
  const groups = node.podGroups;
  if (groups === undefined) return 0;
  let n = 0;
  for (const { group, count } of groups) {
    let m = memo.get(group);
    if (m === undefined) {
      m = group.namespace === namespace && matchesLabelSelector(selector, group.labels);
      memo.set(group, m);
    }
    if (m) n += count;
  }
  return n;
}

/** PreFilter state: pod counts per topology value and the global minimum, per DoNotSchedule constraint. */
export interface TopologySpreadFilterState {
  readonly constraints: readonly SpreadConstraint[];
  readonly counts: readonly Map<string, number>[];
  /** Minimum count over domains taking minDomains into account. */
  readonly minCounts: readonly number[];
  /** 1 when the incoming pod matches the constraint's own selector. */
  readonly selfMatch: readonly number[];
}

/** PreFilter of the plugin over `allNodes`; null when the pod has no DoNotSchedule constraint (Skip). */
export function preFilterTopologySpread(pod: PodView, allNodes: readonly NodeView[]): TopologySpreadFilterState | null {
  const constraints = podSpreadConstraints(pod, 'DoNotSchedule');
  if (constraints.length === 0) return null;
  const counts = constraints.map(() => new Map<string, number>());
  const memos = constraints.map(() => new Map<PodGroup, boolean>());
  for (const node of allNodes) {
    if (!hasAllTopologyKeys(node, constraints)) continue;
    for (let i = 0; i < constraints.length; i++) {
      const c = constraints[i] as SpreadConstraint;
      if (!includesNode(c, pod, node)) continue;
      const value = node.labels[c.topologyKey] as string;
      const m = counts[i] as Map<string, number>;
      m.set(value, (m.get(value) ?? 0) + countMatchingPods(node, c.selector, pod.namespace, memos[i] as Map<PodGroup, boolean>));
    }
  }
  const minCounts = constraints.map((c, i) => {
    const m = counts[i] as Map<string, number>;
    // Fewer eligible domains than minDomains: the global minimum is taken as 0.
    if (m.size < c.minDomains) return 0;
    let min = Infinity;
    for (const v of m.values()) min = Math.min(min, v);
    return min;
  });
  const selfMatch = constraints.map((c) => (matchesLabelSelector(c.selector, pod.labels) ? 1 : 0));
  return { constraints, counts, minCounts, selfMatch };
}

/** Filter of the plugin: null when `node` passes, else the upstream failure message. Allocation-free. */
export function filterTopologySpread(state: TopologySpreadFilterState, node: NodeView): string | null {
  const { constraints, counts, minCounts, selfMatch } = state;
  for (let i = 0; i < constraints.length; i++) {
    const c = constraints[i] as SpreadConstraint;
    const value = node.labels[c.topologyKey];
    if (value === undefined || !Object.prototype.hasOwnProperty.call(node.labels, c.topologyKey)) return filterReasons.spreadMissingLabel;
    const skew = ((counts[i] as Map<string, number>).get(value) ?? 0) + (selfMatch[i] as number) - (minCounts[i] as number);
    if (skew > c.maxSkew) return filterReasons.spreadConstraintsNotMatch;
  }
  return null;
}

/**
 * Normalised scores (0-100) of the pod's own ScheduleAnyway constraints for `feasible`, in order;
 * null when the pod has none (the plugin is skipped and every node scores 0).
 */
export function podOwnSpreadScores(pod: PodView, feasible: readonly NodeView[], allNodes: readonly NodeView[]): number[] | null {
  const constraints = podSpreadConstraints(pod, 'ScheduleAnyway');
  if (constraints.length === 0) return null;
  const ignored = feasible.map((n) => !hasAllTopologyKeys(n, constraints));
  const hostname = 'kubernetes.io/hostname';
  // Domains present among the feasible nodes; counts are gathered only for them (PreScore).
  const counts = constraints.map(() => new Map<string, number>());
  let scoredNodes = 0;
  feasible.forEach((n, k) => {
    if (ignored[k]) return;
    scoredNodes++;
    constraints.forEach((c, i) => {
      if (c.topologyKey !== hostname) (counts[i] as Map<string, number>).set(n.labels[c.topologyKey] as string, 0);
    });
  });
  const memos = constraints.map(() => new Map<PodGroup, boolean>());
  for (const node of allNodes) {
    if (!hasAllTopologyKeys(node, constraints)) continue;
    constraints.forEach((c, i) => {
      if (c.topologyKey === hostname || !includesNode(c, pod, node)) return;
      const m = counts[i] as Map<string, number>;
      const v = node.labels[c.topologyKey] as string;
      const cur = m.get(v);
      if (cur !== undefined) m.set(v, cur + countMatchingPods(node, c.selector, pod.namespace, memos[i] as Map<PodGroup, boolean>));
    });
  }
  const weights = constraints.map((c, i) => Math.log((c.topologyKey === hostname ? scoredNodes : (counts[i] as Map<string, number>).size) + 2));
  const raw = feasible.map((n, k) => {
    if (ignored[k]) return 0;
    let s = 0;
    constraints.forEach((c, i) => {
      const cnt =
        c.topologyKey === hostname
          ? countMatchingPods(n, c.selector, pod.namespace, memos[i] as Map<PodGroup, boolean>)
          : ((counts[i] as Map<string, number>).get(n.labels[c.topologyKey] as string) ?? 0);
      s += cnt * (weights[i] as number) + (c.maxSkew - 1);
    });
    return Math.round(s);
  });
  let min = Infinity;
  let max = 0;
  raw.forEach((s, k) => {
    if (ignored[k]) return;
    min = Math.min(min, s);
    max = Math.max(max, s);
  });
  const M = schedulerDefaults.maxNodeScore;
  return raw.map((s, k) => (ignored[k] ? 0 : max === 0 ? M : Math.trunc((M * (max + min - s)) / max)));
}
