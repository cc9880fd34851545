import type { RunResult, RunWarning } from '../simulation/run-result.js';
import type { ChangedField } from '../scenario/config-diff.js';
import type { Interval } from './paired-interval.js';
import type { MetricUnit } from './metric-catalog.js';
import type { ResolvedConfiguration } from './resolved-configuration.js';

/** Bump when a key is renamed or removed; adding keys keeps the version. */
export const COMPARISON_SCHEMA_VERSION = 1;

/** One metric before and after, over the seeds. */
export interface MetricComparison {
  readonly unit: MetricUnit;
  /** Means over seeds; null when the metric has no value (no traffic). */
  readonly before: number | null;
  readonly after: number | null;
  /** after - before, paired by seed, with its 95 % interval. */
  readonly delta: Interval | null;
  /** delta relative to the before mean, with its interval; null when before is 0 or missing. */
  readonly relative: { readonly mean: number; readonly low: number; readonly high: number } | null;
  /** The 95 % interval excludes 0 (with one seed: any difference). */
  readonly significant: boolean;
}

export interface AssertionOutcome {
  readonly text: string;
  readonly pass: boolean;
  /** The value compared with the threshold (mean, or the interval bound with a confidence). */
  readonly measured: number | null;
  readonly threshold: number;
  /** Unit of `measured` and `threshold` (a fraction for ratios and relative deltas); null when the text did not parse. */
  readonly unit: MetricUnit | null;
  /** The threshold is a relative change (after / before - 1). */
  readonly relative: boolean;
  readonly message: string;
}

/** An unrelated workload that got worse, with why. */
export interface BlastRadiusEntry {
  readonly workload: string;
  /** Ordering key: larger is worse. */
  readonly severity: number;
  readonly causes: readonly string[];
  readonly throttledRatio: { readonly before: number | null; readonly after: number | null };
  readonly latencyP99Ms: { readonly before: number | null; readonly after: number | null };
  readonly sloViolationMinutes: { readonly before: number | null; readonly after: number | null };
}

export interface ComparedWarning extends RunWarning {
  readonly seeds: readonly number[];
}

export interface ComparisonResult {
  readonly schemaVersion: number;
  readonly scenario: { readonly name: string; readonly file: string; readonly description: string; readonly durationMs: number; readonly seeds: readonly number[] };
  readonly change: {
    readonly description: string;
    readonly fields: readonly ChangedField[];
    /** Workloads with a changed field, plus the added and removed ones. */
    readonly changedWorkloads: readonly string[];
    /** Workloads only the after configuration has (their before values are 0 or n/a). */
    readonly added: readonly string[];
    /** Workloads only the before configuration has. */
    readonly removed: readonly string[];
  };
  readonly verdict: 'pass' | 'fail';
  readonly cluster: Readonly<Record<string, MetricComparison>>;
  readonly workloads: Readonly<Record<string, Readonly<Record<string, MetricComparison>>>>;
  /**
   * Throttled ratio per container of the workloads whose pods run several containers (workload ->
   * container -> comparison), for the containers throttled 1 % or more in either configuration.
   */
  readonly containers: Readonly<Record<string, Readonly<Record<string, MetricComparison>>>>;
  readonly blastRadius: readonly BlastRadiusEntry[];
  /**
   * Unrelated workloads with a statistically significant worsening below the practical floors
   * (report/defaults.ts): listed so nothing measured is hidden, not counted as blast radius.
   */
  readonly minorChanges: readonly { readonly workload: string; readonly changes: readonly string[] }[];
  readonly assertions: readonly AssertionOutcome[];
  /**
   * What the runs could not do or cannot be trusted for (pods Pending, no ready pod, dropped
   * requests, unusable pools, autoscalers that would not launch), per configuration, merged over
   * the seeds: each with the seeds it happened in and the first of those seeds' span and cause.
   */
  readonly warnings: { readonly before: readonly ComparedWarning[]; readonly after: readonly ComparedWarning[] };
  /** What each configuration ran with after import and defaulting (resolved-configuration.ts). */
  readonly configuration: { readonly before: ResolvedConfiguration; readonly after: ResolvedConfiguration | null };
  /** The first seed's runs in full (time series, decisions, events) for charts and explanations. */
  readonly runs: { readonly before: RunResult; readonly after: RunResult };
}
