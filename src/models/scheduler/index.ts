export * from './types.js';
export { schedulerDefaults, labels, taintKeys, filterReasons, untoleratedTaintReason } from './defaults.js';
export type { ScoringStrategy } from './defaults.js';
export { toleratesTaint, isTolerated, effectiveTaints, findUntoleratedTaint, countIntolerablePreferNoSchedule } from './taint-toleration.js';
export { matchesRequirement, matchesTerm, matchesNodeSelectorAndAffinity, preferredAffinityWeight } from './node-affinity.js';
export { filterNode, fitsResources, formatFitError, preFilter, findFittingNode, clusterFilterReason, NO_CLUSTER_FILTERS } from './filter-node.js';
export type { FilterResult, FilterState } from './filter-node.js';
export { matchesLabelSelector, matchesLabelRequirement, withLabelKeys } from './label-selector.js';
export { podGroupOf } from './scheduling-context.js';
export type { SchedulingContext } from './scheduling-context.js';
export { resolveTerm, termMatches, resolveAffinity } from './affinity-term.js';
export type { ResolvedTerm, ResolvedAffinity, PodIdentity } from './affinity-term.js';
export { podSpreadConstraints, preFilterTopologySpread, filterTopologySpread, podOwnSpreadScores } from './pod-topology-spread.js';
export type { SpreadConstraint, TopologySpreadFilterState } from './pod-topology-spread.js';
export { preFilterInterPodAffinity, filterInterPodAffinity } from './inter-pod-affinity.js';
export type { InterPodAffinityFilterState } from './inter-pod-affinity.js';
export { interPodAffinityScores } from './inter-pod-affinity-score.js';
export {
  leastAllocatedResourceScore,
  mostAllocatedResourceScore,
  weightedResourceScore,
  balancedAllocationScore,
} from './resource-scores.js';
export { topologySpreadScores, hasDefaultSpreadConstraints } from './topology-spread-score.js';
export { scoreNodes, nonZeroRequests, resourceFitScore, balancedScore } from './score-nodes.js';
export type { ScoreOptions, ScoreWeights, NodeScore } from './score-nodes.js';
export { selectNode } from './select-node.js';
export type { SelectNodeResult, SelectNodeReason } from './select-node.js';
export { PlacementSnapshot, withForkedSnapshot, adjustGroups } from './placement-snapshot.js';
