export * from './types.js';
export { schedulerDefaults, labels, taintKeys, filterReasons, untoleratedTaintReason } from './defaults.js';
export type { ScoringStrategy } from './defaults.js';
export { toleratesTaint, isTolerated, effectiveTaints, findUntoleratedTaint, countIntolerablePreferNoSchedule } from './taint-toleration.js';
export { matchesRequirement, matchesTerm, matchesNodeSelectorAndAffinity, preferredAffinityWeight } from './node-affinity.js';
export { filterNode, fitsResources, formatFitError } from './filter-node.js';
export type { FilterResult } from './filter-node.js';
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
export { PlacementSnapshot, withForkedSnapshot } from './placement-snapshot.js';
