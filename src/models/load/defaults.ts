/**
 * Load model defaults. Traffic has no upstream Kubernetes source: these are stated assumptions,
 * each to be replaced by the user's own numbers when known.
 */

/** ms in one hour, the unit of random-walk volatility. */
export const HOUR_MS = 3_600_000;

/** ms in one day, the period of the diurnal and weekly shapes. */
export const DAY_MS = 86_400_000;

/**
 * Weekend traffic relative to weekdays when a weekly shape does not say. Assumption for a
 * business-facing service; consumer services often have the opposite pattern (set weekendFactor > 1).
 */
export const DEFAULT_WEEKEND_FACTOR = 0.5;

/** Random-walk step: 5 minutes, a typical dashboard resolution of request-rate graphs. */
export const DEFAULT_RANDOM_WALK_INTERVAL_MS = 5 * 60_000;

/** A replayed recording repeats to fill the scenario's duration unless told otherwise (issue 6). */
export const DEFAULT_REPLAY_LOOP = true;

/** A CPU-usage trace counts all its CPU as request work unless a baseline (idle CPU) is given. */
export const DEFAULT_BASELINE_CPU_CORES = 0;

/**
 * Times a recorded sample may carry: 2000-01-01 to 2100-01-01 UTC. Monitoring data of a running
 * cluster lies within; a timestamp outside is a typo (a digit too many turns Unix seconds into
 * milliseconds of 1970), and replaying the gap it opens would mean decades of grid points.
 */
export const PLAUSIBLE_RECORDING_MS: readonly [number, number] = [Date.UTC(2000, 0, 1), Date.UTC(2100, 0, 1)];
