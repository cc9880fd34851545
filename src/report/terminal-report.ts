import type { ComparisonResult, MetricComparison } from './comparison.js';
import { formatValue } from './format-value.js';
import { containerThrottleLines } from './container-throttle-lines.js';
import { textTable } from './text-table.js';
import { formatClock, formatDuration } from '../quantities/duration.js';
import type { Colors } from './colors.js';
import { displayField } from '../scenario/upstream-field.js';
import { collapseEvents } from './collapse-events.js';
import { terminalSafe } from './escape.js';
import { DEFAULT_TOP_WORKLOADS } from './defaults.js';
import { moreLine, topWorkloads } from './top-workloads.js';

/**
 * The compare report for a terminal, at most 100 columns wide. Its per-workload tables list at
 * most `top` workloads (0: no limit), the changed ones and the blast radius first.
 */
export function renderComparison(result: ComparisonResult, c: Colors, top: number = DEFAULT_TOP_WORKLOADS): string {
  // Names, descriptions and messages come from the scenario: no control sequence reaches the terminal.
  const r = terminalSafe(result);
  const out: string[] = [];
  const seeds = r.scenario.seeds.length;
  out.push(c.bold(`kube-whatif compare: ${r.scenario.name}`));
  out.push(c.dim(`${formatDuration(r.scenario.durationMs)} simulated, ${seeds} seed${seeds > 1 ? 's' : ''} (${r.scenario.seeds.join(', ')}), before and after on the same random load`));
  out.push('');
  out.push(c.bold('Change'));
  out.push(`  ${r.change.description || '(no change)'}`);
  for (const f of r.change.fields) {
    if (/^workloads\.[^.]+$/.test(f.path)) continue;
    const d = displayField(f);
    out.push(...wrap(`${d.path}: ${d.before} -> ${d.after}`, 96).map((l, i) => c.dim(i === 0 ? `  ${l}` : `    ${l}`)));
  }
  for (const line of membershipLines(r)) out.push(...wrap(line, 96).map((l, i) => (i === 0 ? `  ${l}` : `    ${l}`)));
  out.push('');

  out.push(c.bold('Cost and nodes') + c.dim('   (delta: mean over seeds [95% interval])'));
  const clusterRows: string[][] = [['', 'before', 'after', 'delta', '']];
  for (const [name, label] of [['cost.monthly', 'cost per month'], ['nodes.peak', 'nodes at peak'], ['nodes.mean', 'nodes on average']] as const) {
    clusterRows.push(metricRow(label, r.cluster[name]!, c));
  }
  out.push(textTable(clusterRows));
  out.push('');

  out.push(...attributionSection(r, c, top), '');
  out.push(...nodeEventsSection(r, c), '');

  for (const name of r.change.changedWorkloads) out.push(...scalingSection(r, name, c), '');

  out.push(c.bold('Workloads') + c.dim('   (throttled = nr_throttled/nr_periods over the run; * = changed)'));
  const rows: string[][] = [['', 'throttled', '', 'p99 latency', '', 'SLO min', '', 'replicas']];
  const { shown, hidden } = topWorkloads(Object.keys(r.workloads), top, byAttention(r));
  for (const name of shown) {
    const m = r.workloads[name]!;
    const isChanged = r.change.changedWorkloads.includes(name);
    const hit = r.blastRadius.some((b) => b.workload === name);
    const label = `${isChanged ? '*' : ' '}${name}`;
    rows.push([
      hit ? c.red(label) : label,
      formatValue(m.throttledRatio!.before, 'ratio'),
      arrow(m.throttledRatio!, c, 'ratio'),
      formatValue(m['latency.p99']!.before, 'ms'),
      arrow(m['latency.p99']!, c, 'ms'),
      formatValue(m['slo.violationMinutes']!.before, 'minutes').replace(' min', ''),
      arrow(m['slo.violationMinutes']!, c, 'minutes').replace(' min', ''),
      `${formatValue(m['replicas.mean']!.before, 'count')} -> ${formatValue(m['replicas.mean']!.after, 'count')}`,
    ]);
  }
  out.push(textTable(rows));
  if (hidden) out.push(c.dim(moreLine(hidden, 'workload', 'changed, blast radius, then the largest')));
  out.push('');
  const containerLines = containerThrottleLines(r);
  if (containerLines.length) {
    out.push(c.bold('Containers') + c.dim('   (throttled containers of multi-container pods)'));
    for (const l of containerLines) out.push(`  ${terminalSafe(l)}`);
    out.push('');
  }

  out.push(c.bold('Blast radius') + c.dim('   (unrelated workloads that got worse, worst first; causes: first seed)'));
  if (r.blastRadius.length === 0) out.push(c.green('  none: no unrelated workload got worse beyond the practical thresholds'));
  for (const b of r.blastRadius) {
    out.push(`  ${c.red(b.workload)}`);
    for (const cause of b.causes) out.push(wrap(cause, 94).map((l, i) => (i === 0 ? `    - ${l}` : `      ${l}`)).join('\n'));
  }
  if (r.minorChanges.length) {
    out.push(c.dim('  smaller significant changes (below 1 point of throttling, +10 % p99, 1 SLO minute):'));
    for (const m of r.minorChanges) out.push(...wrap(`${m.workload}: ${m.changes.join('; ')}`, 94).map((l, i) => c.dim(i === 0 ? `    ${l}` : `      ${l}`)));
  }
  out.push('');

  const warnings = warningLines(r);
  if (warnings.length) {
    out.push(c.bold(c.yellow('Warnings')) + c.dim('   (what these numbers cannot be trusted for; seeds in brackets)'));
    for (const line of warnings) out.push(...wrap(line, 94).map((l, i) => (i === 0 ? `  ${c.yellow('!')} ${l}` : `      ${l}`)));
    out.push('');
  }

  if (r.assertions.length) {
    out.push(c.bold('Assertions'));
    for (const a of r.assertions) {
      const mark = a.pass ? c.green('PASS') : c.red('FAIL');
      out.push(wrap(a.message, 92).map((l, i) => (i === 0 ? `  ${mark} ${l}` : `       ${l}`)).join('\n'));
    }
    out.push('');
  }
  const failed = r.assertions.filter((a) => !a.pass).length;
  out.push(
    r.verdict === 'pass'
      ? c.green(c.bold(`Result: PASS (${r.assertions.length} assertion${r.assertions.length === 1 ? '' : 's'} hold)`))
      : c.red(c.bold(`Result: FAIL (${failed} of ${r.assertions.length} assertions violated)`)),
  );
  return out.join('\n') + '\n';
}

/**
 * Workloads in the order a cut table keeps them: changed, blast radius (worst first), smaller
 * significant changes, then by mean replicas after the change (the largest), then by name.
 */
function byAttention(r: ComparisonResult): (a: string, b: string) => number {
  const tier = (w: string): number => {
    if (r.change.changedWorkloads.includes(w)) return 0;
    const hit = r.blastRadius.findIndex((b) => b.workload === w);
    if (hit >= 0) return 1 + hit / (r.blastRadius.length + 1);
    return r.minorChanges.some((m) => m.workload === w) ? 2 : 3;
  };
  const replicas = (w: string): number => r.workloads[w]?.['replicas.mean']?.after ?? r.workloads[w]?.['replicas.mean']?.before ?? 0;
  return (a, b) => tier(a) - tier(b) || replicas(b) - replicas(a) || (a < b ? -1 : a > b ? 1 : 0);
}

/** Who the cost is for: attributed monthly cost per workload (first seed), largest change first. */
function attributionSection(r: ComparisonResult, c: Colors, top: number): string[] {
  const b = r.runs.before.nodeAutoscaling.costAttribution;
  const a = r.runs.after.nodeAutoscaling.costAttribution;
  if (!b || !a) return [];
  const out = [c.bold('Who the cost is for') + c.dim('   (per month, by share of requested CPU and memory, first seed)')];
  const rows: string[][] = [['', 'before', 'after', 'change']];
  const names = [...new Set([...Object.keys(b.monthly.byWorkloadUsd), ...Object.keys(a.monthly.byWorkloadUsd)])];
  const entries: [string, number, number][] = names.map((n) => [n, b.monthly.byWorkloadUsd[n] ?? 0, a.monthly.byWorkloadUsd[n] ?? 0]);
  entries.push(['(DaemonSets)', b.monthly.daemonSetsUsd, a.monthly.daemonSetsUsd], ['(idle capacity)', b.monthly.idleUsd, a.monthly.idleUsd]);
  entries.sort((x, y) => Math.abs(y[2] - y[1]) - Math.abs(x[2] - x[1]) || x[0].localeCompare(y[0]));
  // The two pseudo-rows count against the limit too: a cut table keeps the largest changes.
  const hidden = top > 0 && entries.length > top ? entries.length - top : 0;
  for (const [name, before, after] of hidden ? entries.slice(0, top) : entries) {
    rows.push([r.change.changedWorkloads.includes(name) ? `*${name}` : name, formatValue(before, 'usd'), formatValue(after, 'usd'), formatValue(after - before, 'usd', true)]);
  }
  out.push(textTable(rows));
  if (hidden) out.push(c.dim(moreLine(hidden, 'row', 'largest change')));
  return out;
}

/** Node scale events of the after run (first seed), with the autoscaler's reasons. */
function nodeEventsSection(r: ComparisonResult, c: Colors): string[] {
  const out = [c.bold('Node autoscaling') + c.dim('   (first seed)')];
  for (const [label, run] of [['before', r.runs.before], ['after', r.runs.after]] as const) {
    const pools = Object.entries(run.nodeAutoscaling.pools)
      .map(([name, p]) => `${name} +${p.nodesRequested}/-${p.nodesRemoved} nodes (peak ${run.pools[name]?.peakNodes ?? 0})`)
      .join(', ');
    out.push(`  ${label.padEnd(6)} ${pools}`);
  }
  const events = collapseEvents(r.runs.after.events.filter((e) => e.source === 'cluster-autoscaler' || e.source === 'karpenter' || e.source === 'replicaset')).slice(0, 6);
  for (const e of events) {
    const when = e.count > 1 ? `${formatClock(e.timeMs)}-${formatClock(e.lastMs)}` : formatClock(e.timeMs);
    out.push(...wrap(`${when} ${e.source} ${e.reason}${e.count > 1 ? ` x${e.count}` : ''}: ${e.message}`, 96).map((l, i) => c.dim(i === 0 ? `  ${l}` : `    ${l}`)));
  }
  return out;
}

function scalingSection(r: ComparisonResult, name: string, c: Colors): string[] {
  const out: string[] = [c.bold(`Scaling of ${name}`) + c.dim('   (replicas mean over seeds; the rest first seed)')];
  const m = r.workloads[name]!;
  const b = r.runs.before.workloads[name];
  const a = r.runs.after.workloads[name];
  if (!b || !a) {
    out.push(`  ${b ? 'removed by the change' : 'added by the change'}: replicas mean ${formatValue(m['replicas.mean']!.before, 'count')} -> ${formatValue(m['replicas.mean']!.after, 'count')}`);
    return out;
  }
  const rows: string[][] = [['', 'before', 'after']];
  rows.push(['replicas mean / peak', `${formatValue(m['replicas.mean']!.before, 'count')} / ${b.replicas.peak}`, `${formatValue(m['replicas.mean']!.after, 'count')} / ${a.replicas.peak}`]);
  rows.push(['time at maxReplicas', mins(b.replicas.secondsAtMax), mins(a.replicas.secondsAtMax)]);
  rows.push(['scale-ups / scale-downs', `${b.replicas.scaleUps} / ${b.replicas.scaleDowns}`, `${a.replicas.scaleUps} / ${a.replicas.scaleDowns}`]);
  rows.push(['pending pod-minutes', formatValue(b.pending.podSeconds / 60, 'minutes'), formatValue(a.pending.podSeconds / 60, 'minutes')]);
  out.push(textTable(rows));
  const limits = (s: Record<string, number>) =>
    Object.entries(s)
      .filter(([k]) => k !== 'DesiredWithinRange')
      .sort((x, y) => y[1] - x[1])
      .map(([k, v]) => `${k} ${formatDuration(v * 1000)}`)
      .join(', ') || 'none';
  out.push(`  limited by (before): ${limits(b.replicas.limitedSeconds)}`);
  out.push(`  limited by (after):  ${limits(a.replicas.limitedSeconds)}`);
  const decisions = r.runs.after.hpaDecisions[name] ?? [];
  const biggest = [...decisions].sort((x, y) => Math.abs(y.to - y.from) - Math.abs(x.to - x.from))[0];
  if (biggest) {
    const line = `after, largest step: ${biggest.from} -> ${biggest.to} at ${formatClock(biggest.timeMs)}: ${biggest.message}`;
    out.push(...wrap(line, 96).map((l) => c.dim(`  ${l}`)));
  }
  return out;
}

function metricRow(label: string, m: MetricComparison, c: Colors): string[] {
  const d = m.delta;
  let delta = 'n/a';
  if (d) {
    const rel = m.relative ? ` (${m.relative.mean >= 0 ? '+' : ''}${(m.relative.mean * 100).toFixed(1)}%)` : '';
    const ci = d.n > 1 ? ` [${formatValue(d.low, m.unit, true)}, ${formatValue(d.high, m.unit, true)}]` : '';
    delta = `${formatValue(d.mean, m.unit, true)}${rel}${ci}`;
  }
  const verdict = !d ? '' : !m.significant ? c.dim('no significant change') : d.mean > 0 ? c.yellow('up') : c.green('down');
  return [label, formatValue(m.before, m.unit), formatValue(m.after, m.unit), delta, verdict];
}

function arrow(m: MetricComparison, c: Colors, unit: 'ratio' | 'ms' | 'minutes'): string {
  const text = `-> ${formatValue(m.after, unit)}`;
  if (!m.significant || !m.delta) return c.dim(text);
  return m.delta.mean > 0 ? c.red(text) : c.green(text);
}

function mins(seconds: number | null): string {
  return seconds === null ? 'n/a' : formatDuration(seconds * 1000);
}

/** Each configuration's warnings as one line: "after: <message> [seeds]: <cause>". */
export function warningLines(r: ComparisonResult): string[] {
  const out: string[] = [];
  for (const side of ['before', 'after'] as const) {
    for (const w of r.warnings[side]) out.push(`${side}: ${w.message} [seed${w.seeds.length > 1 ? 's' : ''} ${w.seeds.join(', ')}]${w.cause ? `: ${w.cause}` : ''}`);
  }
  return out;
}

/**
 * One line per workload the change adds or removes: what it brings or frees (pods, requests, the
 * cost attributed to it), first seed.
 */
export function membershipLines(r: ComparisonResult): string[] {
  const out: string[] = [];
  for (const [names, run, verb] of [[r.change.added, r.runs.after, 'added'], [r.change.removed, r.runs.before, 'removed']] as const) {
    for (const name of names) {
      const w = run.workloads[name];
      const cost = run.nodeAutoscaling.costAttribution?.monthly.byWorkloadUsd[name];
      const parts = [
        w ? `${formatValue(w.replicas.mean, 'count')} replicas on average (peak ${w.replicas.peak})` : null,
        w ? `${formatValue(w.cpu.meanRequestedCores, 'cores')} requested` : null,
        cost !== undefined ? `${formatValue(cost, 'usd')} per month attributed` : null,
      ].filter((x): x is string => x !== null);
      out.push(`workload ${name} ${verb}${parts.length ? `: ${parts.join(', ')}` : ''}`);
    }
  }
  return out;
}

/** Greedy word wrap. */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}
