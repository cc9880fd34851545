import { convertDesiredReplicasWithBehaviorRate } from './convert-desired-replicas-with-behavior-rate.js';
import { convertDesiredReplicasWithRules } from './convert-desired-replicas-with-rules.js';
import type { HpaLimitDecision } from './limit-decision.js';
import { stabilizeRecommendationWithBehaviors } from './stabilize-recommendation-with-behaviors.js';
import { stabilizeRecommendation, type HpaStabilization } from './stabilize-recommendation.js';
import type { HpaControllerConfig, HpaRecommendation, HpaScaleEvent, HpaSpec } from './types.js';

/** Inputs of {@link normalizeDesiredReplicas}. */
export interface HpaNormalizationInput {
  readonly spec: HpaSpec;
  readonly config: HpaControllerConfig;
  readonly currentReplicas: number;
  /** Desired count from the metrics, before stabilization and limits. */
  readonly prenormalizedReplicas: number;
  readonly recommendations: readonly HpaRecommendation[];
  readonly scaleUpEvents: readonly HpaScaleEvent[];
  readonly scaleDownEvents: readonly HpaScaleEvent[];
  readonly nowMs: number;
  /** `recommendations` may be updated in place (HpaSyncInput.ownsHistory). @default false */
  readonly ownsHistory?: boolean;
}

/** Normalized count, the history to keep and the conditions normalization writes. */
export interface HpaNormalization {
  readonly replicas: number;
  readonly stabilizedReplicas: number;
  readonly recommendations: readonly HpaRecommendation[];
  /** AbleToScale (True) reason and message from the stabilization step. */
  readonly ableToScale: { readonly reason: string; readonly message: string };
  /** ScalingLimited: True iff the limit changed the stabilized value. */
  readonly scalingLimited: HpaLimitDecision & { readonly status: 'True' | 'False' };
}

const READY_FOR_NEW_SCALE = { reason: 'ReadyForNewScale', message: 'recommended size matches current size' };
const LEGACY_STABILIZED = {
  reason: 'ScaleDownStabilized',
  message: 'recent recommendations were higher than current one, applying the highest recent recommendation',
};

/**
 * Stabilize, then limit: the legacy path (`normalizeDesiredReplicas`, docs/models/hpa.md#legacy-normalization-no-behavior) when the spec
 * has no behavior, otherwise `normalizeDesiredReplicasWithBehaviors` (§6). Pure: the updated
 * recommendation history comes back in the result.
 */
export function normalizeDesiredReplicas(input: HpaNormalizationInput): HpaNormalization {
  const { spec, config, currentReplicas, prenormalizedReplicas, nowMs } = input;
  const behavior = spec.behavior;
  if (behavior === null) {
    const stabilized = stabilizeRecommendation(
      input.recommendations,
      prenormalizedReplicas,
      nowMs,
      config.downscaleStabilizationWindowMs,
      input.ownsHistory,
    );
    const limited = convertDesiredReplicasWithRules({
      currentReplicas,
      desiredReplicas: stabilized.replicas,
      minReplicas: spec.minReplicas,
      maxReplicas: spec.maxReplicas,
      scaleUpLimitFactor: config.scaleUpLimitFactor,
      scaleUpLimitMinimum: config.scaleUpLimitMinimum,
    });
    return normalization(prenormalizedReplicas, stabilized, LEGACY_STABILIZED, limited);
  }

  const stabilized = stabilizeRecommendationWithBehaviors({
    recommendations: input.recommendations,
    currentReplicas,
    desiredReplicas: prenormalizedReplicas,
    scaleUpWindowMs: (behavior.scaleUp.stabilizationWindowSeconds ?? 0) * 1000,
    // maybeInitScaleDownStabilizationWindow: an unset scale-down window is the controller flag.
    scaleDownWindowMs:
      behavior.scaleDown.stabilizationWindowSeconds === null
        ? config.downscaleStabilizationWindowMs
        : behavior.scaleDown.stabilizationWindowSeconds * 1000,
    nowMs,
    ownsHistory: input.ownsHistory,
  });
  const limited = convertDesiredReplicasWithBehaviorRate({
    currentReplicas,
    desiredReplicas: stabilized.replicas,
    minReplicas: spec.minReplicas,
    maxReplicas: spec.maxReplicas,
    scaleUp: behavior.scaleUp,
    scaleDown: behavior.scaleDown,
    history: { scaleUpEvents: input.scaleUpEvents, scaleDownEvents: input.scaleDownEvents, nowMs },
  });
  return normalization(prenormalizedReplicas, stabilized, stabilized.note, limited);
}

/** AbleToScale reflects whether stabilization changed the value, ScalingLimited whether the limit did. */
function normalization(
  prenormalizedReplicas: number,
  stabilized: HpaStabilization,
  ifStabilized: { readonly reason: string; readonly message: string },
  limited: HpaLimitDecision,
): HpaNormalization {
  return {
    replicas: limited.replicas,
    stabilizedReplicas: stabilized.replicas,
    recommendations: stabilized.recommendations,
    // The note itself rather than a copy at every sync.
    ableToScale: stabilized.replicas !== prenormalizedReplicas ? ifStabilized : READY_FOR_NEW_SCALE,
    scalingLimited: {
      replicas: limited.replicas,
      reason: limited.reason,
      message: limited.message,
      status: limited.replicas === stabilized.replicas ? 'False' : 'True',
    },
  };
}
