import { limitDecision, type HpaLimitDecision } from './limit-decision.js';
import { replicasChangePerPeriod } from './scale-events.js';
import type { HpaScaleEvent, HpaScalingRules } from './types.js';

const INT32_MAX = 2_147_483_647;
const INT32_MIN = -2_147_483_648;

/** The event history a rate limit looks back on. */
export interface HpaScaleHistory {
  readonly scaleUpEvents: readonly HpaScaleEvent[];
  readonly scaleDownEvents: readonly HpaScaleEvent[];
  readonly nowMs: number;
}

/** Replicas at the start of a policy period: both lists count, in both directions (docs/models/hpa.md#behavior). */
function periodStartReplicas(currentReplicas: number, periodSeconds: number, history: HpaScaleHistory): number {
  const added = replicasChangePerPeriod(history.scaleUpEvents, periodSeconds, history.nowMs);
  const deleted = replicasChangePerPeriod(history.scaleDownEvents, periodSeconds, history.nowMs);
  return currentReplicas - added + deleted;
}

/**
 * Runs every policy from its period start and keeps the largest or the smallest proposal;
 * Disabled → current. Starting values are Go's int32 rails, as upstream.
 */
function selectPolicyLimit(
  currentReplicas: number,
  rules: HpaScalingRules,
  history: HpaScaleHistory,
  keepLargest: boolean,
  propose: (start: number, type: 'Pods' | 'Percent', value: number) => number,
): number {
  if (rules.selectPolicy === 'Disabled') return currentReplicas;
  let result = keepLargest ? INT32_MIN : INT32_MAX;
  for (const policy of rules.policies) {
    const proposed = propose(periodStartReplicas(currentReplicas, policy.periodSeconds, history), policy.type, policy.value);
    result = keepLargest ? Math.max(result, proposed) : Math.min(result, proposed);
  }
  return result;
}

/**
 * `calculateScaleUpLimitWithScalingRules`: per policy, Pods → start + value, Percent →
 * ceil(start × (1 + value/100)); Max takes the largest, Min the smallest, Disabled → current.
 */
export function calculateScaleUpLimit(currentReplicas: number, rules: HpaScalingRules, history: HpaScaleHistory): number {
  return selectPolicyLimit(currentReplicas, rules, history, rules.selectPolicy !== 'Min', (start, type, value) =>
    type === 'Pods' ? start + value : Math.ceil(start * (1 + value / 100)),
  );
}

/**
 * `calculateScaleDownLimitWithBehaviors`: per policy, Pods → start − value, Percent →
 * trunc(start × (1 − value/100)) (toward zero, may go negative); Max takes the SMALLEST limit
 * (the biggest change), Min the largest, Disabled → current.
 */
export function calculateScaleDownLimit(currentReplicas: number, rules: HpaScalingRules, history: HpaScaleHistory): number {
  return selectPolicyLimit(currentReplicas, rules, history, rules.selectPolicy === 'Min', (start, type, value) =>
    type === 'Pods' ? start - value : Math.trunc(start * (1 - value / 100)),
  );
}

/** Inputs of {@link convertDesiredReplicasWithBehaviorRate}. */
export interface HpaBehaviorRateInput {
  readonly currentReplicas: number;
  /** The stabilized desired count. */
  readonly desiredReplicas: number;
  readonly minReplicas: number;
  readonly maxReplicas: number;
  readonly scaleUp: HpaScalingRules;
  readonly scaleDown: HpaScalingRules;
  readonly history: HpaScaleHistory;
}

/**
 * Behavior rate limits and clamp (`convertDesiredReplicasWithBehaviorRate`, docs/models/hpa.md#behavior).
 * A limit that would reverse direction is pinned to current; the max bound is applied only when
 * scaling up and the min bound only when scaling down (current is already within [min, max]).
 */
export function convertDesiredReplicasWithBehaviorRate(input: HpaBehaviorRateInput): HpaLimitDecision {
  const { currentReplicas, desiredReplicas } = input;
  if (desiredReplicas > currentReplicas) {
    const scaleUpLimit = Math.max(calculateScaleUpLimit(currentReplicas, input.scaleUp, input.history), currentReplicas);
    const rateBound = input.maxReplicas > scaleUpLimit;
    const maximumAllowed = rateBound ? scaleUpLimit : input.maxReplicas;
    if (desiredReplicas > maximumAllowed) {
      return limitDecision(maximumAllowed, rateBound ? 'ScaleUpLimit' : 'TooManyReplicas');
    }
  } else if (desiredReplicas < currentReplicas) {
    const scaleDownLimit = Math.min(
      calculateScaleDownLimit(currentReplicas, input.scaleDown, input.history),
      currentReplicas,
    );
    const rateBound = input.minReplicas < scaleDownLimit;
    const minimumAllowed = rateBound ? scaleDownLimit : input.minReplicas;
    if (desiredReplicas < minimumAllowed) {
      return limitDecision(minimumAllowed, rateBound ? 'ScaleDownLimit' : 'TooFewReplicas');
    }
  }
  return limitDecision(desiredReplicas, 'DesiredWithinRange');
}
