/**
 * Defaults of sweeps and threshold searches, in one place (house style point 10). None mirrors an
 * upstream flag: they are this tool's own choices, each with its reason.
 */

/** Simulation seeds per point when neither `--seeds` nor `spec.sweep.seeds` says; one keeps a grid cheap. */
export const DEFAULT_SWEEP_SEEDS_PER_POINT = 1;

/**
 * Quality axis of the Pareto frontier: the harm to workloads the change does not touch, which is
 * what the flagship incident was about (payments' change throttling its neighbours).
 */
export const DEFAULT_QUALITY_METRIC = 'unrelated.throttledRatio.p95';

/** Rows of the terminal table; every row is in --csv and --json. */
export const DEFAULT_TABLE_ROWS = 40;

/** Sampler seed of `random` when the block gives none. */
export const DEFAULT_RANDOM_SAMPLER_SEED = 1;

/** Exit code after Ctrl-C (128 + SIGINT 2, the shell convention). */
export const EXIT_CODE_INTERRUPTED = 130;

/** Probes evaluated per round of a threshold search: 1 is plain bisection, identical on every machine. */
export const DEFAULT_SEARCH_PROBES_PER_ROUND = 1;

/**
 * Values spread over the range and evaluated after the bisection, to test its monotonicity
 * assumption (bisection alone never evaluates outside its bracket, so it cannot see a violation).
 */
export const DEFAULT_SEARCH_VERIFY_POINTS = 2;

/** Decimal places kept when a step range adds steps (0.1 + 0.2 must print as 0.3). */
export const RANGE_DECIMALS = 10;

/**
 * A sweep point whose changed workload drops this share of its requests or more is infeasible:
 * 1 % is well past any availability objective, yet above the trickle a load spike can cause.
 */
export const FEASIBLE_MAX_DROPPED_SHARE = 0.01;

/** ... or whose latency SLO is violated for more than this share of the run (1 %: 14 minutes a day). */
export const FEASIBLE_MAX_SLO_VIOLATION_SHARE = 0.01;
