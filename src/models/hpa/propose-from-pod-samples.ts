import type { HpaPodGrouping, HpaPodGroupingTimes } from './group-pods.js';
import { fail, ok, type Outcome } from './outcome.js';
import { isWithinTolerance } from './tolerances.js';
import type { HpaPodObservation, HpaTolerances } from './types.js';

/** Inputs of a metric computed from per-pod samples (Resource and Pods metrics). */
export interface HpaPodMetricInput<S> {
  /** The metric's source block from the spec (e.g. `metric.resource`). */
  readonly source: S;
  /** spec.replicas of the scale target. */
  readonly currentReplicas: number;
  readonly pods: readonly HpaPodObservation[];
  readonly tolerances: HpaTolerances;
  readonly times: HpaPodGroupingTimes;
}

/** Per-pod samples that enter a ratio: pod index → value in milli-units. */
export type HpaSampleSet = ReadonlyMap<number, bigint>;

/** What a ratio function returns; extra fields are the values reported in the metric status. */
export interface HpaSampleRatio {
  readonly ratio: number;
}

/** Inputs of {@link proposeFromPodSamples}. */
export interface HpaPodSampleProposalInput<R extends HpaSampleRatio> {
  /** spec.replicas, returned whenever the change would be too small or would reverse. */
  readonly currentReplicas: number;
  readonly grouping: HpaPodGrouping;
  /** Sample of pod i in milli-units, `null` when it has none. */
  readonly sampleOf: (podIndex: number) => bigint | null;
  /** Value assumed for a missing pod when the first ratio is below 1 (scale-down). */
  readonly fillMissingOnScaleDown: (podIndex: number) => bigint;
  /** usage ratio of a sample set; may fail with upstream's error text. */
  readonly ratioOf: (samples: HpaSampleSet) => Outcome<R>;
  readonly tolerances: HpaTolerances;
}

/** Proposal from pod samples, plus the ratio of the ready pods (what the status reports). */
export interface HpaPodSampleProposal<R extends HpaSampleRatio> {
  readonly replicas: number;
  readonly readyRatio: R;
}

/**
 * The shared core of `GetResourceReplicas` and `calcPlainMetricReplicas` (docs/models/hpa.md#replica-proposals).
 *
 * Ratio over ready pods; fast path `ceil(ratio × readyPodCount)` when nothing is missing and no
 * unready pod could hide load. Otherwise the conservative refill: missing pods count as the
 * scale-down fill value when ratio < 1 and as 0 when ratio > 1, unready pods as 0 on a scale-up;
 * the ratio is recomputed and the current count is kept if the refilled ratio is within
 * tolerance, reverses direction, or its count would move the other way.
 */
export function proposeFromPodSamples<R extends HpaSampleRatio>(
  input: HpaPodSampleProposalInput<R>,
): Outcome<HpaPodSampleProposal<R>> {
  const { currentReplicas, grouping, tolerances } = input;
  const samples = new Map<number, bigint>();
  grouping.groups.forEach((group, i) => {
    const value = input.sampleOf(i);
    if (group === 'ready' && value !== null) samples.set(i, value);
  });
  if (samples.size === 0) return fail('did not receive metrics for targeted pods (pods might be unready)');

  const first = input.ratioOf(samples);
  if (!first.ok) return first;
  const readyRatio = first.value;
  const ratio = readyRatio.ratio;

  const scaleUpWithUnready = grouping.unreadyCount > 0 && ratio > 1.0;
  if (!scaleUpWithUnready && grouping.missingCount === 0) {
    if (isWithinTolerance(ratio, tolerances)) return ok({ replicas: currentReplicas, readyRatio });
    return ok({ replicas: Math.ceil(ratio * grouping.readyPodCount), readyRatio });
  }

  grouping.groups.forEach((group, i) => {
    if (group === 'missing') {
      // At exactly 1.0 nothing is assumed for missing pods (they stay out of the count).
      if (ratio < 1.0) samples.set(i, input.fillMissingOnScaleDown(i));
      else if (ratio > 1.0) samples.set(i, 0n);
    } else if (group === 'unready' && scaleUpWithUnready) {
      samples.set(i, 0n);
    }
  });

  const refilled = input.ratioOf(samples);
  if (!refilled.ok) return refilled;
  const newRatio = refilled.value.ratio;
  if (
    isWithinTolerance(newRatio, tolerances) ||
    (ratio < 1.0 && newRatio > 1.0) ||
    (ratio > 1.0 && newRatio < 1.0)
  ) {
    return ok({ replicas: currentReplicas, readyRatio });
  }
  const newReplicas = Math.ceil(newRatio * samples.size);
  if ((newRatio < 1.0 && newReplicas > currentReplicas) || (newRatio > 1.0 && newReplicas < currentReplicas)) {
    return ok({ replicas: currentReplicas, readyRatio });
  }
  return ok({ replicas: newReplicas, readyRatio });
}
