import { fail, ok, type Outcome } from './outcome.js';
import { toMilli } from './to-milli.js';
import type { HpaExternalMetricSpec, HpaMetricProposal } from './types.js';
import { perPodTargetReplicas, valueTargetReplicas, type HpaValueMetricInput } from './value-metric-replicas.js';

const INT64_MAX = 9_223_372_036_854_775_807n;

/** Inputs of an External metric: `fetched` holds every returned series (empty = failed). */
export type HpaExternalMetricInput = HpaValueMetricInput<HpaExternalMetricSpec['external'], readonly number[]>;

/**
 * An External metric's proposal (`computeStatusForExternalMetric`): the series are summed
 * (capped at MaxInt64), then Value → {@link valueTargetReplicas}, AverageValue →
 * {@link perPodTargetReplicas} (docs/models/hpa.md#object-and-external-metrics).
 */
export function externalMetricReplicas(input: HpaExternalMetricInput): Outcome<HpaMetricProposal> {
  const { source, fetched: seriesMilli } = input;
  const name = source.metric.name;
  const target = source.target;
  const description = `external metric ${name}(nil)`;
  if (seriesMilli === undefined || seriesMilli.length === 0) {
    const fetchError = `unable to get external metric ${name}: no metrics returned from external metrics API`;
    return fail(target.type === 'Value' ? fetchError : `failed to get ${name} external metric: ${fetchError}`);
  }
  let total = 0n;
  for (const value of seriesMilli) {
    total += toMilli(value, `external metric ${name} series`);
    if (total > INT64_MAX) {
      total = INT64_MAX;
      break;
    }
  }
  const usageMilli = Number(total);
  if (target.type === 'Value') {
    const replicas = valueTargetReplicas(input.specReplicas, usageMilli / target.value, input.tolerances, input.pods);
    if (!replicas.ok) return replicas;
    return ok({
      replicas: replicas.value,
      current: { averageUtilization: null, averageValueMilli: null, valueMilli: usageMilli },
      description,
    });
  }
  const proposal = perPodTargetReplicas(input.statusReplicas, usageMilli, target.averageValue, input.tolerances);
  return ok({
    replicas: proposal.replicas,
    current: { averageUtilization: null, averageValueMilli: proposal.perPodUsageMilli, valueMilli: null },
    description,
  });
}
