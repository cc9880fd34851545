import type { RunResult } from '../simulation/run-result.js';
import type { LoadedScenario } from '../scenario/load-scenario.js';
import { pairedInterval } from './paired-interval.js';
import { clusterMetrics, readWorkloadMetric, workloadMetrics, type MetricUnit } from './metric-catalog.js';
import { evaluateAssertions } from './evaluate-assertions.js';
import { findBlastRadius, findMinorChanges } from './blast-radius.js';
import { COMPARISON_SCHEMA_VERSION, type AssertionOutcome, type ComparedWarning, type ComparisonResult, type MetricComparison } from './comparison.js';
import type { RunWarning } from '../simulation/run-result.js';
import * as D from './defaults.js';
import { resolvedConfigurations } from './resolved-configuration.js';

export interface SeedPair {
  readonly seed: number;
  readonly before: RunResult;
  readonly after: RunResult;
}

/** Workloads the change touches: a changed field under workloads.<name>, or added or removed. */
export function changedWorkloads(loaded: LoadedScenario): string[] {
  const names = new Set<string>();
  for (const f of loaded.change.fields) {
    const m = /^workloads\.([^.]+)(\.|$)/.exec(f.path);
    if (m) names.add(m[1]!);
  }
  for (const n of [...loaded.change.added, ...loaded.change.removed]) names.add(n);
  return [...names];
}

/** Every workload of either configuration: the before ones in order, then the added ones. */
export function allWorkloadNames(loaded: LoadedScenario): string[] {
  const names = loaded.before.workloads.map((w) => w.name);
  for (const w of loaded.after?.workloads ?? []) if (!names.includes(w.name)) names.push(w.name);
  return names;
}

/** Before vs after over every seed pair: metric intervals, blast radius, assertions. Pure. */
export function buildComparison(loaded: LoadedScenario, pairs: readonly SeedPair[]): ComparisonResult {
  const before = loaded.before;
  const changed = changedWorkloads(loaded);
  const workloadNames = allWorkloadNames(loaded);
  const cluster: Record<string, MetricComparison> = {};
  for (const [name, m] of Object.entries(clusterMetrics)) {
    cluster[name] = compareValues(m.unit, pairs.map((p) => m.read(p.before)), pairs.map((p) => m.read(p.after)));
  }
  const workloads: Record<string, Record<string, MetricComparison>> = {};
  for (const w of workloadNames) {
    const row: Record<string, MetricComparison> = {};
    for (const [name, m] of Object.entries(workloadMetrics)) {
      row[name] = compareValues(
        m.unit,
        pairs.map((p) => readWorkloadMetric(m, p.before, w)),
        pairs.map((p) => readWorkloadMetric(m, p.after, w)),
      );
    }
    workloads[w] = row;
  }
  const containers = compareContainers(workloadNames, pairs);
  const assertions = [...evaluateAssertions(before.assertions, pairs, workloadNames, changed), ...servesItsLoad(loaded, pairs)];
  const first = pairs[0]!;
  const blastRadius = findBlastRadius(loaded, workloads, first, changed);
  return {
    schemaVersion: COMPARISON_SCHEMA_VERSION,
    scenario: { name: before.name, file: loaded.file, description: before.description, durationMs: before.durationMs, seeds: pairs.map((p) => p.seed) },
    change: { description: loaded.change.description, fields: loaded.change.fields, changedWorkloads: changed, added: loaded.change.added, removed: loaded.change.removed },
    verdict: assertions.every((a) => a.pass) ? 'pass' : 'fail',
    cluster,
    workloads,
    containers,
    blastRadius,
    minorChanges: findMinorChanges(loaded, workloads, changed, blastRadius.map((b) => b.workload)),
    assertions,
    warnings: { before: mergeWarnings(pairs.map((p) => p.before)), after: mergeWarnings(pairs.map((p) => p.after)) },
    configuration: resolvedConfigurations(loaded),
    runs: { before: first.before, after: first.after },
  };
}

/** A container of a multi-container pod is shown when it is throttled 1 % or more on either side. */
const CONTAINER_THROTTLED = 0.01;

/** Throttled ratio per container of multi-container workloads, for the containers that are throttled. */
function compareContainers(names: readonly string[], pairs: readonly SeedPair[]): Record<string, Record<string, MetricComparison>> {
  const out: Record<string, Record<string, MetricComparison>> = {};
  for (const w of names) {
    const containerNames = new Set<string>();
    for (const p of pairs) for (const run of [p.before, p.after]) for (const c of Object.keys(run.workloads[w]?.containers ?? {})) containerNames.add(c);
    for (const c of containerNames) {
      const read = (run: SeedPair['before']): number | null => run.workloads[w]?.containers?.[c]?.throttledRatio ?? null;
      const m = compareValues('ratio', pairs.map((p) => read(p.before)), pairs.map((p) => read(p.after)));
      if ((m.before ?? 0) >= CONTAINER_THROTTLED || (m.after ?? 0) >= CONTAINER_THROTTLED) (out[w] ??= {})[c] = m;
    }
  }
  return out;
}

/** Means, paired delta interval and relative change of one metric over the seeds. */
export function compareValues(unit: MetricUnit, before: readonly (number | null)[], after: readonly (number | null)[]): MetricComparison {
  const pairs: [number, number][] = [];
  for (let i = 0; i < before.length; i++) {
    const b = before[i];
    const a = after[i];
    if (b !== null && b !== undefined && a !== null && a !== undefined) pairs.push([b, a]);
  }
  const mean = (xs: readonly (number | null)[]): number | null => {
    const v = xs.filter((x): x is number => x !== null);
    return v.length ? v.reduce((s, x) => s + x, 0) / v.length : null;
  };
  if (pairs.length === 0) return { unit, before: mean(before), after: mean(after), delta: null, relative: null, significant: false };
  const delta = pairedInterval(pairs.map(([b, a]) => a - b));
  const beforeMean = pairs.reduce((s, [b]) => s + b, 0) / pairs.length;
  const relative = beforeMean !== 0 ? { mean: delta.mean / beforeMean, low: delta.low / beforeMean, high: delta.high / beforeMean } : null;
  // Differences below a part per million of the level are float noise, not a change.
  const negligible = Math.abs(delta.mean) <= 1e-6 * Math.max(1e-9, Math.abs(beforeMean));
  const significant = !negligible && (delta.n === 1 ? delta.mean !== 0 : delta.low > 0 || delta.high < 0);
  return { unit, before: mean(before), after: mean(after), delta, relative, significant };
}

/**
 * The built-in check behind every verdict: the after configuration serves its load. A workload of
 * the after configuration that drops UNSERVED_SHARE or more of its requests (mean over the seeds)
 * fails the compare whatever the written policies say; it is reported only when it fails.
 */
function servesItsLoad(loaded: LoadedScenario, pairs: readonly SeedPair[]): AssertionOutcome[] {
  const worst: { name: string; ratio: number }[] = [];
  for (const w of loaded.after?.workloads ?? []) {
    const ratios = pairs.map((p) => {
      const r = p.after.workloads[w.name]?.requests;
      return r && r.total > 0 ? r.dropped / r.total : 0;
    });
    const mean = ratios.reduce((a, b) => a + b, 0) / Math.max(1, ratios.length);
    if (mean >= D.UNSERVED_SHARE) worst.push({ name: w.name, ratio: mean });
  }
  if (worst.length === 0) return [];
  worst.sort((a, b) => b.ratio - a.ratio);
  const list = worst.map((w) => `${w.name} drops ${(w.ratio * 100).toFixed(1)}%`).join(', ');
  return [
    {
      text: `the after configuration serves its load (every workload drops < ${(D.UNSERVED_SHARE * 100).toFixed(0)}% of its requests)`,
      pass: false,
      measured: worst[0]!.ratio,
      threshold: D.UNSERVED_SHARE,
      unit: 'ratio',
      relative: false,
      message: `the after configuration cannot serve its load: ${list} of its requests (mean over seeds); see the warnings`,
    },
  ];
}

/** Warnings of several seeds' runs of one configuration, one per kind and subject, with the seeds. */
function mergeWarnings(runs: readonly RunResult[]): ComparedWarning[] {
  const byKey = new Map<string, { first: RunWarning; seeds: number[] }>();
  for (const run of runs) {
    for (const w of run.warnings) {
      const key = `${w.kind}/${w.workload ?? ''}/${w.pool ?? ''}`;
      const entry = byKey.get(key);
      if (!entry) byKey.set(key, { first: w, seeds: [run.seed] });
      else if (!entry.seeds.includes(run.seed)) entry.seeds.push(run.seed);
    }
  }
  return [...byKey.values()].map(({ first, seeds }) => ({ ...first, seeds }));
}
