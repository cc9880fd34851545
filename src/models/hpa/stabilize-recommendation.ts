import type { HpaRecommendation } from './types.js';

/** A stabilized desired count and the recommendation history to keep. */
export interface HpaStabilization {
  readonly replicas: number;
  readonly recommendations: readonly HpaRecommendation[];
}

/**
 * Legacy stabilization (`stabilizeRecommendation`, behavior == nil, docs/models/hpa.md#legacy-normalization-no-behavior): the max of the
 * new recommendation and every stored one NOT older than now − window (a sample exactly at the
 * cutoff still counts). The new recommendation overwrites the last expired entry, or is appended.
 * Scale-ups are never delayed here.
 */
export function stabilizeRecommendation(
  recommendations: readonly HpaRecommendation[],
  prenormalizedReplicas: number,
  nowMs: number,
  downscaleStabilizationWindowMs: number,
): HpaStabilization {
  const cutoffMs = nowMs - downscaleStabilizationWindowMs;
  let replicas = prenormalizedReplicas;
  let oldIndex = -1;
  for (let i = 0; i < recommendations.length; i++) {
    const rec = recommendations[i]!;
    if (rec.timeMs < cutoffMs) oldIndex = i;
    else if (rec.replicas > replicas) replicas = rec.replicas;
  }
  return { replicas, recommendations: recordRecommendation(recommendations, oldIndex, prenormalizedReplicas, nowMs) };
}

/** Overwrites slot `oldIndex` (when ≥ 0) or appends, as upstream reuses expired entries. */
export function recordRecommendation(
  recommendations: readonly HpaRecommendation[],
  oldIndex: number,
  replicas: number,
  nowMs: number,
): readonly HpaRecommendation[] {
  const entry: HpaRecommendation = { timeMs: nowMs, replicas };
  if (oldIndex < 0) return [...recommendations, entry];
  // slice rather than map: a callback would be allocated at every sync of every HPA.
  const next = recommendations.slice();
  next[oldIndex] = entry;
  return next;
}
