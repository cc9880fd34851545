import { fail, ok, type Outcome } from './outcome.js';
import { isWithinTolerance } from './tolerances.js';
import type { HpaPodObservation, HpaTolerances } from './types.js';

const INT32_MAX = 2_147_483_647;

/** Inputs of an Object or External metric: one fetched value (or series) instead of pod samples. */
export interface HpaValueMetricInput<S, V> {
  /** The metric's source block from the spec (e.g. `metric.object`). */
  readonly source: S;
  /** The fetched value(s), milli-units; `undefined` = the fetch failed. */
  readonly fetched: V | undefined;
  readonly specReplicas: number;
  readonly statusReplicas: number;
  readonly pods: readonly HpaPodObservation[];
  readonly tolerances: HpaTolerances;
}

/**
 * `getUsageRatioReplicaCount` (Object/External metrics with a Value target, docs/models/hpa.md#object-and-external-metrics).
 *
 * With current ≠ 0: within tolerance keeps current; otherwise ceil(ratio × ready pods), where
 * ready means phase Running and Ready=True. There is no CPU-initialization rule and no direction
 * guard, so unready pods can turn a high ratio into a scale-down. With current = 0:
 * ceil(ratio), ignoring tolerance and pods (scale from zero).
 */
export function valueTargetReplicas(
  currentReplicas: number,
  usageRatio: number,
  tolerances: HpaTolerances,
  pods: readonly HpaPodObservation[],
): Outcome<number> {
  if (currentReplicas === 0) return ok(Math.ceil(usageRatio));
  if (isWithinTolerance(usageRatio, tolerances)) return ok(currentReplicas);
  if (pods.length === 0) {
    return fail('unable to calculate ready pods: no pods returned by selector while calculating replica count');
  }
  const readyPodCount = pods.filter((pod) => pod.phase === 'Running' && pod.ready === true).length;
  const replicas = usageRatio * readyPodCount;
  return ok(replicas > INT32_MAX ? INT32_MAX : Math.ceil(replicas));
}

/** Proposal and reported per-pod value of an AverageValue Object/External target. */
export interface HpaPerPodTargetProposal {
  readonly replicas: number;
  /** ceil(usage / statusReplicas), 0 when statusReplicas is 0, milli-units. */
  readonly perPodUsageMilli: number;
}

/**
 * `GetObjectPerPodMetricReplicas` / `GetExternalPerPodMetricReplicas` (docs/models/hpa.md#object-and-external-metrics): the ratio
 * is usage / (target × statusReplicas); outside tolerance the proposal is ceil(usage / target),
 * inside it is statusReplicas. Pods are not listed at all.
 */
export function perPodTargetReplicas(
  statusReplicas: number,
  usageMilli: number,
  targetAverageMilli: number,
  tolerances: HpaTolerances,
): HpaPerPodTargetProposal {
  let replicas = statusReplicas;
  const usageRatio = usageMilli / (targetAverageMilli * statusReplicas);
  if (!isWithinTolerance(usageRatio, tolerances)) {
    const proposal = Math.ceil(usageMilli / targetAverageMilli);
    replicas = proposal > INT32_MAX ? INT32_MAX : proposal;
  }
  const perPodUsageMilli = statusReplicas === 0 ? 0 : Math.ceil(usageMilli / statusReplicas);
  return { replicas, perPodUsageMilli };
}
