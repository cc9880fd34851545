import type { Outcome } from './outcome.js';
import { resourceMetricReplicas, type HpaResourceMetricInput } from './resource-metric-replicas.js';
import type { HpaContainerResourceMetricSpec, HpaMetricProposal, HpaPodObservation } from './types.js';

/** Inputs of a ContainerResource metric. */
export type HpaContainerResourceMetricInput = Omit<HpaResourceMetricInput, 'source'> & {
  readonly source: HpaContainerResourceMetricSpec['containerResource'];
};

/**
 * A ContainerResource metric's proposal: the Resource calculation (GetResourceReplicas /
 * GetRawResourceReplicas) over one named container of each pod, its usage against its own request
 * (replica_calculator.go calculateRequests with a container name; metrics client
 * getContainerMetrics). A pod without the container has no sample and no request for it.
 */
export function containerResourceMetricReplicas(input: HpaContainerResourceMetricInput): Outcome<HpaMetricProposal> {
  const { name, container, target } = input.source;
  const pods = input.pods.map((pod): HpaPodObservation => {
    const c = pod.containers?.[container];
    return {
      ...pod,
      requestsMilli: { cpu: c?.requestsMilli.cpu ?? null, memory: c?.requestsMilli.memory ?? null },
      metrics: { cpu: c?.metrics.cpu ?? null, memory: c?.metrics.memory ?? null },
    };
  });
  const result = resourceMetricReplicas({ ...input, pods, source: { name, target } });
  if (!result.ok) return result;
  return { ok: true, value: { ...result.value, description: result.value.description.replace(`${name} resource`, `${name} container resource of ${container}`) } };
}
