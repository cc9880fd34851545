import { DEFAULT_SCALE_DOWN_RULES, DEFAULT_SCALE_UP_RULES } from './defaults.js';
import type { HpaBehavior, HpaScalingPolicy, HpaScalingRules, HpaSelectPolicy } from './types.js';

/** `HPAScalingRules` as written: every field optional. */
export interface HpaScalingRulesInput {
  readonly stabilizationWindowSeconds?: number | null;
  readonly selectPolicy?: HpaSelectPolicy | null;
  readonly policies?: readonly HpaScalingPolicy[] | null;
  readonly tolerance?: number | null;
}

/** `spec.behavior` as written. */
export interface HpaBehaviorInput {
  readonly scaleUp?: HpaScalingRulesInput | null;
  readonly scaleDown?: HpaScalingRulesInput | null;
}

function copyScalingRules(from: HpaScalingRulesInput | null | undefined, to: HpaScalingRules): HpaScalingRules {
  if (from === null || from === undefined) return to;
  return {
    stabilizationWindowSeconds: from.stabilizationWindowSeconds ?? to.stabilizationWindowSeconds,
    selectPolicy: from.selectPolicy ?? to.selectPolicy,
    // A written empty list stays empty (Go copies any non-nil slice).
    policies: from.policies ?? to.policies,
    tolerance: from.tolerance ?? to.tolerance,
  };
}

/**
 * API defaulting of `spec.behavior` (`SetDefaults_HorizontalPodAutoscalerBehavior`,
 * pkg/apis/autoscaling/v2/defaults.go; docs/models/hpa.md#behavior). No behavior stays `null` (the legacy path);
 * otherwise each unset field of each direction takes its default one by one, and a missing
 * direction gets the full defaults. The scale-down window stays `null` when unset: the
 * controller's downscale-stabilization flag applies at sync time.
 */
export function resolveHpaBehavior(input: HpaBehaviorInput | null | undefined): HpaBehavior | null {
  if (input === null || input === undefined) return null;
  return {
    scaleUp: copyScalingRules(input.scaleUp, DEFAULT_SCALE_UP_RULES),
    scaleDown: copyScalingRules(input.scaleDown, DEFAULT_SCALE_DOWN_RULES),
  };
}
