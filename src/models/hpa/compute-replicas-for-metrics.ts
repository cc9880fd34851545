import { computeReplicasForMetric, type HpaMetricContext } from './compute-replicas-for-metric.js';
import type { HpaMetricResult, HpaMetricSpec } from './types.js';

/** The ScalingActive condition the combination writes. */
export interface HpaScalingActiveVerdict {
  readonly status: 'True' | 'False';
  readonly reason: string;
  readonly message: string;
}

/** Combined proposal of all metrics (`computeReplicasForMetrics`, docs/models/hpa.md#one-sync step 5). */
export interface HpaMetricsProposal {
  readonly metrics: readonly HpaMetricResult[];
  /** Largest valid proposal; `null` when the controller must not scale this sync. */
  readonly replicas: number | null;
  /** Description of the winning metric ("" when none won). */
  readonly metricName: string;
  /** `null` only when the spec lists no metrics (nothing to write). */
  readonly scalingActive: HpaScalingActiveVerdict | null;
  /** "invalid metrics (k invalid out of n), first error is: ..." when any metric failed. */
  readonly error: string | null;
}

/**
 * Proposes replicas from every metric and keeps the largest (a proposal also replaces a
 * running 0). Failed metrics block the sync when all fail, or when some fail and the valid
 * maximum is below spec replicas: never scale down on partial data. Otherwise ScalingActive
 * is True/ValidMetricFound even if some failed (a scale-up goes ahead with an error).
 */
export function computeReplicasForMetrics(specs: readonly HpaMetricSpec[], ctx: HpaMetricContext): HpaMetricsProposal {
  const metrics = specs.map((spec) => computeReplicasForMetric(spec, ctx));
  let replicas = 0;
  let metricName = '';
  let firstInvalid: HpaMetricResult | null = null;
  let invalidCount = 0;
  for (const metric of metrics) {
    if (metric.replicas === null) {
      firstInvalid ??= metric;
      invalidCount++;
      continue;
    }
    if (replicas === 0 || metric.replicas > replicas) {
      replicas = metric.replicas;
      metricName = metric.description;
    }
  }
  const error =
    firstInvalid === null
      ? null
      : `invalid metrics (${invalidCount} invalid out of ${specs.length}), first error is: ${firstInvalid.message}`;

  if (invalidCount >= specs.length || (invalidCount > 0 && replicas < ctx.specReplicas)) {
    const scalingActive =
      firstInvalid === null
        ? null
        : {
            status: 'False' as const,
            reason: firstInvalid.failureReason ?? 'InvalidMetricSourceType',
            message: `the HPA was unable to compute the replica count: ${firstInvalid.message}`,
          };
    return { metrics, replicas: null, metricName: '', scalingActive, error: error ?? 'no metrics to compute' };
  }
  return {
    metrics,
    replicas,
    metricName,
    scalingActive: {
      status: 'True',
      reason: 'ValidMetricFound',
      message: `the HPA was able to successfully calculate a replica count from ${metricName}`,
    },
    error,
  };
}
