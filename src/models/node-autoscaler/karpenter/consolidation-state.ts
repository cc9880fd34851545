/**
 * When Karpenter tries a consolidation method again (pkg/controllers/state/cluster.go
 * `MarkUnconsolidated`, `ConsolidationState`; pkg/controllers/disruption/consolidation.go
 * `IsConsolidated`, `markConsolidated`).
 *
 * The cluster state keeps the time of the last change that could make consolidation possible: a
 * pod bound to a node or deleted from one, a node or NodeClaim added or removed, a node becoming
 * initialized, a node marked for deletion or unmarked. A method that ran over its candidates,
 * found nothing and was not held back by a budget remembers that state and is skipped while the
 * state stays the same. The state renews itself once it is older than five minutes, so a method
 * also runs again at least that often: that is how a node that became Consolidatable without any
 * such change (its consolidateAfter elapsed) is noticed.
 */
import { karpenterDefaults } from './defaults.js';

/**
 * The cluster's consolidation state at `nowMs` given the time of its last change: that time while
 * it is younger than the timeout, else `nowMs` (upstream marks the cluster unconsolidated then, so
 * the caller keeps the returned value as the new last change).
 */
export function consolidationState(lastChangeMs: number, nowMs: number, timeoutMs: number = karpenterDefaults.consolidationStateTimeoutMs): number {
  return nowMs - lastChangeMs < timeoutMs ? lastChangeMs : nowMs;
}

/** The methods that keep a consolidation state of their own. */
export interface ConsolidatedMethods {
  readonly multiNode: boolean;
  readonly singleNode: boolean;
}

/** No method is skipped (the first pass, and the re-validation of a command, which upstream does not gate). */
export const noneConsolidated: ConsolidatedMethods = { multiNode: false, singleNode: false };
