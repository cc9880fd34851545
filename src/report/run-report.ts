import { wrap } from './terminal-report.js';
import type { Scenario } from '../scenario/types.js';
import type { RunResult } from '../simulation/run-result.js';
import { formatValue } from './format-value.js';
import { textTable } from './text-table.js';
import { formatDuration } from '../quantities/duration.js';
import type { Colors } from './colors.js';
import { terminalSafe, terminalText } from './escape.js';

/** The `run` report: one configuration, one seed. */
export function renderRun(scenario: Scenario, run: RunResult, c: Colors): string {
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
  for (const [name, w] of Object.entries(r.workloads)) {
    rows.push([
      name,
      `${w.replicas.mean.toFixed(1)} / ${w.replicas.peak}`,
      formatValue(w.cpu.meanReceivedCores, 'cores'),
      formatValue(w.throttling.ratio, 'ratio'),
      formatValue(w.latency.p50Ms, 'ms'),
      formatValue(w.latency.p99Ms, 'ms'),
      (w.latency.sloViolatedSeconds / 60).toFixed(1),
      formatValue(w.requests.total > 0 ? w.requests.dropped / w.requests.total : 0, 'ratio'),
    ]);
  }
  out.push(textTable(rows));
  if (r.warnings.length) {
    out.push('', c.bold(c.yellow('Warnings')) + c.dim('   (what these numbers cannot be trusted for)'));
    for (const w of r.warnings) out.push(...wrap(`${w.message}${w.cause ? `: ${w.cause}` : ''}`, 94).map((l, i) => (i === 0 ? `  ${c.yellow('!')} ${l}` : `      ${l}`)));
  }
  return out.join('\n') + '\n';
}
