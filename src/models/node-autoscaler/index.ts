export * from './types.js';
export {
  clusterAutoscalerDefaults,
  resolveClusterAutoscalerOptions,
  provisioningDelayByProvider,
  sampleProvisioningDelayMs,
  caAnnotations,
} from './defaults.js';
export type { ClusterAutoscalerOptions } from './defaults.js';
export { buildTemplateNode } from './template-node.js';
export { buildClusterSnapshot, upcomingNodeCount } from './cluster-snapshot.js';
export { estimateNodeCount, orderPodsDecreasing } from './estimator.js';
export type { NodeEstimate } from './estimator.js';
export type { Expander, ExpanderContext } from './expanders/expander.js';
export { expanderRegistry, getExpander, chooseOption } from './expanders/expanders.js';
export { wastedScore } from './expanders/least-waste.js';
export { priceScore, preferredNodeCpu, podPriceUsdPerHour } from './expanders/price.js';
export { planScaleUp } from './plan-scale-up.js';
export type { ScaleUpInput, ScaleUpPlan, ScaleUpResult, PodScaleUpReason, Reasoned, GroupResize } from './plan-scale-up.js';
export { nodeUtilization } from './utilization.js';
export type { NodeUtilization } from './utilization.js';
export { podDrainDecision } from './drainability.js';
export type { PodDrainDecision, BlockingPodReason } from './drainability.js';
export { findUnneededNodes } from './find-unneeded-nodes.js';
export type { FindUnneededInput, FindUnneededResult, UnneededNode, Unremovable, UnremovableReason } from './find-unneeded-nodes.js';
export { planScaleDown, initialScaleDownState, recordScaleUp, recordScaleDownFailure } from './plan-scale-down.js';
export type { ScaleDownState, ScaleDownInput, ScaleDownCommand, ScaleDownPlan, ScaleDownResult, NodeScaleDownReason, NodeScaleDownStatus } from './plan-scale-down.js';
export { isNodeInfoSimilar, nodeGroupsSimilar, findSimilarNodeGroups, ignoredLabelsFor, templateNodeInfo, withinTolerance, basicIgnoredLabels, providerIgnoredLabels } from './compare-node-groups.js';
export type { NodeGroupDifferenceRatios, ComparableNode } from './compare-node-groups.js';
export { balanceScaleUpBetweenGroups } from './balance-scale-up.js';
export type { ScaleUpInfo, BalancedGroup } from './balance-scale-up.js';
