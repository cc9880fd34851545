import type { HpaSampleRatio, HpaSampleSet } from './propose-from-pod-samples.js';

/** Average-value ratio plus the average the status reports. */
export interface HpaUsageRatio extends HpaSampleRatio {
  /** floor(Σvalue / n), milli-units. */
  readonly averageMilli: number;
}

/**
 * `GetMetricUsageRatio` (metrics/utilization.go): the average is truncated to an integer before
 * it is divided by the target (docs/models/hpa.md#averagevalue-targets-and-pods-metrics).
 */
export function metricUsageRatio(samples: HpaSampleSet, targetAverageMilli: number): HpaUsageRatio {
  let total = 0n;
  for (const value of samples.values()) total += value;
  const averageMilli = Number(total / BigInt(samples.size));
  return { ratio: averageMilli / targetAverageMilli, averageMilli };
}
