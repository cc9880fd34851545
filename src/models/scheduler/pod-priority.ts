/**
 * Pod priority and importance as the scheduler compares them
 * (component-helpers/scheduling/corev1 PodPriority; pkg/scheduler/util/utils.go).
 */
import type { PodView } from './types.js';

/** A pod with the start time preemption reads; `startedMs` stands for status.startTime. */
export type TimedPod = PodView & {
  /** status.startTime in ms of simulated time; absent = not started (counts as "now", the latest). */
  readonly startedMs?: number;
};

/** spec.priority; a pod without one has priority 0 (corev1.PodPriority). */
export function podPriority(pod: PodView): number {
  return pod.priority ?? 0;
}

/**
 * status.startTime, falling back to the creation time. Upstream uses "now" for a pod that has not
 * started (util.GetPodStartTime); +Infinity keeps that "latest of all" ordering without a clock.
 */
export function podStartMs(pod: TimedPod): number {
  return pod.startedMs ?? pod.createdMs ?? Number.POSITIVE_INFINITY;
}

/**
 * Sort comparator, most important first: higher priority, then the earlier start
 * (util.MoreImportantPod). Ties keep their input order (Array.prototype.sort is stable).
 */
export function compareImportance(a: TimedPod, b: TimedPod): number {
  const pa = podPriority(a);
  const pb = podPriority(b);
  if (pa !== pb) return pb - pa;
  const sa = podStartMs(a);
  const sb = podStartMs(b);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}
