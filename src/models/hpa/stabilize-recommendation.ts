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
  ownsHistory = false,
): HpaStabilization {
  const cutoffMs = nowMs - downscaleStabilizationWindowMs;
  let replicas = prenormalizedReplicas;
  let oldIndex = -1;
  for (let i = 0; i < recommendations.length; i++) {
    const rec = recommendations[i]!;
    if (rec.timeMs < cutoffMs) oldIndex = i;
    else if (rec.replicas > replicas) replicas = rec.replicas;
  }
  return { replicas, recommendations: recordRecommendation(recommendations, oldIndex, prenormalizedReplicas, nowMs, ownsHistory) };
}

/** A record the history's owner may rewrite (HpaSyncInput.ownsHistory). */
type WritableRecommendation = { -readonly [K in keyof HpaRecommendation]: HpaRecommendation[K] };

/**
 * Overwrites slot `oldIndex` (when ≥ 0) or appends, as upstream reuses expired entries. A copy,
 * unless the caller owns the history: then the expired record itself is rewritten, or the list
 * grown, as upstream does. A simulation of hundreds of HPAs otherwise makes a copy of the list and
 * a record per sync, and each record lives a whole window, long enough for the collector to
 * promote it.
 */
export function recordRecommendation(
  recommendations: readonly HpaRecommendation[],
  oldIndex: number,
  replicas: number,
  nowMs: number,
  ownsHistory = false,
): readonly HpaRecommendation[] {
  if (ownsHistory) {
    if (oldIndex < 0) (recommendations as HpaRecommendation[]).push({ timeMs: nowMs, replicas });
    else {
      const entry = recommendations[oldIndex] as WritableRecommendation;
      entry.timeMs = nowMs;
      entry.replicas = replicas;
    }
    return recommendations;
  }
  const entry: HpaRecommendation = { timeMs: nowMs, replicas };
  if (oldIndex < 0) return [...recommendations, entry];
  // slice rather than map: a callback would be allocated at every sync of every HPA.
  const next = recommendations.slice();
  next[oldIndex] = entry;
  return next;
}
