import { groupPods } from './group-pods.js';
import { metricUsageRatio } from './metric-usage-ratio.js';
import { fail, ok, type Outcome } from './outcome.js';
import { proposeFromPodSamples, type HpaPodMetricInput } from './propose-from-pod-samples.js';
import { readyPodsUtilization } from './ready-pods-utilization.js';
import { resourceUtilizationRatio, utilizationDescription, type HpaUtilizationRatio } from './resource-utilization-ratio.js';
import { toMilli } from './to-milli.js';
import type {
  HpaMetricProposal,
  HpaResourceMetricSpec,
  HpaResourceSample,
} from './types.js';

/** Inputs of a Resource metric. */
export type HpaResourceMetricInput = HpaPodMetricInput<HpaResourceMetricSpec['resource']>;

/**
 * A Resource metric's proposal: `GetResourceReplicas` for a Utilization target (docs/models/hpa.md#resource-metric-utilization-target),
 * `GetRawResourceReplicas` for an AverageValue target (§4.3). Errors carry upstream's text,
 * already wrapped as `computeStatusForResourceMetricGeneric` does ("failed to get cpu utilization: ...").
 */
export function resourceMetricReplicas(input: HpaResourceMetricInput): Outcome<HpaMetricProposal> {
  const { source, pods } = input;
  const resource = source.name;
  const target = source.target;
  const allReady = readyPodsUtilization(input);
  if (allReady !== null) return allReady;
  const what = target.type === 'Utilization' ? 'utilization' : 'usage';
  const wrap = (error: string): Outcome<HpaMetricProposal> => fail(`failed to get ${resource} ${what}: ${error}`);

  const rawSamples: (HpaResourceSample | null)[] = pods.map((pod) => pod.metrics[resource]);
  if (rawSamples.every((sample) => sample === null)) {
    return wrap(`unable to get metrics for resource ${resource}: no metrics returned from resource metrics API`);
  }
  if (pods.length === 0) return wrap('no pods returned by selector while calculating replica count');
  const sampleWhat = `${resource} sample`;
  const values = rawSamples.map((sample, i) => (sample === null ? null : toMilli(sample.valueMilli, sampleWhat, pods[i]!.name)));
  const grouping = groupPods(pods, (i) => rawSamples[i] ?? null, resource === 'cpu', input.times);
  const sampleOf = (i: number): bigint | null => values[i] ?? null;

  if (target.type === 'AverageValue') {
    const targetMilli = toMilli(target.averageValue, `${resource} averageValue target`);
    const result = proposeFromPodSamples({
      currentReplicas: input.currentReplicas,
      grouping,
      sampleOf,
      fillMissingOnScaleDown: () => targetMilli,
      ratioOf: (samples) => ok(metricUsageRatio(samples, Number(targetMilli))),
      tolerances: input.tolerances,
    });
    if (!result.ok) return wrap(result.error);
    return ok({
      replicas: result.value.replicas,
      current: { averageUtilization: null, averageValueMilli: result.value.readyRatio.averageMilli, valueMilli: null },
      description: `${resource} resource`,
    });
  }

  // calculateRequests runs over every listed pod (ignored ones too) before the first ratio.
  const requests: bigint[] = [];
  const requestWhat = `${resource} request`;
  let requestError: string | null = null;
  for (const pod of pods) {
    const request = pod.requestsMilli[resource];
    if (request === null) {
      requestError ??= `missing request for ${resource} in Pod ${pod.name}`;
      requests.push(0n);
    } else {
      requests.push(toMilli(request, requestWhat, pod.name));
    }
  }
  const requestOf = (i: number): bigint => requests[i] ?? 0n;
  // Missing pods on a scale-down count as max(100 %, target) of their request.
  const fallbackPercent = BigInt(Math.max(100, target.averageUtilization));
  const result = proposeFromPodSamples({
    currentReplicas: input.currentReplicas,
    grouping,
    sampleOf,
    fillMissingOnScaleDown: (i) => (requestOf(i) * fallbackPercent) / 100n,
    ratioOf: (samples) =>
      requestError === null
        ? resourceUtilizationRatio(samples, requestOf, target.averageUtilization)
        : fail<HpaUtilizationRatio>(requestError),
    tolerances: input.tolerances,
  });
  if (!result.ok) return wrap(result.error);
  const ready = result.value.readyRatio;
  return ok({
    replicas: result.value.replicas,
    current: { averageUtilization: ready.utilizationPercent, averageValueMilli: ready.rawAverageMilli, valueMilli: null },
    description: utilizationDescription(resource),
  });
}
