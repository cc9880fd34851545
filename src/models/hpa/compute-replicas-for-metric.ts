import { externalMetricReplicas } from './external-metric-replicas.js';
import type { HpaPodGroupingTimes } from './group-pods.js';
import { objectMetricReplicas } from './object-metric-replicas.js';
import type { Outcome } from './outcome.js';
import { podsMetricReplicas } from './pods-metric-replicas.js';
import { resourceMetricReplicas } from './resource-metric-replicas.js';
import type {
  HpaMetricProposal,
  HpaMetricResult,
  HpaMetricSpec,
  HpaPodObservation,
  HpaTolerances,
} from './types.js';

/** What every metric of one sync reads. */
export interface HpaMetricContext {
  readonly specReplicas: number;
  readonly statusReplicas: number;
  readonly pods: readonly HpaPodObservation[];
  readonly objectMetrics: Readonly<Record<string, number>>;
  readonly externalMetrics: Readonly<Record<string, readonly number[]>>;
  readonly tolerances: HpaTolerances;
  readonly times: HpaPodGroupingTimes;
}

/** ScalingActive=False reason per metric source type when the metric fails (horizontal.go). */
const FAILURE_REASON: Readonly<Record<string, string>> = {
  Resource: 'FailedGetResourceMetric',
  Pods: 'FailedGetPodsMetric',
  Object: 'FailedGetObjectMetric',
  External: 'FailedGetExternalMetric',
};

/**
 * One metric's proposal (`computeReplicasForMetric`), never throwing: a failure becomes a result
 * with `replicas: null`, the upstream ScalingActive reason and the error text. An unknown source
 * type (only reachable from hand-built specs) fails with `InvalidMetricSourceType`.
 */
export function computeReplicasForMetric(metric: HpaMetricSpec, ctx: HpaMetricContext): HpaMetricResult {
  const outcome = proposeForMetric(metric, ctx);
  const name = metricName(metric);
  const reason = FAILURE_REASON[metric.type] ?? 'InvalidMetricSourceType';
  if (outcome === null) {
    return failed(metric, name, reason, `unknown metric source type "${String(metric.type)}"`);
  }
  if (!outcome.ok) return failed(metric, name, reason, outcome.error);
  const { replicas, current, description } = outcome.value;
  return { type: metric.type, name, replicas, description, current, failureReason: null, message: '' };
}

function proposeForMetric(metric: HpaMetricSpec, ctx: HpaMetricContext): Outcome<HpaMetricProposal> | null {
  const { pods, tolerances, times } = ctx;
  switch (metric.type) {
    case 'Resource':
      return resourceMetricReplicas({ source: metric.resource, currentReplicas: ctx.specReplicas, pods, tolerances, times });
    case 'Pods':
      return podsMetricReplicas({ source: metric.pods, currentReplicas: ctx.specReplicas, pods, tolerances, times });
    case 'Object':
      return objectMetricReplicas({
        source: metric.object,
        valueMilli: ctx.objectMetrics[metric.object.metric.name],
        specReplicas: ctx.specReplicas,
        statusReplicas: ctx.statusReplicas,
        pods,
        tolerances,
      });
    case 'External':
      return externalMetricReplicas({
        source: metric.external,
        seriesMilli: ctx.externalMetrics[metric.external.metric.name],
        specReplicas: ctx.specReplicas,
        statusReplicas: ctx.statusReplicas,
        pods,
        tolerances,
      });
    default:
      return null;
  }
}

function metricName(metric: HpaMetricSpec): string {
  switch (metric.type) {
    case 'Resource':
      return metric.resource.name;
    case 'Pods':
      return metric.pods.metric.name;
    case 'Object':
      return metric.object.metric.name;
    case 'External':
      return metric.external.metric.name;
    default:
      return String((metric as { type?: unknown }).type);
  }
}

function failed(metric: HpaMetricSpec, name: string, reason: string, message: string): HpaMetricResult {
  return { type: metric.type, name, replicas: null, description: '', current: null, failureReason: reason, message };
}
