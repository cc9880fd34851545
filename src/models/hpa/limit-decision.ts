/** ScalingLimited reasons (docs/models/hpa.md#conditions-and-events). */
export type HpaLimitReason = 'DesiredWithinRange' | 'TooFewReplicas' | 'TooManyReplicas' | 'ScaleUpLimit' | 'ScaleDownLimit';

/** Result of a min/max/rate clamp: the value, why, and upstream's condition message. */
export interface HpaLimitDecision {
  readonly replicas: number;
  readonly reason: HpaLimitReason;
  readonly message: string;
}

/** Condition messages per reason, verbatim from horizontal.go. */
export const LIMIT_MESSAGES: Readonly<Record<HpaLimitReason, string>> = {
  DesiredWithinRange: 'the desired count is within the acceptable range',
  TooFewReplicas: 'the desired replica count is less than the minimum replica count',
  TooManyReplicas: 'the desired replica count is more than the maximum replica count',
  ScaleUpLimit: 'the desired replica count is increasing faster than the maximum scale rate',
  ScaleDownLimit: 'the desired replica count is decreasing faster than the maximum scale rate',
};

/** Builds an {@link HpaLimitDecision} with the upstream message for `reason`. */
export function limitDecision(replicas: number, reason: HpaLimitReason): HpaLimitDecision {
  return { replicas, reason, message: LIMIT_MESSAGES[reason] };
}
