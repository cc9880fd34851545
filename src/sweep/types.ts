/**
 * Plain data of sweeps: what a point is, what a worker receives and returns, and the rows of the
 * result. Everything here survives structured cloning and a JSON round trip (no functions, no class
 * instances), so it crosses thread and machine boundaries unchanged.
 */
import type { Scenario } from '../scenario/types.js';
import type { RunResult } from '../simulation/run-result.js';
import type { AssertionOutcome } from '../report/comparison.js';

/** A parameter's values in one point, keyed by path (`workloads.payments.hpa.maxReplicas`), as written in YAML. */
export type ParameterValues = Readonly<Record<string, unknown>>;

/** A grid parameter: every value is combined with every value of the other grid parameters. */
export interface GridParameter {
  readonly path: string;
  readonly values: readonly unknown[];
}

/** How a random parameter is drawn. */
export type RandomRange =
  | { readonly kind: 'uniform'; readonly min: number; readonly max: number; readonly integer: boolean; readonly suffix: string }
  | { readonly kind: 'choice'; readonly values: readonly unknown[] };

export interface RandomParameter {
  readonly path: string;
  readonly range: RandomRange;
}

/** A sweep resolved from `spec.sweep` and flags: what to vary and with which seeds. */
export interface SweepSpec {
  readonly grid: readonly GridParameter[];
  readonly random: { readonly count: number; readonly seed: number; readonly parameters: readonly RandomParameter[] } | null;
  /** Simulation seeds, each crossed with every configuration. */
  readonly seeds: readonly number[];
  /** Quality axis of the Pareto frontier (assertion metric name). */
  readonly quality: string;
}

/** One unit of work: a configuration (a value for every parameter) with one seed. */
export interface SweepPoint {
  /** Position in the stable order: configuration-major, seed-minor. */
  readonly index: number;
  readonly configuration: number;
  readonly seed: number;
  readonly values: ParameterValues;
}

/** What a run leaves for a sweep: its summaries (what the metric catalog reads), without time series or logs. */
export type RunSummary = Omit<RunResult, 'series' | 'hpaDecisions' | 'events'>;

/** Test-only failure injected in a worker (WHATIF_SWEEP_TEST_CRASH_POINT / _MODE). */
export type TestCrash = 'throw' | 'exit' | 'hang';

/** What a worker receives: plain data only. */
export interface PointTask {
  /** For messages: "point 12" or "baseline seed 42". */
  readonly label: string;
  /** The resolved configuration to simulate (the point's values already applied). */
  readonly scenario: Scenario;
  readonly seed: number;
  readonly testCrash: TestCrash | null;
}

/** What comes back for a task; a crash or a timeout is an outcome, never a thrown error. */
export type PointOutcome = { readonly status: 'ok'; readonly run: RunSummary } | { readonly status: 'error'; readonly message: string };

/** The columns a table shows for each workload. */
export interface WorkloadColumns {
  readonly throttledRatio: number | null;
  readonly throttledRatioP95: number | null;
  readonly latencyP99Ms: number | null;
}

/** An assertion's outcome without the threshold repeated on every row. */
export type AssertionCell = Pick<AssertionOutcome, 'text' | 'pass' | 'measured' | 'message'>;

/** One row per point. */
export interface PointRow {
  readonly index: number;
  readonly configuration: number;
  readonly seed: number;
  readonly values: ParameterValues;
  /** error: the point's run or its seed's baseline crashed or timed out. */
  readonly status: 'ok' | 'error';
  readonly error: string | null;
  readonly costMonthlyUsd: number | null;
  readonly nodesPeak: number | null;
  readonly nodesMean: number | null;
  readonly quality: number | null;
  readonly workloads: Readonly<Record<string, WorkloadColumns>>;
  /** Every policy of the scenario on this point's pair (its seed's baseline, the point). */
  readonly assertions: readonly AssertionCell[];
  readonly pass: boolean;
  /** The point's own run; kept so shards merge into exactly the unsharded result. */
  readonly run: RunSummary | null;
}

/** The before configuration's run for one seed, shared by every point with that seed. */
export interface BaselineRow {
  readonly seed: number;
  readonly status: 'ok' | 'error';
  readonly error: string | null;
  readonly run: RunSummary | null;
}

/** A configuration over all its seeds: means, and policies with their intervals as `compare` does. */
export interface ConfigurationRow {
  readonly index: number;
  readonly values: ParameterValues;
  readonly points: readonly number[];
  /** partial: a shard holds only some of its seeds. */
  readonly status: 'ok' | 'error' | 'partial';
  readonly costMonthlyUsd: number | null;
  /** Relative change of the monthly cost against the baselines of the same seeds. */
  readonly costDelta: number | null;
  readonly nodesPeak: number | null;
  readonly quality: number | null;
  readonly assertions: readonly AssertionCell[];
  readonly pass: boolean;
  readonly pareto: boolean;
}

/** What identifies a sweep and how to read its rows; identical in every shard of one sweep. */
export interface SweepHeader {
  /** sha256 of the configurations, points, seeds and quality metric: shards of one sweep share it. */
  readonly sweepId: string;
  readonly scenario: { readonly name: string; readonly file: string; readonly durationMs: number };
  readonly parameters: readonly string[];
  readonly seeds: readonly number[];
  readonly quality: string;
  readonly assertions: readonly string[];
  readonly workloads: readonly string[];
  /** Workloads the change or a swept path touches: the others are "unrelated" in policies. */
  readonly changedWorkloads: readonly string[];
  readonly totalPoints: number;
}

export interface ShardSpec {
  /** 1-based, as GitLab's CI_NODE_INDEX. */
  readonly index: number;
  readonly total: number;
}

/** The JSON a sweep writes (shape documented in README, "Sweeps"). */
export interface SweepResult extends SweepHeader {
  readonly schemaVersion: number;
  readonly kind: 'SweepResult';
  readonly shard: ShardSpec | null;
  /** false after Ctrl-C: only the finished rows are present. */
  readonly complete: boolean;
  readonly baselines: readonly BaselineRow[];
  readonly points: readonly PointRow[];
  readonly configurations: readonly ConfigurationRow[];
  /** Configuration indices on the cost/quality Pareto frontier, cheapest first. */
  readonly pareto: readonly number[];
  /** The cheapest configuration that passes every policy; null when none does. */
  readonly best: number | null;
}

/** Bump when a key is renamed or removed. */
export const SWEEP_SCHEMA_VERSION = 1;
