import { recordRecommendation, type HpaStabilization } from './stabilize-recommendation.js';
import type { HpaRecommendation } from './types.js';

/** Inputs of {@link stabilizeRecommendationWithBehaviors}. */
export interface HpaBehaviorStabilizationInput {
  readonly recommendations: readonly HpaRecommendation[];
  readonly currentReplicas: number;
  /** Unstabilized desired count from the metrics. */
  readonly desiredReplicas: number;
  readonly scaleUpWindowMs: number;
  readonly scaleDownWindowMs: number;
  readonly nowMs: number;
}

/** Stabilized value plus the AbleToScale reason/message to use if it differs from desired. */
export interface HpaBehaviorStabilization extends HpaStabilization {
  readonly reason: 'ScaleUpStabilized' | 'ScaleDownStabilized';
  readonly message: string;
}

/**
 * Behavior stabilization (`stabilizeRecommendationWithBehaviors`, docs/models/hpa.md#behavior): upFloor = min of
 * desired and recommendations STRICTLY newer than now − upWindow; downCeil = max of desired and
 * those strictly newer than now − downWindow; result = current raised to upFloor, then lowered
 * to downCeil. The unstabilized desired count overwrites the last entry older than both windows,
 * or is appended.
 */
export function stabilizeRecommendationWithBehaviors(input: HpaBehaviorStabilizationInput): HpaBehaviorStabilization {
  const { recommendations, desiredReplicas, nowMs } = input;
  const upCutoffMs = nowMs - input.scaleUpWindowMs;
  const downCutoffMs = nowMs - input.scaleDownWindowMs;
  let upFloor = desiredReplicas;
  let downCeil = desiredReplicas;
  let oldIndex = -1;
  recommendations.forEach((rec, i) => {
    if (rec.timeMs > upCutoffMs) upFloor = Math.min(rec.replicas, upFloor);
    if (rec.timeMs > downCutoffMs) downCeil = Math.max(rec.replicas, downCeil);
    if (rec.timeMs < upCutoffMs && rec.timeMs < downCutoffMs) oldIndex = i;
  });

  let replicas = input.currentReplicas;
  if (replicas < upFloor) replicas = upFloor;
  if (replicas > downCeil) replicas = downCeil;

  const scalingUp = desiredReplicas >= input.currentReplicas;
  return {
    replicas,
    recommendations: recordRecommendation(recommendations, oldIndex, desiredReplicas, nowMs),
    reason: scalingUp ? 'ScaleUpStabilized' : 'ScaleDownStabilized',
    message: scalingUp
      ? 'recent recommendations were lower than current one, applying the lowest recent recommendation'
      : 'recent recommendations were higher than current one, applying the highest recent recommendation',
  };
}
