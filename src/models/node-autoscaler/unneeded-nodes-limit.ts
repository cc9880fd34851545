/**
 * How many removable nodes one Cluster Autoscaler loop looks for before it stops simulating drains
 * (core/scaledown/planner/planner.go unneededNodesLimit). With N = --max-scale-down-parallelism,
 * the planner wants the nodes it already knows plus N to delete now plus N as a buffer, but never
 * more than N per loop over the unneeded time, plus the buffer: a node needs U / I loops (unneeded
 * time U, loop interval I) before it can go, so more than N·U/I unneeded nodes could not be removed
 * any faster. Candidates past the limit are skipped, neither unneeded nor unremovable, which keeps
 * a large cluster's loop from simulating the drain of every half-empty node every 10 seconds.
 */

/** Planner state the limit reads: the previous loop's time and the shortest interval seen. */
export interface UnneededLimitState {
  /** Simulated time of the previous scale-down update, ms; null before the first. */
  readonly lastUpdateMs: number | null;
  /** Shortest interval between two updates so far, ms (upstream starts it at the unneeded time). */
  readonly minUpdateIntervalMs: number;
  /** Unneeded nodes found by the previous update (including those it then started deleting). */
  readonly unneededCount: number;
}

/** The state before the first loop (planner.New: minUpdateInterval = unneeded time, or 1 ns when 0). */
export function initialUnneededLimitState(scaleDownUnneededTimeMs: number): UnneededLimitState {
  return { lastUpdateMs: null, minUpdateIntervalMs: scaleDownUnneededTimeMs > 0 ? scaleDownUnneededTimeMs : 1e-6, unneededCount: 0 };
}

/** The state as UpdateClusterState leaves it at `nowMs`, before the candidates are simulated. */
export function advanceUnneededLimitState(state: UnneededLimitState, nowMs: number): UnneededLimitState {
  // Upstream's first interval runs from the zero time, so it never lowers the minimum.
  const interval = state.lastUpdateMs === null ? Infinity : nowMs - state.lastUpdateMs;
  return { lastUpdateMs: nowMs, minUpdateIntervalMs: Math.min(state.minUpdateIntervalMs, interval), unneededCount: state.unneededCount };
}

/** The limit on removable nodes for this loop. */
export function unneededNodesLimit(state: UnneededLimitState, maxScaleDownParallelism: number, scaleDownUnneededTimeMs: number): number {
  const n = maxScaleDownParallelism;
  const extraBuffer = n;
  const limit = state.unneededCount + n + extraBuffer;
  const loopInterval = state.minUpdateIntervalMs;
  const u = Math.max(scaleDownUnneededTimeMs, loopInterval);
  // Go's integer division of two durations.
  const upperBound = n * Math.floor(u / loopInterval) + extraBuffer;
  return Math.min(upperBound, limit);
}
