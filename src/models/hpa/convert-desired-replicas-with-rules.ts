import { limitDecision, type HpaLimitDecision } from './limit-decision.js';

/** Inputs of {@link convertDesiredReplicasWithRules}. */
export interface HpaLegacyClampInput {
  readonly currentReplicas: number;
  readonly desiredReplicas: number;
  readonly minReplicas: number;
  readonly maxReplicas: number;
  /** Production 2 (`scaleUpLimitFactor`); upstream unit tests use 8. */
  readonly scaleUpLimitFactor: number;
  /** Production 4 (`scaleUpLimitMinimum`). */
  readonly scaleUpLimitMinimum: number;
}

/**
 * `calculateScaleUpLimit`: int(max(factor × current, minimum)), per sync, no periods or events.
 */
export function calculateLegacyScaleUpLimit(currentReplicas: number, factor: number, minimum: number): number {
  return Math.trunc(Math.max(factor * currentReplicas, minimum));
}

/**
 * Legacy clamp (`convertDesiredReplicasWithRules`, behavior == nil, docs/models/hpa.md#legacy-normalization-no-behavior): the upper
 * bound is the scale-up cap when it is below maxReplicas (ScaleUpLimit), else maxReplicas
 * (TooManyReplicas); below minReplicas → TooFewReplicas.
 */
export function convertDesiredReplicasWithRules(input: HpaLegacyClampInput): HpaLimitDecision {
  const scaleUpLimit = calculateLegacyScaleUpLimit(input.currentReplicas, input.scaleUpLimitFactor, input.scaleUpLimitMinimum);
  const capped = input.maxReplicas > scaleUpLimit;
  const maximumAllowed = capped ? scaleUpLimit : input.maxReplicas;
  if (input.desiredReplicas < input.minReplicas) return limitDecision(input.minReplicas, 'TooFewReplicas');
  if (input.desiredReplicas > maximumAllowed) {
    return limitDecision(maximumAllowed, capped ? 'ScaleUpLimit' : 'TooManyReplicas');
  }
  return limitDecision(input.desiredReplicas, 'DesiredWithinRange');
}
