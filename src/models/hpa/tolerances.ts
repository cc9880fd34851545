import type { HpaControllerConfig, HpaSpec, HpaTolerances } from './types.js';

/**
 * Tolerances of one HPA (`tolerancesForHpa` in horizontal.go): the controller flag for both
 * directions, overridden per direction by `behavior.scaleUp/scaleDown.tolerance` only when the
 * HPA has a behavior block and the `HPAConfigurableTolerance` gate is on (docs/models/hpa.md#tolerance).
 */
export function tolerancesForHpa(spec: HpaSpec, config: HpaControllerConfig): HpaTolerances {
  const flag = config.tolerance;
  const behavior = spec.behavior;
  if (behavior === null || !config.configurableToleranceEnabled) {
    return { scaleUp: flag, scaleDown: flag };
  }
  return {
    scaleUp: behavior.scaleUp.tolerance ?? flag,
    scaleDown: behavior.scaleDown.tolerance ?? flag,
  };
}

/**
 * `Tolerances.isWithin`: both ends inclusive. NaN (0/0 ratios) is never within, as in Go.
 */
export function isWithinTolerance(usageRatio: number, tolerances: HpaTolerances): boolean {
  return 1.0 - tolerances.scaleDown <= usageRatio && usageRatio <= 1.0 + tolerances.scaleUp;
}
