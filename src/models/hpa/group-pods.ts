import type { HpaPodObservation } from './types.js';

/** Group of a pod for one metric (`groupPods` in replica_calculator.go, docs/models/hpa.md#pod-grouping). */
export type HpaPodGroup = 'ready' | 'unready' | 'missing' | 'ignored';

/** When a sample was taken; only the CPU readiness rule reads it. */
export interface HpaSampleTiming {
  /** End of the sample window, ms. */
  readonly timestampMs: number;
  /** Sample window length, ms. */
  readonly windowMs: number;
}

/** Clock and controller flags the CPU readiness rule needs. */
export interface HpaPodGroupingTimes {
  readonly nowMs: number;
  readonly cpuInitializationPeriodMs: number;
  readonly initialReadinessDelayMs: number;
}

/**
 * Classifies one pod for one metric, in upstream order: deleting or Failed → ignored; Pending →
 * unready; no sample → missing; CPU readiness rule (only when `applyCpuReadinessRule`) → unready;
 * otherwise ready. Succeeded pods count as ready, as in the released code the vectors come from
 * (recent master ignores them via `IsPodTerminal`).
 *
 * @param sample timing of the pod's sample for this metric, `null` when it has none
 * @param applyCpuReadinessRule true only for the `cpu` resource (not memory, not Pods metrics)
 */
export function classifyPod(
  pod: HpaPodObservation,
  sample: HpaSampleTiming | null,
  applyCpuReadinessRule: boolean,
  times: HpaPodGroupingTimes,
): HpaPodGroup {
  if (pod.deleting || pod.phase === 'Failed') return 'ignored';
  if (pod.phase === 'Pending') return 'unready';
  if (sample === null) return 'missing';
  if (applyCpuReadinessRule && isCpuSampleUnready(pod, sample, times)) return 'unready';
  return 'ready';
}

function isCpuSampleUnready(pod: HpaPodObservation, sample: HpaSampleTiming, times: HpaPodGroupingTimes): boolean {
  if (pod.ready === null || pod.startTimeMs === null) return true;
  // A Ready condition without a transition time reads as Go's zero time: far in the past.
  const transitionMs = pod.readyTransitionTimeMs ?? Number.NEGATIVE_INFINITY;
  if (pod.startTimeMs + times.cpuInitializationPeriodMs > times.nowMs) {
    // During initialization a sample counts only once a full window has passed since Ready.
    return pod.ready === false || sample.timestampMs < transitionMs + sample.windowMs;
  }
  // Afterwards only a pod that went unready and was never ready since startup is excluded.
  return pod.ready === false && pod.startTimeMs + times.initialReadinessDelayMs > transitionMs;
}

/** Pods split into groups for one metric, plus the ready count the fast path multiplies by. */
export interface HpaPodGrouping {
  /** Group of `pods[i]`. */
  readonly groups: readonly HpaPodGroup[];
  readonly readyPodCount: number;
  readonly unreadyCount: number;
  readonly missingCount: number;
}

/** Applies {@link classifyPod} to every pod; `sampleOf(i)` gives pod i's sample timing or null. */
export function groupPods(
  pods: readonly HpaPodObservation[],
  sampleOf: (index: number) => HpaSampleTiming | null,
  applyCpuReadinessRule: boolean,
  times: HpaPodGroupingTimes,
): HpaPodGrouping {
  const groups: HpaPodGroup[] = [];
  let readyPodCount = 0;
  let unreadyCount = 0;
  let missingCount = 0;
  pods.forEach((pod, i) => {
    const group = classifyPod(pod, sampleOf(i), applyCpuReadinessRule, times);
    groups.push(group);
    if (group === 'ready') readyPodCount++;
    else if (group === 'unready') unreadyCount++;
    else if (group === 'missing') missingCount++;
  });
  return { groups, readyPodCount, unreadyCount, missingCount };
}
