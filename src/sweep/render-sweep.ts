import { textTable } from '../report/text-table.js';
import { formatValue } from '../report/format-value.js';
import { terminalSafe } from '../report/escape.js';
import type { MetricUnit } from '../report/metric-catalog.js';
import { parsePath } from './path-to-patch.js';
import { isFeasibilityPolicy } from './feasibility-policies.js';
import type { ConfigurationRow, ParameterValues, PointRow, SweepResult } from './types.js';

/**
 * The terminal report of a sweep: the first `maxRows` points (inputs, cost, nodes, the quality
 * metric, throttling and p99 latency of every workload, which policies fail), then the Pareto
 * frontier and the best configuration under the policies.
 */
export function renderSweep(input: SweepResult, qualityUnit: MetricUnit, maxRows: number): string {
  // Names, values and error messages come from the scenario: no control sequence reaches the terminal.
  const result = terminalSafe(input);
  const names = shortNames(result.parameters);
  const manySeeds = result.seeds.length > 1;
  const baseline = new Map(result.baselines.map((b) => [b.seed, b.run?.cost.monthlyUsd ?? null]));
  const head = ['#', ...names, ...(manySeeds ? ['seed'] : []), 'cost/mo', 'Δcost', 'nodes', result.quality, ...result.workloads, 'policies'];
  const rows: string[][] = [head];
  const shown = result.points.slice(0, maxRows);
  for (const p of shown) {
    const before = baseline.get(p.seed) ?? null;
    rows.push([
      String(p.index),
      ...result.parameters.map((path) => showValue(p.values[path])),
      ...(manySeeds ? [String(p.seed)] : []),
      formatValue(p.costMonthlyUsd, 'usd'),
      relative(p.costMonthlyUsd, before),
      formatValue(p.nodesPeak, 'count'),
      formatValue(p.quality, qualityUnit),
      ...result.workloads.map((w) => workloadCell(p, w)),
      verdict(p.status, p.pass, p.assertions, result.assertions),
    ]);
  }
  const out: string[] = [`Sweep of ${result.scenario.name}: ${result.totalPoints} points = ${result.totalPoints / result.seeds.length} configurations x ${result.seeds.length} seed(s)${result.shard ? `, shard ${result.shard.index}/${result.shard.total}` : ''}`, ''];
  out.push(textTable(rows));
  out.push('  workload cells: throttled ratio over the run, p99 latency');
  if (result.points.length > shown.length) out.push(`  showing ${shown.length} of ${result.points.length} points; every row is in --csv and --json`);
  const errors = result.points.filter((p) => p.status === 'error');
  for (const p of errors.slice(0, 10)) out.push(`  point ${p.index}: ERROR ${p.error}`);
  if (errors.length > 10) out.push(`  ... ${errors.length - 10} more errors`);
  if (!result.complete) out.push('', `Interrupted: ${result.points.length} of the shard's points finished.`);
  if (result.assertions.length > 0) out.push('', 'Policies:', ...result.assertions.map((a, i) => `  ${i + 1}. ${a}${isFeasibilityPolicy(a) ? '   (built in: a point that fails it is infeasible)' : ''}`));
  out.push('', `Pareto frontier (cost.monthly vs ${result.quality}, lower is better on both)${result.shard ? ' of this shard only' : ''}:`);
  const byIndex = new Map(result.configurations.map((c) => [c.index, c]));
  const frontier = result.pareto.map((i) => byIndex.get(i)!);
  if (frontier.length === 0) out.push('  (no configuration with both values)');
  else out.push(textTable([['config', 'values', 'cost/mo', 'Δcost', result.quality, 'policies'], ...frontier.map((c) => configurationCells(c, qualityUnit))]));
  const best = result.best === null ? null : byIndex.get(result.best)!;
  out.push('');
  if (result.shard) out.push('Best under the policies: one shard holds part of the sweep; merge the shards (whatif merge) to see it.');
  else if (best) out.push(`Best under the policies (cheapest passing): configuration ${best.index} ${describe(best.values)}: ${formatValue(best.costMonthlyUsd, 'usd')}/mo, ${result.quality} ${formatValue(best.quality, qualityUnit)}`);
  else out.push('Best under the policies: none; no configuration passes every policy.');
  return `${out.join('\n')}\n`;
}

function configurationCells(c: ConfigurationRow, unit: MetricUnit): string[] {
  const delta = c.costDelta === null ? 'n/a' : `${c.costDelta >= 0 ? '+' : ''}${(c.costDelta * 100).toFixed(1)}%`;
  return [String(c.index), describe(c.values), formatValue(c.costMonthlyUsd, 'usd'), delta, formatValue(c.quality, unit), verdict(c.status === 'ok' ? 'ok' : 'error', c.pass, c.assertions, c.assertions.map((a) => a.text))];
}

function workloadCell(p: PointRow, workload: string): string {
  const c = p.workloads[workload];
  if (!c || p.status === 'error') return '-';
  return `${formatValue(c.throttledRatio, 'ratio')} ${formatValue(c.latencyP99Ms, 'ms')}`;
}

function verdict(status: string, pass: boolean, assertions: readonly { pass: boolean }[], texts: readonly string[]): string {
  if (status === 'error') return 'ERROR';
  if (pass) return assertions.length > 0 ? 'pass' : '-';
  const failed = assertions.flatMap((a, i) => (a.pass ? [] : [i]));
  const infeasible = failed.some((i) => isFeasibilityPolicy(texts[i] ?? ''));
  return `${infeasible ? 'INFEASIBLE' : 'FAIL'} ${failed.map((i) => String(i + 1)).join(',')}`;
}

function relative(after: number | null, before: number | null): string {
  if (after === null || before === null || before === 0) return 'n/a';
  const r = (after - before) / before;
  return `${r >= 0 ? '+' : ''}${(r * 100).toFixed(1)}%`;
}

/** `maxReplicas=20 cpu=500m`, by the short parameter names. */
function describe(values: ParameterValues): string {
  const paths = Object.keys(values);
  const names = shortNames(paths);
  return paths.map((p, i) => `${names[i]}=${showValue(values[p])}`).join(' ') || '(no parameters)';
}

function showValue(v: unknown): string {
  return typeof v === 'string' ? v : JSON.stringify(v) ?? '';
}

/** The last segment of each path when those are distinct, else the full paths. */
function shortNames(paths: readonly string[]): string[] {
  const last = paths.map((p) => parsePath(p)?.at(-1) ?? p);
  return new Set(last).size === last.length ? last : [...paths];
}
