/**
 * The ONE place that maps an upstream vector (test/fixtures/hpa-vectors.json, docs/models/hpa.md#measured-accuracy) onto the HPA model.
 *
 * Vectors give times as "seconds before now"; the adapter fixes now at {@link VECTOR_NOW_MS}
 * and turns every `...SecAgo` into an absolute simulated time, so the "Hot" pods (started and
 * Ready 0 s ago, sample 0 s old, 60 s window) and "Cool" pods (180 s ago) of horizontal_test.go
 * keep their meaning. The per-container harness details (2 containers, 2·⌊level/2⌋ usage) are
 * already folded into the per-pod totals of the file.
 */
import { readFileSync } from 'node:fs';
import { computeReplicasForMetric } from '../../../src/models/hpa/compute-replicas-for-metric.js';
import { convertDesiredReplicasWithBehaviorRate, calculateScaleDownLimit, calculateScaleUpLimit } from '../../../src/models/hpa/convert-desired-replicas-with-behavior-rate.js';
import { convertDesiredReplicasWithRules } from '../../../src/models/hpa/convert-desired-replicas-with-rules.js';
import { DEFAULT_HPA_CONTROLLER_CONFIG } from '../../../src/models/hpa/defaults.js';
import { classifyPod } from '../../../src/models/hpa/group-pods.js';
import { resolveHpaBehavior, type HpaBehaviorInput } from '../../../src/models/hpa/resolve-behavior.js';
import { stabilizeRecommendationWithBehaviors } from '../../../src/models/hpa/stabilize-recommendation-with-behaviors.js';
import { stabilizeRecommendation } from '../../../src/models/hpa/stabilize-recommendation.js';
import { initialHpaControllerState, syncHpa } from '../../../src/models/hpa/sync-hpa.js';
import type {
  HpaBehavior,
  HpaMetricSpec,
  HpaPodObservation,
  HpaRecommendation,
  HpaResourceName,
  HpaScaleEvent,
} from '../../../src/models/hpa/types.js';

/** One entry of hpa-vectors.json. */
export interface HpaVector {
  readonly name: string;
  readonly source: string;
  readonly category: string;
  readonly level: string;
  // The file is heterogeneous per level; fields are read defensively below.
  readonly input: Record<string, any>;
  readonly expect: Record<string, unknown>;
  readonly notes?: string;
  readonly uncertain?: boolean;
}

/** "now" of every vector, ms; large enough that 100000 s ago is still positive. */
export const VECTOR_NOW_MS = 1_000_000_000_000;

const secAgo = (sec: number | null | undefined): number | null =>
  sec === null || sec === undefined ? null : VECTOR_NOW_MS - sec * 1000;

/** Reads the vector file (path from the caller, e.g. env HPA_VECTORS). */
export function loadHpaVectors(path: string): HpaVector[] {
  return JSON.parse(readFileSync(path, 'utf8')) as HpaVector[];
}

/** Runs a vector through the model and returns the observed values under the keys of `expect`. */
export function observeVector(vector: HpaVector): Record<string, unknown> {
  switch (vector.level) {
    case 'replicaCalc':
      return observeReplicaCalc(vector.input);
    case 'groupPods':
      return observeGroupPods(vector.input);
    case 'stabilize-legacy':
      return observeStabilizeLegacy(vector.input);
    case 'stabilize-behavior':
      return observeStabilizeBehavior(vector.input, vector.expect);
    case 'rate-limit-behavior':
      return observeRateLimit(vector.input, vector.expect);
    case 'clamp-legacy':
      return observeClampLegacy(vector.input);
    case 'controller':
      return observeController(vector.input, vector.expect);
    default:
      throw new Error(`vector level ${vector.level} is not run by the adapter`);
  }
}

// ---------------------------------------------------------------------------------------------

function toMetricSpec(m: Record<string, any>): HpaMetricSpec {
  const valueTarget = () =>
    m.targetType === 'Value'
      ? { type: 'Value' as const, value: m.targetMilli as number }
      : { type: 'AverageValue' as const, averageValue: m.targetMilli as number };
  switch (m.source) {
    case 'Resource':
      return {
        type: 'Resource',
        resource: {
          name: m.resource as HpaResourceName,
          target:
            m.targetType === 'Utilization'
              ? { type: 'Utilization', averageUtilization: m.target as number }
              : { type: 'AverageValue', averageValue: m.targetMilli as number },
        },
      };
    case 'Pods':
      return { type: 'Pods', pods: { metric: { name: m.metricName }, target: { type: 'AverageValue', averageValue: m.targetMilli } } };
    case 'Object':
      return {
        type: 'Object',
        object: { metric: { name: m.metricName }, describedObject: { kind: 'Deployment', name: 'some-deployment' }, target: valueTarget() },
      };
    case 'External':
      return { type: 'External', external: { metric: { name: m.metricName }, target: valueTarget() } };
    default:
      // horizontal_test.go injects an invalid source type ("CheddarCheese") to exercise
      // InvalidMetricSourceType; the resolved type cannot express it, so it is forced here.
      return { type: m.source } as unknown as HpaMetricSpec;
  }
}

/** Resource of the pod samples: the Resource metric's, else cpu (the harness always fills cpu). */
function sampleResource(metrics: readonly Record<string, any>[]): HpaResourceName {
  const resourceMetric = metrics.find((m) => m.source === 'Resource');
  return (resourceMetric?.resource as HpaResourceName | undefined) ?? 'cpu';
}

function toPod(p: Record<string, any>, index: number, resource: HpaResourceName, podsMetricName: string | null): HpaPodObservation {
  const usage = p.usageMilli as number | null | undefined;
  const sample =
    usage === null || usage === undefined
      ? null
      : {
          valueMilli: usage,
          timestampMs: secAgo(p.metricSampleSecAgo ?? 0) ?? VECTOR_NOW_MS,
          windowMs: ((p.metricWindowSec as number | undefined) ?? 60) * 1000,
        };
  const request = (p.requestMilli as number | undefined) ?? null;
  const podMetric = p.podMetricMilli as number | null | undefined;
  return {
    name: (p.name as string | undefined) ?? `test-pod-${index}`,
    phase: p.phase,
    ready: p.readyCondition ?? null,
    deleting: p.deleting ?? false,
    startTimeMs: secAgo(p.startedSecAgo),
    readyTransitionTimeMs: secAgo(p.readyTransitionSecAgo),
    requestsMilli: { cpu: resource === 'cpu' ? request : null, memory: resource === 'memory' ? request : null },
    metrics: {
      cpu: resource === 'cpu' ? sample : null,
      memory: resource === 'memory' ? sample : null,
      ...(podsMetricName !== null && podMetric !== null && podMetric !== undefined ? { pods: { [podsMetricName]: podMetric } } : {}),
    },
  };
}

function toPods(input: Record<string, any>, metrics: readonly Record<string, any>[]): HpaPodObservation[] {
  const resource = sampleResource(metrics);
  const podsMetric = metrics.find((m) => m.source === 'Pods');
  // `metricsForUnknownPods` (samples for pods outside the selector) cannot be expressed: samples
  // hang off pods here. Upstream skips them in the utilization sums and the fast path's ready
  // count, which is the only path those vectors take.
  return ((input.pods as Record<string, any>[] | undefined) ?? []).map((p, i) =>
    toPod(p, i, resource, (podsMetric?.metricName as string | undefined) ?? null),
  );
}

function observeReplicaCalc(input: Record<string, any>): Record<string, unknown> {
  const metric = input.metric as Record<string, any>;
  const name = metric.metricName as string;
  const result = computeReplicasForMetric(toMetricSpec(metric), {
    specReplicas: input.currentReplicas ?? input.statusReplicas,
    statusReplicas: input.statusReplicas ?? input.currentReplicas,
    pods: toPods(input, [metric]),
    objectMetrics: input.objectValueMilli === undefined ? {} : { [name]: input.objectValueMilli },
    externalMetrics: input.externalValuesMilli === undefined ? {} : { [name]: input.externalValuesMilli },
    tolerances: { scaleUp: input.tolerance.scaleUp, scaleDown: input.tolerance.scaleDown },
    times: {
      nowMs: VECTOR_NOW_MS,
      cpuInitializationPeriodMs: (input.cpuInitializationPeriodSec ?? 120) * 1000,
      initialReadinessDelayMs: (input.initialReadinessDelaySec ?? 10) * 1000,
    },
  });
  const current = result.current;
  const observed: Record<string, unknown> = { desiredReplicas: result.replicas };
  if (metric.source === 'Resource') {
    observed.utilizationPercent = current?.averageUtilization;
    observed.rawAverageMilli = current?.averageValueMilli;
  } else if (metric.source === 'Pods') {
    observed.averageUsageMilli = current?.averageValueMilli;
  } else if (metric.targetType === 'Value') {
    observed.usageMilli = current?.valueMilli;
  } else {
    observed.perPodUsageMilli = current?.averageValueMilli;
  }
  return observed;
}

function observeGroupPods(input: Record<string, any>): Record<string, unknown> {
  const resource = input.resource as HpaResourceName;
  const pod = toPod(input.pod, 0, resource, null);
  const sample = pod.metrics[resource];
  const group = classifyPod(pod, sample, resource === 'cpu', {
    nowMs: VECTOR_NOW_MS,
    cpuInitializationPeriodMs: input.cpuInitializationPeriodSec * 1000,
    initialReadinessDelayMs: input.initialReadinessDelaySec * 1000,
  });
  return { class: group };
}

function toRecommendations(list: readonly { ageSec: number; replicas: number }[]): HpaRecommendation[] {
  return list.map((r) => ({ timeMs: VECTOR_NOW_MS - r.ageSec * 1000, replicas: r.replicas }));
}

function observeStabilizeLegacy(input: Record<string, any>): Record<string, unknown> {
  const result = stabilizeRecommendation(
    toRecommendations(input.recommendations),
    input.prenormalizedDesiredReplicas,
    VECTOR_NOW_MS,
    input.downscaleStabilizationWindowSec * 1000,
  );
  return { stabilizedReplicas: result.replicas, recommendationCountAfter: result.recommendations.length };
}

function observeStabilizeBehavior(input: Record<string, any>, expect: Record<string, unknown>): Record<string, unknown> {
  const result = stabilizeRecommendationWithBehaviors({
    recommendations: toRecommendations(input.recommendations),
    currentReplicas: input.currentReplicas,
    desiredReplicas: input.prenormalizedDesiredReplicas,
    scaleUpWindowMs: input.scaleUpStabilizationWindowSec * 1000,
    scaleDownWindowMs: input.scaleDownStabilizationWindowSec * 1000,
    nowMs: VECTOR_NOW_MS,
  });
  const observed: Record<string, unknown> = { stabilizedReplicas: result.replicas };
  if ('storedRecommendationsAfter' in expect) observed.storedRecommendationsAfter = result.recommendations.map((r) => r.replicas);
  return observed;
}

function toEvents(list: readonly { ageSec: number; change: number }[]): HpaScaleEvent[] {
  return list.map((e) => ({ timeMs: VECTOR_NOW_MS - e.ageSec * 1000, change: e.change, outdated: false }));
}

function observeRateLimit(input: Record<string, any>, expect: Record<string, unknown>): Record<string, unknown> {
  // The test tables give rules before API defaulting; upstream runs them through GenerateHPA*Rules.
  const behavior = resolveHpaBehavior(input.behavior as HpaBehaviorInput) as HpaBehavior;
  const history = { scaleUpEvents: toEvents(input.scaleUpEvents), scaleDownEvents: toEvents(input.scaleDownEvents), nowMs: VECTOR_NOW_MS };
  if ('scaleUpLimit' in expect) return { scaleUpLimit: calculateScaleUpLimit(input.currentReplicas, behavior.scaleUp, history) };
  if ('scaleDownLimit' in expect) return { scaleDownLimit: calculateScaleDownLimit(input.currentReplicas, behavior.scaleDown, history) };
  const result = convertDesiredReplicasWithBehaviorRate({
    currentReplicas: input.currentReplicas,
    desiredReplicas: input.prenormalizedDesiredReplicas,
    minReplicas: input.minReplicas,
    maxReplicas: input.maxReplicas,
    scaleUp: behavior.scaleUp,
    scaleDown: behavior.scaleDown,
    history,
  });
  return { desiredReplicas: result.replicas, scalingLimitedReason: result.reason };
}

function observeClampLegacy(input: Record<string, any>): Record<string, unknown> {
  const result = convertDesiredReplicasWithRules({
    currentReplicas: input.currentReplicas,
    desiredReplicas: input.desiredReplicas,
    minReplicas: input.minReplicas,
    maxReplicas: input.maxReplicas,
    scaleUpLimitFactor: input.scaleUpLimitFactor,
    scaleUpLimitMinimum: input.scaleUpLimitMinimum,
  });
  return { desiredReplicas: result.replicas, scalingLimitedReason: result.reason };
}

function observeController(input: Record<string, any>, expect: Record<string, unknown>): Record<string, unknown> {
  if (input.tolerance.scaleUp !== input.tolerance.scaleDown) throw new Error('controller vectors use one tolerance flag');
  const metrics = input.metrics as Record<string, any>[];
  const objectMetric = metrics.find((m) => m.source === 'Object');
  const externalMetric = metrics.find((m) => m.source === 'External');
  const history = input.recommendationHistory as { ageSec: number; replicas: number }[] | null;
  const result = syncHpa(
    {
      nowMs: VECTOR_NOW_MS,
      specReplicas: input.specReplicas,
      statusReplicas: input.statusReplicas,
      spec: {
        minReplicas: input.minReplicas,
        maxReplicas: input.maxReplicas,
        metrics: metrics.map(toMetricSpec),
        behavior: resolveHpaBehavior(input.behavior as HpaBehaviorInput | null),
      },
      config: {
        ...DEFAULT_HPA_CONTROLLER_CONFIG,
        tolerance: input.tolerance.scaleUp,
        cpuInitializationPeriodMs: input.cpuInitializationPeriodSec * 1000,
        initialReadinessDelayMs: input.initialReadinessDelaySec * 1000,
        downscaleStabilizationWindowMs: input.downscaleStabilizationWindowSec * 1000,
        scaleUpLimitFactor: input.scaleUpLimitFactor,
        scaleUpLimitMinimum: input.scaleUpLimitMinimum,
        // The gate's default when horizontal_test.go ran (alpha in v1.33); only three vectors set it.
        configurableToleranceEnabled: input.featureGates?.HPAConfigurableTolerance ?? false,
      },
      pods: toPods(input, metrics),
      objectMetrics:
        objectMetric === undefined || input.objectValueMilli === undefined ? {} : { [objectMetric.metricName]: input.objectValueMilli },
      externalMetrics:
        externalMetric === undefined || input.externalValuesMilli === undefined
          ? {}
          : { [externalMetric.metricName]: input.externalValuesMilli },
    },
    // null = first sync after a controller start (history seeded); [] = an existing empty history.
    { ...initialHpaControllerState(), recommendations: history === null ? null : toRecommendations(history) },
  );
  const observed: Record<string, unknown> = { desiredReplicas: result.desiredReplicas };
  const expectedConditions = expect.conditions as Record<string, unknown> | undefined;
  if (expectedConditions !== undefined) {
    const conditions: Record<string, { status: string; reason: string }> = {};
    for (const type of Object.keys(expectedConditions)) {
      const condition = result.conditions.find((c) => c.type === type);
      if (condition !== undefined) conditions[type] = { status: condition.status, reason: condition.reason };
    }
    observed.conditions = conditions;
  }
  return observed;
}
