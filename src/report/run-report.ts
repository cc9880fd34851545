import { wrap } from './terminal-report.js';
import type { Scenario } from '../scenario/types.js';
import type { RunResult } from '../simulation/run-result.js';
import { formatValue } from './format-value.js';
import { textTable } from './text-table.js';
import { formatDuration } from '../quantities/duration.js';
import type { Colors } from './colors.js';
import { terminalSafe, terminalText } from './escape.js';
import { DEFAULT_TOP_WORKLOADS } from './defaults.js';
import { moreLine, topWorkloads } from './top-workloads.js';

/**
 * The `run` report: one configuration, one seed. With more than `top` workloads (0: no limit) the
 * table lists those in trouble first (SLO minutes, dropped requests, throttling), then the busiest.
 */
export function renderRun(scenario: Scenario, run: RunResult, c: Colors, top: number = DEFAULT_TOP_WORKLOADS): string {
  // Names and messages come from the scenario: no control sequence reaches the terminal.
  const r = terminalSafe(run);
  const out: string[] = [];
  out.push(c.bold(`kube-whatif run: ${terminalText(scenario.name)}`) + c.dim(`  (${formatDuration(r.durationMs)} simulated, seed ${r.seed})`));
  out.push('');
  out.push(`  cost per month ${formatValue(r.cost.monthlyUsd, 'usd')}   nodes peak ${r.nodes.peak}, mean ${r.nodes.mean.toFixed(1)}`);
  for (const [name, p] of Object.entries(r.pools)) {
    out.push(c.dim(`  pool ${name}: ${p.nodeHours.toFixed(1)} node-hours, ${formatValue(p.costUsd, 'usd')}, peak ${p.peakNodes} nodes`));
  }
  out.push('');
  const rows: string[][] = [['workload', 'replicas mean/peak', 'cpu used', 'throttled', 'p50', 'p99', 'SLO min', 'dropped']];
  const dropped = (w: RunResult['workloads'][string]) => (w.requests.total > 0 ? w.requests.dropped / w.requests.total : 0);
  const { shown, hidden } = topWorkloads(Object.keys(r.workloads), top, (a, b) => {
    const x = r.workloads[a]!;
    const y = r.workloads[b]!;
    return (
      y.latency.sloViolatedSeconds - x.latency.sloViolatedSeconds ||
      dropped(y) - dropped(x) ||
      y.throttling.ratio - x.throttling.ratio ||
      y.cpu.meanReceivedCores - x.cpu.meanReceivedCores ||
      (a < b ? -1 : a > b ? 1 : 0)
    );
  });
  for (const name of shown) {
    const w = r.workloads[name]!;
    rows.push([
      name,
      `${w.replicas.mean.toFixed(1)} / ${w.replicas.peak}`,
      formatValue(w.cpu.meanReceivedCores, 'cores'),
      formatValue(w.throttling.ratio, 'ratio'),
      formatValue(w.latency.p50Ms, 'ms'),
      formatValue(w.latency.p99Ms, 'ms'),
      (w.latency.sloViolatedSeconds / 60).toFixed(1),
      formatValue(dropped(w), 'ratio'),
    ]);
  }
  out.push(textTable(rows));
  if (hidden) out.push(c.dim(moreLine(hidden, 'workload', 'SLO misses, drops, throttling, then the busiest')));
  if (r.warnings.length) {
    out.push('', c.bold(c.yellow('Warnings')) + c.dim('   (what these numbers cannot be trusted for)'));
    for (const w of r.warnings) out.push(...wrap(`${w.message}${w.cause ? `: ${w.cause}` : ''}`, 94).map((l, i) => (i === 0 ? `  ${c.yellow('!')} ${l}` : `      ${l}`)));
  }
  return out.join('\n') + '\n';
}
