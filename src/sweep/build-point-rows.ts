import { evaluateAssertions } from '../report/evaluate-assertions.js';
import { toJson } from '../report/to-json.js';
import { asRunResult } from './run-summary.js';
import type { QualityMetric } from './quality-metric.js';
import type { AssertionCell, BaselineRow, PointOutcome, PointRow, RunSummary, SweepHeader, SweepPoint, WorkloadColumns } from './types.js';

/** A finished task: the point (or the seed, for a baseline) and how its run went. */
export interface PointOutcomeEntry {
  readonly point: SweepPoint;
  readonly outcome: PointOutcome;
}

export interface BaselineOutcomeEntry {
  readonly seed: number;
  readonly outcome: PointOutcome;
}

/**
 * A run as it reads back from the JSON file (numbers at toJson's 6 significant digits). Every row is
 * computed from this form, so a sweep that writes its JSON and a merge that reads shards' JSON
 * compute the same aggregates from the same numbers, and the bytes agree.
 */
export function asWritten<T>(value: T): T {
  return JSON.parse(toJson(value)) as T;
}

/** Baseline rows in the order of the sweep's seeds, for the seeds that have one. */
export function buildBaselineRows(header: SweepHeader, baselines: readonly BaselineOutcomeEntry[]): BaselineRow[] {
  const bySeed = new Map(baselines.map((b) => [b.seed, b.outcome]));
  const rows: BaselineRow[] = [];
  for (const seed of header.seeds) {
    const o = bySeed.get(seed);
    if (!o) continue;
    rows.push(o.status === 'ok' ? { seed, status: 'ok', error: null, run: asWritten(o.run) } : { seed, status: 'error', error: o.message, run: null });
  }
  return rows;
}

/** One row per finished point, by point index: its metrics and its policies against its seed's baseline. */
export function buildPointRows(header: SweepHeader, quality: QualityMetric, baselines: readonly BaselineRow[], entries: readonly PointOutcomeEntry[]): PointRow[] {
  const bySeed = new Map(baselines.map((b) => [b.seed, b]));
  return [...entries]
    .sort((a, b) => a.point.index - b.point.index)
    .map(({ point, outcome }) => {
      const run = outcome.status === 'ok' ? asWritten(outcome.run) : null;
      const baseline = bySeed.get(point.seed);
      const base = { index: point.index, configuration: point.configuration, seed: point.seed, values: point.values };
      const error = outcome.status === 'error' ? outcome.message : !baseline ? `no baseline run for seed ${point.seed}` : baseline.status === 'error' ? `the baseline (before) run of seed ${point.seed} failed: ${baseline.error}` : null;
      if (error !== null || !run || !baseline?.run) {
        return { ...base, status: 'error', error, ...metricColumns(header, quality, run, baseline?.run ?? null), assertions: [], pass: false, run };
      }
      const assertions = evaluateAssertions(header.assertions, [{ before: asRunResult(baseline.run), after: asRunResult(run) }], header.workloads, header.changedWorkloads).map(toCell);
      return { ...base, status: 'ok', error: null, ...metricColumns(header, quality, run, baseline.run), assertions, pass: assertions.every((a) => a.pass), run };
    });
}

/** An assertion outcome as a row cell. */
export function toCell(a: { text: string; pass: boolean; measured: number | null; message: string }): AssertionCell {
  return { text: a.text, pass: a.pass, measured: a.measured, message: a.message };
}

function metricColumns(header: SweepHeader, quality: QualityMetric, run: RunSummary | null, before: RunSummary | null) {
  const workloads: Record<string, WorkloadColumns> = {};
  for (const name of header.workloads) {
    const w = run?.workloads[name];
    workloads[name] = {
      throttledRatio: w ? w.throttling.ratio : null,
      throttledRatioP95: w ? w.throttling.p95IntervalRatio : null,
      latencyP99Ms: w ? w.latency.p99Ms : null,
    };
  }
  return {
    costMonthlyUsd: run ? run.cost.monthlyUsd : null,
    nodesPeak: run ? run.nodes.peak : null,
    nodesMean: run ? run.nodes.mean : null,
    quality: run && before ? quality.read(run, before) : null,
    workloads,
  };
}
