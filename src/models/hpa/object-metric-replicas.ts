import { fail, ok, type Outcome } from './outcome.js';
import { toMilli } from './to-milli.js';
import type { HpaMetricProposal, HpaObjectMetricSpec } from './types.js';
import { perPodTargetReplicas, valueTargetReplicas, type HpaValueMetricInput } from './value-metric-replicas.js';

/** Inputs of an Object metric: `fetched` is the object's value. */
export type HpaObjectMetricInput = HpaValueMetricInput<HpaObjectMetricSpec['object'], number>;

/**
 * An Object metric's proposal (`computeStatusForObjectMetric`): Value target → ratio value/target
 * through {@link valueTargetReplicas} with spec replicas; AverageValue target →
 * {@link perPodTargetReplicas} with status replicas (docs/models/hpa.md#object-and-external-metrics).
 */
export function objectMetricReplicas(input: HpaObjectMetricInput): Outcome<HpaMetricProposal> {
  const { source, fetched: valueMilli } = input;
  const name = source.metric.name;
  const kind = source.describedObject?.kind ?? 'Object';
  const objectName = source.describedObject?.name ?? '';
  const fetchError = `unable to get metric ${name} on ${kind} ${objectName}: no value returned from custom metrics API`;
  const target = source.target;
  const usageMilli = valueMilli === undefined ? undefined : Number(toMilli(valueMilli, `object metric ${name}`));
  if (target.type === 'Value') {
    if (usageMilli === undefined) return fail(fetchError);
    const replicas = valueTargetReplicas(input.specReplicas, usageMilli / target.value, input.tolerances, input.pods);
    if (!replicas.ok) return replicas;
    return ok({
      replicas: replicas.value,
      current: { averageUtilization: null, averageValueMilli: null, valueMilli: usageMilli },
      description: `${kind} metric ${name}`,
    });
  }
  if (usageMilli === undefined) return fail(`failed to get ${name} object metric: ${fetchError}`);
  const proposal = perPodTargetReplicas(input.statusReplicas, usageMilli, target.averageValue, input.tolerances);
  return ok({
    replicas: proposal.replicas,
    current: { averageUtilization: null, averageValueMilli: proposal.perPodUsageMilli, valueMilli: null },
    // Upstream reuses the External wording here; kept verbatim so traces match real events.
    description: `external metric ${name}(nil)`,
  });
}
