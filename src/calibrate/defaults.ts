/**
 * Defaults of calibration and backtesting, each with where it comes from. Times in ms.
 */

/**
 * Huber's tuning constant: 95 % efficiency against least squares when the errors are normal, while
 * an outlier's pull is capped at k robust standard deviations (Huber 1964; the value R's
 * MASS::rlm and statsmodels' HuberT use).
 */
export const HUBER_K = 1.345;

/** MAD / 0.6745 estimates the standard deviation of normal data (the normal's 3rd quartile). */
export const MAD_TO_SIGMA = 1 / 0.6745;

/** Two-sided 95 % normal quantile for the confidence intervals. */
export const Z_95 = 1.959964;

/** IRLS stops when no coefficient moves by more than this share of its size. */
export const IRLS_TOLERANCE = 1e-9;
export const IRLS_MAX_ITERATIONS = 100;

/**
 * A sample interval this many times the recording's step counts as a gap (a scrape or a target
 * missing): no rate is computed across it and no point is fitted there.
 */
export const GAP_FACTOR = 2.5;

/**
 * Points within this long after the replica count changed are left out of the fit: new pods warm
 * up (JIT, caches, connection pools) and the rate windows straddle the change. Two minutes covers
 * a `rate(...[1m])` window on both sides.
 */
export const SETTLE_MS = 120_000;

/**
 * Largest delay of the CPU series behind the request rate searched by the fit: a metrics-server
 * sample covers up to its resolution (60 s upstream default, `--metric-resolution`) and a
 * `rate(...[1m])` is centred 30 s back.
 */
export const MAX_LAG_MS = 90_000;

/**
 * Points whose CFS throttled ratio exceeds this are left out: the CPU usage of a throttled
 * container is capped by its quota, so it says less than what the requests needed.
 */
export const MAX_THROTTLED_RATIO = 0.05;

/**
 * A fit needs the load per pod to vary: below this coefficient of variation of requests/s per pod
 * the slope (CPU per request) and the intercept (idle CPU) cannot be told apart.
 */
export const MIN_LOAD_CV = 0.1;

/** Fewer usable points than this and no parameter is fitted. */
export const MIN_POINTS = 8;

/**
 * Replica changes closer together than this belong to one scale episode (2 -> 6 -> 9 -> 10 within
 * a minute is one scale-up): upstream's HPA acts every 15 s (`--horizontal-pod-autoscaler-sync-period`),
 * so one reaction to one load change can take several syncs.
 */
export const EPISODE_GAP_MS = 60_000;

/**
 * A simulated scale episode further than this from a recorded one of the same direction does not
 * match it; a missed or extra episode costs this much in the event-timing score.
 */
export const EVENT_TOLERANCE_MS = 600_000;

/**
 * Latency points whose modelled probability of waiting for a worker (Erlang C, docs/models/latency.md)
 * is below this are taken as queue-free: their latency quantiles are those of the service time
 * alone, which is what the spread of CPU per request is read from.
 */
export const MAX_WAIT_PROBABILITY = 0.05;

/**
 * Bucket bounds whose cumulative share of requests is within this of 0 or 1 are left out of a
 * point's probit line: a few requests there move Φ⁻¹ a lot.
 */
export const PROBIT_TAIL = 0.02;

/**
 * The mean service time implied by the latency quantiles may differ from cpuPerRequest by at most
 * this factor before the latency is taken to hold more than CPU time (I/O, downstream calls), whose
 * spread is not that of CPU per request.
 */
export const MAX_SERVICE_RATIO = 2;
