import { containerResourceMetricReplicas } from './container-resource-metric-replicas.js';
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
  ContainerResource: 'FailedGetContainerResourceMetric',
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
  // Literals, not spreads of a shared input: a spread copies through V8's slow path, every sync.
  const { pods, tolerances, times, specReplicas, statusReplicas } = ctx;
  switch (metric.type) {
    case 'Resource':
      return resourceMetricReplicas({ currentReplicas: specReplicas, pods, tolerances, times, source: metric.resource });
    case 'ContainerResource':
      return containerResourceMetricReplicas({ currentReplicas: specReplicas, pods, tolerances, times, source: metric.containerResource });
    case 'Pods':
      return podsMetricReplicas({ currentReplicas: specReplicas, pods, tolerances, times, source: metric.pods });
    case 'Object': {
      const fetched = ctx.objectMetrics[metric.object.metric.name];
      return objectMetricReplicas({ specReplicas, statusReplicas, pods, tolerances, source: metric.object, fetched });
    }
    case 'External': {
      const fetched = ctx.externalMetrics[metric.external.metric.name];
      return externalMetricReplicas({ specReplicas, statusReplicas, pods, tolerances, source: metric.external, fetched });
    }
    default:
      return null;
  }
}

function metricName(metric: HpaMetricSpec): string {
  if (metric.type === 'Resource') return metric.resource.name;
  if (metric.type === 'ContainerResource') return metric.containerResource.name;
  if (metric.type === 'Pods') return metric.pods.metric.name;
  if (metric.type === 'Object') return metric.object.metric.name;
  if (metric.type === 'External') return metric.external.metric.name;
  return String((metric as { type?: unknown }).type);
}

function failed(metric: HpaMetricSpec, name: string, reason: string, message: string): HpaMetricResult {
  return { type: metric.type, name, replicas: null, description: '', current: null, failureReason: reason, message };
}
