import { DEFAULT_CUSTOM_METRIC_WINDOW_MS } from './defaults.js';
import { groupPods, type HpaSampleTiming } from './group-pods.js';
import { metricUsageRatio } from './metric-usage-ratio.js';
import { fail, ok, type Outcome } from './outcome.js';
import { proposeFromPodSamples, type HpaPodMetricInput } from './propose-from-pod-samples.js';
import { toMilli } from './to-milli.js';
import type { HpaMetricProposal, HpaPodsMetricSpec } from './types.js';

/** Inputs of a Pods metric. */
export type HpaPodsMetricInput = HpaPodMetricInput<HpaPodsMetricSpec['pods']>;

/**
 * A Pods (custom per-pod) metric's proposal: `GetMetricReplicas` → `calcPlainMetricReplicas`
 * (docs/models/hpa.md#averagevalue-targets-and-pods-metrics). Readiness is ignored for custom metrics: only Pending, Failed and deleting
 * pods are set aside; missing pods count as exactly the target on a scale-down.
 */
export function podsMetricReplicas(input: HpaPodsMetricInput): Outcome<HpaMetricProposal> {
  const { source, pods } = input;
  const name = source.metric.name;
  const what = `pods metric ${name}`;
  const values = pods.map((pod) => {
    const value = pod.metrics.pods?.[name];
    return value === undefined ? null : toMilli(value, what, pod.name);
  });
  const fetchError = `unable to get metric ${name}: no metrics returned from custom metrics API`;
  if (values.every((value) => value === null)) return fail(fetchError);
  if (pods.length === 0) return fail('no pods returned by selector while calculating replica count');

  // Timing is never read without the CPU rule; a custom sample is "now" with the default window.
  const timing: HpaSampleTiming = { timestampMs: input.times.nowMs, windowMs: DEFAULT_CUSTOM_METRIC_WINDOW_MS };
  const grouping = groupPods(pods, (i) => (values[i] === null ? null : timing), false, input.times);
  const targetMilli = toMilli(source.target.averageValue, `pods metric ${name} averageValue target`);
  const result = proposeFromPodSamples({
    currentReplicas: input.currentReplicas,
    grouping,
    sampleOf: (i) => values[i] ?? null,
    fillMissingOnScaleDown: () => targetMilli,
    ratioOf: (samples) => ok(metricUsageRatio(samples, Number(targetMilli))),
    tolerances: input.tolerances,
  });
  if (!result.ok) return result;
  return ok({
    replicas: result.value.replicas,
    current: { averageUtilization: null, averageValueMilli: result.value.readyRatio.averageMilli, valueMilli: null },
    description: `pods metric ${name}`,
  });
}
