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
export { preemptionDefaults } from './defaults.js';
export { podPriority, podStartMs, compareImportance } from './pod-priority.js';
export type { TimedPod } from './pod-priority.js';
export { prioritySort } from './queue-sort.js';
export type { QueuedPod } from './queue-sort.js';
export { nodeWithoutPods } from './node-without-pods.js';
export { selectVictimsOnNode, filterPodsWithPdbViolation, noVictimsMessage } from './select-victims-on-node.js';
export type { PreemptionFits, SelectVictimsResult } from './select-victims-on-node.js';
export { pickOneNodeForPreemption } from './pick-one-node-for-preemption.js';
export type { PreemptionCandidate } from './pick-one-node-for-preemption.js';
export { preempt, dryRunPreemption, podEligibleToPreemptOthers, calculateNumCandidates, preemptionNotHelpfulMessage } from './preemption.js';
export type { PreemptInput, PreemptionDecision, PreemptionNode, PreemptedEvent, NominatedNodeState } from './preemption.js';
