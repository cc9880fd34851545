/**
 * Report defaults: how large a worsening must be before the blast radius lists it. A change must
 * be statistically significant (its interval excludes 0) AND at least this large, so that noise
 * from one seed or a sub-millisecond shift is not called a regression.
 */
export const BLAST_RADIUS_MIN_THROTTLE_POINTS = 0.01; // 1 percentage point of throttled periods
export const BLAST_RADIUS_MIN_P99_RELATIVE = 0.1; // p99 latency 10 % higher ...
export const BLAST_RADIUS_MIN_P99_MS = 1; // ... and at least 1 ms higher
export const BLAST_RADIUS_MIN_SLO_MINUTES = 1;
export const BLAST_RADIUS_MIN_DROPPED_POINTS = 0.001; // 0.1 percentage point of requests

/**
 * A configuration that drops this share of a workload's requests (no ready endpoint, or given up
 * after the client timeout) does not serve its load: the compare fails whatever the policies say.
 * 5 % is far beyond any availability objective a service would run with (99.9 % allows 0.1 %).
 */
export const UNSERVED_SHARE = 0.05;

/**
 * Workloads listed in a terminal report's tables when `--top` does not say: a screenful that fits
 * the changed workloads, the blast radius and the busiest of the rest; a cluster of hundreds of
 * workloads would otherwise scroll the verdict away. The JSON, Markdown and HTML list every one.
 */
export const DEFAULT_TOP_WORKLOADS = 25;
