export * from './defaults.js';
export type * from './types.js';
export { syncHpa, initialHpaControllerState, conditionsByType } from './sync-hpa.js';
export { resolveHpaBehavior, type HpaBehaviorInput, type HpaScalingRulesInput } from './resolve-behavior.js';
export { tolerancesForHpa, isWithinTolerance } from './tolerances.js';
export { classifyPod, groupPods, type HpaPodGroup, type HpaPodGrouping, type HpaPodGroupingTimes, type HpaSampleTiming } from './group-pods.js';
export { computeReplicasForMetrics, type HpaMetricsProposal, type HpaScalingActiveVerdict } from './compute-replicas-for-metrics.js';
export { computeReplicasForMetric, type HpaMetricContext } from './compute-replicas-for-metric.js';
export { normalizeDesiredReplicas, type HpaNormalization, type HpaNormalizationInput } from './normalize-desired-replicas.js';
export { stabilizeRecommendation, type HpaStabilization } from './stabilize-recommendation.js';
export { stabilizeRecommendationWithBehaviors, type HpaBehaviorStabilization, type HpaBehaviorStabilizationInput } from './stabilize-recommendation-with-behaviors.js';
export { convertDesiredReplicasWithRules, calculateLegacyScaleUpLimit, type HpaLegacyClampInput } from './convert-desired-replicas-with-rules.js';
export {
  convertDesiredReplicasWithBehaviorRate,
  calculateScaleUpLimit,
  calculateScaleDownLimit,
  type HpaBehaviorRateInput,
  type HpaScaleHistory,
} from './convert-desired-replicas-with-behavior-rate.js';
export { storeScaleEvent, replicasChangePerPeriod, longestPolicyPeriodSeconds } from './scale-events.js';
export { type HpaLimitDecision, type HpaLimitReason } from './limit-decision.js';
