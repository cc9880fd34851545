import { evaluateAssertions } from '../report/evaluate-assertions.js';
import { asRunResult } from './run-summary.js';
import { parseQualityMetric } from './quality-metric.js';
import { paretoFrontier } from './pareto-frontier.js';
import { buildBaselineRows, buildPointRows, toCell, type BaselineOutcomeEntry, type PointOutcomeEntry } from './build-point-rows.js';
import { SWEEP_SCHEMA_VERSION, type BaselineRow, type ConfigurationRow, type PointRow, type ShardSpec, type SweepHeader, type SweepResult } from './types.js';

/** Everything a sweep (or a merge of shards) finished, before any aggregation. */
export interface SweepRunData {
  readonly header: SweepHeader;
  readonly shard: ShardSpec | null;
  readonly complete: boolean;
  readonly baselines: readonly BaselineOutcomeEntry[];
  readonly points: readonly PointOutcomeEntry[];
}

/**
 * The sweep's result: a row per finished point, the configurations over their seeds (policies
 * with intervals as in `compare`), the cost/quality Pareto frontier and the cheapest configuration
 * that passes every policy. Pure and order-independent: the same finished work gives the same value
 * whatever the number of workers or shards that produced it.
 */
export function buildSweepResult(data: SweepRunData): SweepResult {
  const { header } = data;
  const quality = parseQualityMetric(header.quality, header.workloads, header.changedWorkloads);
  // The plan validated the name; a merge reads it from files that a plan wrote.
  if (!quality.ok) throw new Error(`${quality.message} (in sweep ${header.sweepId})`);
  const baselines = buildBaselineRows(header, data.baselines);
  const points = buildPointRows(header, quality.metric, baselines, data.points);
  const configurations = buildConfigurations(header, baselines, points);
  const frontier = paretoFrontier(
    configurations
      .filter((c) => c.status === 'ok' && c.costMonthlyUsd !== null && c.quality !== null)
      .map((c) => ({ id: c.index, cost: c.costMonthlyUsd!, quality: c.quality! })),
  );
  const onFrontier = new Set(frontier);
  const best = cheapestPassing(configurations);
  return {
    schemaVersion: SWEEP_SCHEMA_VERSION,
    kind: 'SweepResult',
    ...header,
    shard: data.shard,
    complete: data.complete,
    baselines,
    points,
    configurations: configurations.map((c) => ({ ...c, pareto: onFrontier.has(c.index) })),
    pareto: frontier,
    best,
  };
}

function buildConfigurations(header: SweepHeader, baselines: readonly BaselineRow[], points: readonly PointRow[]): ConfigurationRow[] {
  const bySeed = new Map(baselines.map((b) => [b.seed, b]));
  const groups = new Map<number, PointRow[]>();
  for (const p of points) {
    const g = groups.get(p.configuration);
    if (g) g.push(p);
    else groups.set(p.configuration, [p]);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => a - b)
    .map(([index, rows]) => {
      const ok = rows.filter((r) => r.status === 'ok');
      const status: ConfigurationRow['status'] = ok.length < rows.length ? 'error' : rows.length < header.seeds.length ? 'partial' : 'ok';
      const pairs = ok.map((r) => ({ before: asRunResult(bySeed.get(r.seed)!.run!), after: asRunResult(r.run!) }));
      const assertions = pairs.length > 0 ? evaluateAssertions(header.assertions, pairs, header.workloads, header.changedWorkloads).map(toCell) : [];
      const costAfter = mean(ok.map((r) => r.costMonthlyUsd));
      const costBefore = mean(ok.map((r) => bySeed.get(r.seed)!.run!.cost.monthlyUsd));
      return {
        index,
        values: rows[0]!.values,
        points: rows.map((r) => r.index),
        status,
        costMonthlyUsd: costAfter,
        costDelta: costAfter !== null && costBefore !== null && costBefore !== 0 ? (costAfter - costBefore) / costBefore : null,
        nodesPeak: mean(ok.map((r) => r.nodesPeak)),
        quality: mean(ok.map((r) => r.quality)),
        assertions,
        pass: status === 'ok' && assertions.every((a) => a.pass),
        pareto: false,
      };
    });
}

/** Cheapest passing configuration; ties by quality (a missing quality last), then index. */
function cheapestPassing(configurations: readonly ConfigurationRow[]): number | null {
  const passing = configurations.filter((c) => c.pass && c.costMonthlyUsd !== null);
  passing.sort((a, b) => a.costMonthlyUsd! - b.costMonthlyUsd! || (a.quality ?? Infinity) - (b.quality ?? Infinity) || a.index - b.index);
  return passing[0]?.index ?? null;
}

function mean(values: readonly (number | null)[]): number | null {
  const v = values.filter((x): x is number => x !== null);
  return v.length > 0 ? v.reduce((s, x) => s + x, 0) / v.length : null;
}
