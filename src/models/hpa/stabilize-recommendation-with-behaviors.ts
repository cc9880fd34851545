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
  /** `recommendations` may be updated in place (HpaSyncInput.ownsHistory). @default false */
  readonly ownsHistory?: boolean;
}

/** Stabilized value plus the AbleToScale reason/message to use if it differs from desired. */
export interface HpaBehaviorStabilization extends HpaStabilization {
  /** One object for every sync that gives them. */
  readonly note: { readonly reason: 'ScaleUpStabilized' | 'ScaleDownStabilized'; readonly message: string };
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
  for (let i = 0; i < recommendations.length; i++) {
    const rec = recommendations[i]!;
    if (rec.timeMs > upCutoffMs) upFloor = Math.min(rec.replicas, upFloor);
    if (rec.timeMs > downCutoffMs) downCeil = Math.max(rec.replicas, downCeil);
    if (rec.timeMs < upCutoffMs && rec.timeMs < downCutoffMs) oldIndex = i;
  }

  let replicas = input.currentReplicas;
  if (replicas < upFloor) replicas = upFloor;
  if (replicas > downCeil) replicas = downCeil;

  const note = desiredReplicas >= input.currentReplicas ? scaleUpStabilized : scaleDownStabilized;
  return { replicas, recommendations: recordRecommendation(recommendations, oldIndex, desiredReplicas, nowMs, input.ownsHistory), note };
}

/** The AbleToScale reasons and messages of behavior stabilization (upstream's wording). */
const scaleUpStabilized = {
  reason: 'ScaleUpStabilized',
  message: 'recent recommendations were lower than current one, applying the lowest recent recommendation',
} as const;
const scaleDownStabilized = {
  reason: 'ScaleDownStabilized',
  message: 'recent recommendations were higher than current one, applying the highest recent recommendation',
} as const;
