import { sweepPolicies } from './feasibility-policies.js';
import { changedWorkloads } from '../report/build-comparison.js';
import type { Scenario } from '../scenario/types.js';
import { buildSweepResult } from './build-sweep-result.js';
import type { BaselineOutcomeEntry, PointOutcomeEntry } from './build-point-rows.js';
import type { SweepBase } from './load-sweep-base.js';
import { workloadOfPath } from './plan-sweep.js';
import { parseQualityMetric } from './quality-metric.js';
import { rangeValues } from './range-values.js';
import { runTasks } from './run-tasks.js';
import { searchThreshold, type ThresholdSearchOptions, type ThresholdSearchResult } from './search-threshold.js';
import type { TaskRunner } from './worker-pool.js';
import type { PointTask, SweepHeader, SweepPoint, SweepResult } from './types.js';

export interface SearchRequest extends ThresholdSearchOptions {
  /** The parameter, as a sweep path (`workloads.payments.hpa.maxReplicas`). */
  readonly path: string;
  /** Appended to each value as written ("m" makes 500 into "500m"). */
  readonly suffix: string;
  readonly seeds: readonly number[];
  readonly quality: string;
}

export interface SearchRun {
  readonly threshold: ThresholdSearchResult;
  /** Every evaluated value as a configuration of a sweep (rows, policies, cost). */
  readonly evaluated: SweepResult;
  readonly interrupted: boolean;
  /** Values whose configuration is not a valid scenario, with why. */
  readonly unresolved: readonly { readonly value: number; readonly message: string }[];
}

export interface SearchExecution {
  readonly runner: TaskRunner;
  readonly concurrency: number;
  readonly interrupt?: AbortSignal;
  readonly onEvaluated?: (value: number, pass: boolean | null) => void;
}

/** Checks a search before running it: a usable path at both ends, policies to satisfy, a quality metric. */
export function checkSearch(base: SweepBase, request: SearchRequest): string[] {
  const problems: string[] = [];
  if (base.loaded.before.assertions.length === 0) problems.push('the scenario has no policies (spec.assert): every value would pass');
  const values = rangeValues(request.min, request.max, request.step);
  if (!values.ok) problems.push(`--min/--max/--step: ${values.message}`);
  for (const end of [request.min, request.max]) {
    const r = base.resolve({ [request.path]: written(end, request.suffix) });
    if (!r.ok) problems.push(`--param ${request.path} at ${written(end, request.suffix)}: ${r.message}${r.hint ? `; ${r.hint}` : ''}`);
  }
  const workloads = base.loaded.before.workloads.map((w) => w.name);
  const quality = parseQualityMetric(request.quality, workloads, changedOf(base, request.path));
  if (!quality.ok) problems.push(quality.message);
  return problems;
}

/**
 * The threshold search of `whatif search`: each value is a configuration run with every seed
 * against the seeds' baselines (computed once) and passes when every policy passes over the seeds,
 * exactly as `whatif compare` decides its verdict. The values' runs share the pool.
 */
export async function runSearch(base: SweepBase, request: SearchRequest, exec: SearchExecution): Promise<SearchRun> {
  const { loaded } = base;
  const workloads = loaded.before.workloads.map((w) => w.name);
  const configurations: { value: number; scenario: Scenario | null; message: string | null }[] = [];
  const baselines: BaselineOutcomeEntry[] = [];
  const points: PointOutcomeEntry[] = [];
  const header = (): SweepHeader => ({
    sweepId: 'search',
    scenario: { name: loaded.before.name, file: loaded.file, durationMs: loaded.before.durationMs },
    parameters: [request.path],
    seeds: request.seeds,
    quality: request.quality,
    assertions: sweepPolicies(loaded.before.assertions, changedOf(base, request.path), loaded.before.durationMs),
    workloads,
    changedWorkloads: changedOf(base, request.path),
    totalPoints: points.length,
  });
  let interrupted = false;

  const evaluate = async (values: readonly number[]): Promise<(boolean | null)[]> => {
    const fresh = values.map((value) => {
      const r = base.resolve({ [request.path]: written(value, request.suffix) });
      configurations.push({ value, scenario: r.ok ? r.scenario : null, message: r.ok ? null : r.message });
      return configurations.length - 1;
    });
    const neededSeeds = baselines.length === 0 ? request.seeds : [];
    const newPoints: SweepPoint[] = [];
    for (const c of fresh) {
      const conf = configurations[c]!;
      if (!conf.scenario) continue;
      for (const seed of request.seeds) newPoints.push({ index: points.length + newPoints.length, configuration: c, seed, values: { [request.path]: written(conf.value, request.suffix) } });
    }
    const tasks: PointTask[] = [
      ...neededSeeds.map((seed) => ({ label: `baseline seed ${seed}`, scenario: loaded.before, seed, testCrash: null })),
      ...newPoints.map((p) => ({ label: `value ${configurations[p.configuration]!.value} seed ${p.seed}`, scenario: configurations[p.configuration]!.scenario!, seed: p.seed, testCrash: null })),
    ];
    const outcomes = await runTasks(tasks, exec.runner, { concurrency: exec.concurrency, ...(exec.interrupt ? { interrupt: exec.interrupt } : {}) });
    if (outcomes.some((o) => o === undefined)) {
      interrupted = true;
      return values.map(() => null);
    }
    neededSeeds.forEach((seed, i) => baselines.push({ seed, outcome: outcomes[i]! }));
    newPoints.forEach((point, i) => points.push({ point, outcome: outcomes[neededSeeds.length + i]! }));
    const result = buildSweepResult({ header: header(), shard: null, complete: true, baselines, points });
    return fresh.map((c) => {
      const row = result.configurations.find((r) => r.index === c);
      const pass = row && row.status === 'ok' ? row.pass : null;
      exec.onEvaluated?.(configurations[c]!.value, pass);
      return pass;
    });
  };

  const threshold = await searchThreshold(request, evaluate);
  const evaluated = buildSweepResult({ header: header(), shard: null, complete: !interrupted, baselines, points });
  const unresolved = configurations.flatMap((c) => (c.message === null ? [] : [{ value: c.value, message: c.message }]));
  return { threshold, evaluated, interrupted, unresolved };
}

function written(value: number, suffix: string): number | string {
  return suffix ? `${value}${suffix}` : value;
}

function changedOf(base: SweepBase, path: string): string[] {
  const workloads = base.loaded.before.workloads.map((w) => w.name);
  const own = workloadOfPath(path, workloads);
  return [...new Set([...changedWorkloads(base.loaded), ...(own ? [own] : [])])].sort();
}
