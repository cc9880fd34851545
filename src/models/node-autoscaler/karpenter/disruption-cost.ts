/**
 * Candidate ordering cost (pkg/utils/disruption/disruption.go): Σ per-pod eviction cost ×
 * fraction of node lifetime remaining. Eviction cost = 1 + pod-deletion-cost / 2^27 +
 * priority / 2^25, clamped to [−10, 10]; lifetime remaining = 1 − age / expireAfter in [0, 1].
 */
import type { PodView } from './types.js';

const DELETION_COST_ANNOTATION = 'controller.kubernetes.io/pod-deletion-cost';

export function evictionCost(pod: PodView): number {
  let cost = 1;
  const del = pod.annotations?.[DELETION_COST_ANNOTATION];
  if (del !== undefined && Number.isFinite(Number(del))) cost += Number(del) / 2 ** 27;
  if (pod.priority !== undefined) cost += pod.priority / 2 ** 25;
  return Math.min(10, Math.max(-10, cost));
}

export function lifetimeRemaining(nowMs: number, createdMs: number, expireAfterMs: number | null): number {
  if (expireAfterMs === null || expireAfterMs <= 0) return 1;
  return Math.min(1, Math.max(0, 1 - (nowMs - createdMs) / expireAfterMs));
}

/** Disruption cost of a node holding `pods` (lower is disrupted first). */
export function disruptionCost(pods: readonly PodView[], nowMs: number, createdMs: number, expireAfterMs: number | null): number {
  let sum = 0;
  for (const p of pods) sum += evictionCost(p);
  return sum * lifetimeRemaining(nowMs, createdMs, expireAfterMs);
}
