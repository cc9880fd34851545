/**
 * The scheduling queue's order, the default QueueSort plugin PrioritySort
 * (pkg/scheduler/framework/plugins/queuesort/priority_sort.go): higher spec.priority first, then
 * the pod that entered the queue first.
 */
import { podPriority } from './pod-priority.js';
import type { PodView } from './types.js';

/** A pending pod with the time it entered the scheduling queue. */
export interface QueuedPod {
  readonly pod: PodView;
  /**
   * QueuedPodInfo.Timestamp in ms of simulated time: when the pod was added to the queue (for a
   * new pod, its creation). Absent = the pod's createdMs, else 0.
   */
  readonly queuedMs?: number;
}

function queuedAt(q: QueuedPod): number {
  return q.queuedMs ?? q.pod.createdMs ?? 0;
}

/**
 * Comparator for `Array.prototype.sort`: negative when `a` is popped before `b`. Equal priority and
 * time compare 0, so a stable sort keeps the caller's order (upstream leaves that tie to the heap).
 */
export function prioritySort(a: QueuedPod, b: QueuedPod): number {
  const pa = podPriority(a.pod);
  const pb = podPriority(b.pod);
  if (pa !== pb) return pb - pa;
  const ta = queuedAt(a);
  const tb = queuedAt(b);
  return ta < tb ? -1 : ta > tb ? 1 : 0;
}
